import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from './working-days';

const cal = createWorkCalendar();

/** Every date from `from` to `to`, inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('2025 National Day + Mid-Autumn (10-01..10-08 off; Sun 09-28 and Sat 10-11 worked)', () => {
  it.each<[string, boolean]>([
    ['2025-09-26', true], // Friday
    ['2025-09-27', false], // Saturday, an ordinary weekend day
    ['2025-09-28', true], // Sunday, adjusted working day
    ['2025-09-29', true],
    ['2025-09-30', true],
    ...days('2025-10-01', '2025-10-08').map((d): [string, boolean] => [d, false]),
    ['2025-10-09', true],
    ['2025-10-10', true],
    ['2025-10-11', true], // Saturday, adjusted working day
    ['2025-10-12', false], // Sunday
    ['2025-10-13', true],
  ])('%s is a working day: %s', (d, work) => {
    expect(cal.isWorkday(d)).toBe(work);
  });

  it('a review submitted on Friday 2025-09-26 is due 5 working days later on Friday 2025-10-10', () => {
    // 1: Sun 09-28, 2: 09-29, 3: 09-30, (10-01..10-08 off), 4: 10-09, 5: 10-10
    expect(cal.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect([1, 2, 3, 4, 5, 6].map((n) => cal.addWorkingDays('2025-09-26', n))).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
    ]);
  });

  it('a review submitted during the holiday is due on the 5th working day after it', () => {
    // 10-09, 10-10, 10-11 (Sat), 10-13, 10-14
    expect(cal.addWorkingDays('2025-10-03', 5)).toBe('2025-10-14');
    expect(cal.addWorkingDays('2025-09-27', 1)).toBe('2025-09-28');
  });

  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-08')).toBe(3);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6);
    expect(cal.workingDaysBetween('2025-09-26', '2025-09-26')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-27', '2025-09-28')).toBe(1); // the end is counted
    expect(cal.workingDaysBetween('2025-09-28', '2025-09-29')).toBe(1); // the start is not
  });

  it('is negative when to is before from (e.g. days left before a deadline)', () => {
    expect(cal.workingDaysBetween('2025-10-10', '2025-09-26')).toBe(-5);
    expect(cal.workingDaysBetween('2025-10-08', '2025-09-30')).toBe(0);
  });

  it('steps backwards with a negative n', () => {
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-09', -3)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-10-09', -4)).toBe('2025-09-26');
  });

  it('returns from itself for n = 0, working day or not', () => {
    expect(cal.addWorkingDays('2025-10-01', 0)).toBe('2025-10-01');
    expect(cal.addWorkingDays('2025-10-09', 0)).toBe('2025-10-09');
  });
});

describe('2026 Spring Festival (02-15..02-23 off; Sat 02-14 and Sat 02-28 worked)', () => {
  it.each<[string, boolean]>([
    ['2026-02-13', true],
    ['2026-02-14', true], // Saturday, adjusted working day
    ...days('2026-02-15', '2026-02-23').map((d): [string, boolean] => [d, false]),
    ['2026-02-24', true],
    ['2026-02-27', true],
    ['2026-02-28', true], // Saturday, adjusted working day
    ['2026-03-01', false], // Sunday
  ])('%s is a working day: %s', (d, work) => {
    expect(cal.isWorkday(d)).toBe(work);
  });

  it('computes deadlines across it', () => {
    // 1: Sat 02-14, 2: 02-24, 3: 02-25, 4: 02-26, 5: 02-27
    expect(cal.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-27', 1)).toBe('2026-02-28');
    expect(cal.addWorkingDays('2026-02-26', 5)).toBe('2026-03-04'); // 02-27, Sat 02-28, 03-02, 03-03, 03-04
  });

  it('counts across it', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
    expect(cal.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
  });
});

describe('other official days in the package data', () => {
  it.each<[string, boolean]>([
    ['2026-01-01', false], // 元旦
    ['2026-01-04', true], // Sunday worked
    ['2026-10-10', true], // Saturday worked
    ['2025-01-26', true], // Sunday worked before the 2025 Spring Festival
    ['2024-09-14', true], // Saturday worked before the 2024 Mid-Autumn
    ['2025-05-05', false], // Labour Day, in lieu
  ])('%s is a working day: %s', (d, work) => {
    expect(cal.isWorkday(d)).toBe(work);
  });
});

describe('beyond the package data: Saturday and Sunday rest', () => {
  it.each<[string, boolean]>([
    ['2027-03-12', true], // Friday
    ['2027-03-13', false], // Saturday
    ['2027-03-14', false], // Sunday
    ['2027-03-15', true], // Monday
    ['2030-07-17', true], // Wednesday
  ])('%s is a working day: %s', (d, work) => {
    expect(cal.isWorkday(d)).toBe(work);
  });

  it('counts weekdays only', () => {
    expect(cal.addWorkingDays('2027-03-12', 1)).toBe('2027-03-15');
    expect(cal.addWorkingDays('2027-03-12', 5)).toBe('2027-03-19');
    expect(cal.workingDaysBetween('2027-03-12', '2027-03-19')).toBe(5);
  });

  it('crosses 29 February', () => {
    expect(cal.addWorkingDays('2028-02-28', 1)).toBe('2028-02-29'); // Monday → Tuesday
    expect(cal.addWorkingDays('2028-02-25', 3)).toBe('2028-03-01');
  });
});

describe('overrides', () => {
  it('turn an official working day into a rest day', () => {
    const c = createWorkCalendar([{ date: '2025-10-09', workday: false, note: '停电' }]);
    expect(c.isWorkday('2025-10-09')).toBe(false);
    expect(c.addWorkingDays('2025-09-26', 5)).toBe('2025-10-11');
    expect(c.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(4);
  });

  it('turn an official rest day into a working day', () => {
    const c = createWorkCalendar([{ date: '2025-10-08', workday: true }]);
    expect(c.isWorkday('2025-10-08')).toBe(true);
    expect(c.addWorkingDays('2025-09-26', 4)).toBe('2025-10-08');
    expect(c.addWorkingDays('2025-09-26', 5)).toBe('2025-10-09');
  });

  it('turn an adjusted working Sunday back into a rest day', () => {
    const c = createWorkCalendar([{ date: '2025-09-28', workday: false }]);
    expect(c.addWorkingDays('2025-09-26', 5)).toBe('2025-10-11');
  });

  it("supply next year's holidays before the package has them", () => {
    // 2027: 元旦 (Friday) off, and a worked Saturday, as an operator would enter them
    const c = createWorkCalendar([
      { date: '2027-01-01', workday: false, note: '元旦' },
      { date: '2027-02-20', workday: true, note: '春节调休上班' },
    ]);
    expect(c.isWorkday('2027-01-01')).toBe(false);
    expect(c.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(c.isWorkday('2027-02-20')).toBe(true);
    expect(c.isWorkday('2027-02-21')).toBe(false);
  });

  it('turn a weekend day of 2027 into a working day and a weekday into a rest day', () => {
    const c = createWorkCalendar([
      { date: '2027-03-13', workday: true },
      { date: '2027-03-16', workday: false },
    ]);
    expect(c.addWorkingDays('2027-03-12', 1)).toBe('2027-03-13');
    expect(c.addWorkingDays('2027-03-12', 3)).toBe('2027-03-17');
  });

  it('affect only the calendar they were given to', () => {
    createWorkCalendar([{ date: '2025-10-09', workday: false }]);
    expect(cal.isWorkday('2025-10-09')).toBe(true);
    expect(createWorkCalendar().isWorkday('2025-10-09')).toBe(true);
  });

  it('the later entry wins when a date is listed twice', () => {
    const c = createWorkCalendar([
      { date: '2025-10-09', workday: false },
      { date: '2025-10-09', workday: true },
    ]);
    expect(c.isWorkday('2025-10-09')).toBe(true);
  });

  it('refuse an invalid date', () => {
    expect(() => createWorkCalendar([{ date: '2025-02-29', workday: false }])).toThrow(RangeError);
    expect(() => createWorkCalendar([{ date: '2025/10/09', workday: false }])).toThrow(RangeError);
  });

  it('refuse a missing workday flag', () => {
    expect(() => createWorkCalendar([{ date: '2025-10-09' } as never])).toThrow(TypeError);
  });

  it('stop rather than loop forever when they leave no working day', () => {
    const off = days('2030-01-01', '2031-12-31').map((date) => ({ date, workday: false }));
    const c = createWorkCalendar(off);
    expect(() => c.addWorkingDays('2029-12-31', 1)).toThrow(RangeError);
  });
});

describe('consistency', () => {
  it('addWorkingDays and workingDaysBetween agree on every day of 2025–2026', () => {
    for (const from of days('2025-01-01', '2026-12-31')) {
      for (const n of [1, 5]) {
        const due = cal.addWorkingDays(from, n);
        expect(cal.isWorkday(due), `${from}+${n}`).toBe(true);
        expect(cal.workingDaysBetween(from, due), `${from}+${n}`).toBe(n);
        expect(cal.addWorkingDays(due, -n) <= from, `${from}+${n}`).toBe(true);
      }
    }
  });

  it('2025 and 2026 each have 365 − 104 weekend days − 13 statutory holidays = 248 working days', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('input checks', () => {
  it.each(['2025-9-26', '2025-02-29', '2025-13-01', '', '2025-09-26T00:00:00Z', '0999-01-01'])('refuses %j', (bad) => {
    expect(() => cal.isWorkday(bad)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(bad, 1)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween(bad, '2025-10-10')).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2025-10-10', bad)).toThrow(RangeError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses n = %s', (n) => {
    expect(() => cal.addWorkingDays('2025-09-26', n)).toThrow(RangeError);
  });
});

describe('time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC'])('gives the same answers in %s', (tz) => {
    process.env.TZ = tz;
    const c = createWorkCalendar();
    expect(c.isWorkday('2025-09-28')).toBe(true);
    expect(c.isWorkday('2025-09-27')).toBe(false);
    expect(c.isWorkday('2027-03-13')).toBe(false);
    expect(c.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(c.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
  });
});
