/**
 * 保函期限 (SPEC §6): at least one year, and not shorter than the remaining construction period
 * (to the project's 计划竣工日期). The web's form and the server check the same function; dates are
 * calendar days (YYYY-MM-DD), both ends included.
 */
const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY);
}

/** The same day n years later (29 Feb → 1 Mar in a common year). */
export function addYears(date: string, years: number): string {
  const d = new Date(toMs(date));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return fromMs(d.getTime());
}

/** Days from `from` to `to`, both included (2026-03-02 ~ 2026-03-02 is 1 day). */
export const daysInclusive = (from: string, to: string) => Math.round((toMs(to) - toMs(from)) / DAY) + 1;

export interface GuaranteeTermInput {
  from: string;
  to: string;
  /** the project's 计划竣工日期 */
  plannedEnd: string;
  /** the platform's today (Beijing) */
  today: string;
}

/** The earliest end date the rules allow for a term starting on `from`. */
export function minimumGuaranteeEnd(i: Omit<GuaranteeTermInput, 'to'>): { oneYear: string; remaining: string } {
  const oneYear = addDays(addYears(i.from, 1), -1);
  // the remaining period counted from today (or from the start, if it starts later), and at least to the planned end
  const remainingDays = i.plannedEnd >= i.today ? daysInclusive(i.today, i.plannedEnd) : 0;
  const byLength = remainingDays > 0 ? addDays(i.from, remainingDays - 1) : i.from;
  const remaining = byLength > i.plannedEnd ? byLength : i.plannedEnd;
  return { oneYear, remaining };
}

/** Why the term is not allowed (a Chinese sentence naming the dates), or null. */
export function guaranteeTermProblem(i: GuaranteeTermInput): string | null {
  if (i.to < i.from) return '保函期限的结束日期不能早于开始日期';
  const min = minimumGuaranteeEnd(i);
  if (i.to < min.oneYear) return `保函期限不得少于一年：自 ${i.from} 起应至少到 ${min.oneYear}`;
  if (i.to < min.remaining) return `保函期限不得短于剩余工期：应至少到 ${min.remaining}（计划竣工日期 ${i.plannedEnd}）`;
  return null;
}
