/**
 * Lets the development SMS panel put a code into the SMS code field of whatever form is open,
 * without either knowing about the other.
 */
type Filler = (code: string, phone: string) => void;
let current: Filler | null = null;

export function registerSmsFiller(filler: Filler): () => void {
  current = filler;
  return () => {
    if (current === filler) current = null;
  };
}

/** Returns false when no form with an SMS code field is open. */
export function fillSmsCode(code: string, phone: string): boolean {
  if (!current) return false;
  current(code, phone);
  return true;
}

type Listener = () => void;
const sentListeners = new Set<Listener>();
/** Called after a code was requested, so the panel can refresh at once. */
export function notifySmsSent(): void {
  for (const l of sentListeners) l();
}
export function onSmsSent(l: Listener): () => void {
  sentListeners.add(l);
  return () => sentListeners.delete(l);
}
