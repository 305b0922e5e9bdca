/**
 * A year's holiday arrangement (节假日安排) as the operator enters or pastes it from the State
 * Council's notice: one line per day or range, 休 (rest) or 班 (working day, 调休上班).
 *
 *   2027-01-01 休 元旦
 *   2027-02-06至2027-02-12 休 春节
 *   2027-02-14 班 春节调休
 *
 * Also accepted: "~", "-" or "到" between the dates of a range; "放假"/"休息" for 休, "上班"/"工作" for 班;
 * full-width digits and separators. Pure; no clock.
 */
import type { DayOverride } from './working-days';

export interface ArrangementParse {
  days: DayOverride[];
  /** one Chinese message per line that could not be read */
  problems: string[];
}

const DAY_MS = 86_400_000;

function normalise(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／.．年月]/g, '-')
    .replace(/日/g, ' ')
    .replace(/[～〜]/g, '~')
    .replace(/\s+/g, ' ')
    .trim();
}

function toDate(s: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseArrangement(text: string, year: number): ArrangementParse {
  const days = new Map<string, DayOverride>();
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = normalise(raw);
    if (!line || line.startsWith('#')) return;
    const m = /^(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|--|—|-(?=\s*\d{4}-))\s*(\d{4}-\d{1,2}-\d{1,2}))?\s*(休息|放假|休|上班|工作|班)\s*(.*)$/.exec(line);
    if (!m) {
      problems.push(`第${i + 1}行无法识别：“${raw.trim()}”（应为“日期 休/班 说明”，如“${year}-01-01 休 元旦”）`);
      return;
    }
    const from = toDate(m[1]!);
    const to = m[2] ? toDate(m[2]) : from;
    if (!from || !to) {
      problems.push(`第${i + 1}行日期无效：“${raw.trim()}”`);
      return;
    }
    if (to < from) {
      problems.push(`第${i + 1}行结束日期早于开始日期`);
      return;
    }
    const workday = m[3] === '班' || m[3] === '上班' || m[3] === '工作';
    const note = m[4]?.trim() || undefined;
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (Number(date.slice(0, 4)) !== year) {
        problems.push(`第${i + 1}行的日期 ${date} 不在 ${year} 年`);
        return;
      }
      days.set(date, { date, workday, ...(note ? { note } : {}) });
    }
  });
  return { days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)), problems };
}

/** The last year whose arrangement ships with the `chinese-days` package (official, counts as confirmed). */
export const PACKAGED_CALENDAR_LAST_YEAR = 2026;

/** Shown after a deadline that falls in a year whose arrangement is not confirmed. */
export const UNCONFIRMED_CALENDAR_NOTE = '（节假日安排未确认）';

/** Whether a date's year has a confirmed arrangement (the package's years, or those the operator confirmed). */
export function calendarYearConfirmed(date: string, confirmedYears: readonly number[]): boolean {
  const y = Number(date.slice(0, 4));
  return y <= PACKAGED_CALENDAR_LAST_YEAR || confirmedYears.includes(y);
}

/** A deadline as shown: the date, plus the note when its year's arrangement is not confirmed. */
export function deadlineText(date: string, confirmedYears: readonly number[]): string {
  return calendarYearConfirmed(date, confirmedYears) ? date : `${date}${UNCONFIRMED_CALENDAR_NOTE}`;
}

/**
 * The year the admin 首页 should warn about on `today` (Beijing date): from 1 November, next year's
 * arrangement must be entered and confirmed; null when nothing is due.
 */
export function calendarYearToConfirm(today: string, confirmedYears: readonly number[]): number | null {
  const y = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  for (const year of [y, ...(month >= 11 ? [y + 1] : [])]) {
    if (year > PACKAGED_CALENDAR_LAST_YEAR && !confirmedYears.includes(year)) return year;
  }
  return null;
}
