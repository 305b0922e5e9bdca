import { useSearchParams } from 'react-router';

/**
 * The `status` a link put in the address (the 首页's figures, e.g. `/bank/returns?status=pending`):
 * only a valid value is taken. Key the table by it so a new link remounts it with that filter.
 */
export function useLinkedStatus<T extends string>(allowed: readonly T[]): { key: string; status: T | undefined; initialValues: { status?: T } } {
  const [params] = useSearchParams();
  const raw = params.get('status');
  const status = raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
  return { key: status ?? '', status, initialValues: status ? { status } : {} };
}
