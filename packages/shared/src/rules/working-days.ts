/**
 * Working days for review deadlines (e.g. 定额审核: 5 working days): the official PRC calendar of
 * the State Council's holiday notices, via `chinese-days` (holidays and adjusted working days, data
 * up to 2026), plus an override list the operator edits (next year's notice before the package has
 * it, a local closure). Beyond the package's data, Saturday and Sunday are rest days and every other
 * day is a working day, unless overridden.
 *
 * Dates are calendar days as 'YYYY-MM-DD' strings; no clock, no time zone.
 */
// The package's data file (the same tables its functions use, keyed by calendar date). Its lookup
// functions are not used: they turn 'YYYY-MM-DD' into a UTC instant and read it back in local time,
// so west of Greenwich every answer is a day off. The data file has no such problem.
import officialCalendar from 'chinese-days/dist/chinese-days.json';

export interface DayOverride {
  date: string;
  workday: boolean;
  note?: string;
}

export interface WorkCalendar {
  /** Whether `date` is a working day: the override if there is one, else the official calendar. */
  isWorkday(date: string): boolean;
  /**
   * The n-th working day after `from` (`from` itself not counted); n = 0 → `from`;
   * n < 0 → the |n|-th working day before `from`.
   */
  addWorkingDays(from: string, n: number): string;
  /** The number of working days in (from, to]; negative (−count of (to, from]) when to < from. */
  workingDaysBetween(from: string, to: string): number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** No real calendar has a year of rest days; stop rather than loop on a broken override list. */
const MAX_REST_RUN = 366;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (UTC arithmetic, so no time zone or DST can shift it). */
function toDayNumber(s: string): number {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) {
      return Math.round(Date.UTC(y, mo - 1, d) / DAY_MS);
    }
  }
  throw new RangeError(`不是有效日期（YYYY-MM-DD）：${String(s)}`);
}

function fromDayNumber(n: number): string {
  const dt = new Date(n * DAY_MS);
  const y = dt.getUTCFullYear();
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** 'YYYY-MM-DD' → 'National Day,国庆节,3': the official rest days (statutory holidays and 调休 days off). */
const officialRestDays: Readonly<Record<string, string>> = officialCalendar.holidays;
/** Official working Saturdays and Sundays (调休上班). */
const officialWorkDays: Readonly<Record<string, string>> = officialCalendar.workdays;

/** The official answer for one day; outside the package's data, Monday–Friday work. */
function officialWorkday(dayNumber: number): boolean {
  const key = fromDayNumber(dayNumber);
  if (Object.hasOwn(officialWorkDays, key)) return true;
  if (Object.hasOwn(officialRestDays, key)) return false;
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function createWorkCalendar(overrides: DayOverride[] = []): WorkCalendar {
  /** Later entries win when a date is listed twice. */
  const overridden = new Map<number, boolean>();
  for (const o of overrides) {
    if (typeof o.workday !== 'boolean') throw new TypeError(`调整日 ${o.date} 缺少是否工作日`);
    overridden.set(toDayNumber(o.date), o.workday);
  }
  const cache = new Map<number, boolean>();

  const work = (n: number): boolean => {
    let v = cache.get(n);
    if (v === undefined) {
      v = overridden.get(n) ?? officialWorkday(n);
      cache.set(n, v);
    }
    return v;
  };

  return {
    isWorkday(date) {
      return work(toDayNumber(date));
    },

    addWorkingDays(from, n) {
      if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数应为整数：${n}`);
      let day = toDayNumber(from);
      const step = n < 0 ? -1 : 1;
      let left = Math.abs(n);
      let restRun = 0;
      while (left > 0) {
        day += step;
        if (work(day)) {
          left--;
          restRun = 0;
        } else if (++restRun > MAX_REST_RUN) {
          throw new RangeError(`${from} 之后连续超过${MAX_REST_RUN}天没有工作日，请检查节假日调整`);
        }
      }
      return fromDayNumber(day);
    },

    workingDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let d = lo + 1; d <= hi; d++) if (work(d)) count++;
      return sign * count || 0; // never −0
    },
  };
}
