import { describe, expect, it } from 'vitest';
import { beijingDate, beijingHour, greetingFor } from './format';

describe('Beijing clock helpers', () => {
  it('10:13 in Beijing is 02:13 UTC: 上午好, not 夜深了', () => {
    const at = new Date('2026-03-02T02:13:00Z');
    expect(beijingHour(at)).toBe(10);
    expect(greetingFor(at)).toBe('上午好');
  });

  it('the Beijing day turns at 16:00 UTC', () => {
    expect(beijingDate(new Date('2026-03-02T15:59:59Z'))).toBe('2026-03-02');
    expect(beijingDate(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
  });

  it('each part of the Beijing day has its greeting', () => {
    const at = (hhmm: string) => greetingFor(new Date(`2026-03-02T${hhmm}:00+08:00`));
    expect([at('01:00'), at('07:30'), at('10:13'), at('12:30'), at('15:00'), at('20:00')]).toEqual(['夜深了', '早上好', '上午好', '中午好', '下午好', '晚上好']);
  });
});
