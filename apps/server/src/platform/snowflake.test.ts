import { describe, expect, it } from 'vitest';
import { createSnowflake } from './snowflake';

describe('snowflake ids', () => {
  it('are 19 digits today and strictly increasing, also within one millisecond and across 4096', () => {
    const sf = createSnowflake(7, () => Date.parse('2026-11-30T10:00:00Z'));
    let prev = 0n;
    for (let i = 0; i < 10_000; i++) {
      const id = sf.next();
      expect(id > prev).toBe(true);
      prev = id;
    }
    expect(String(prev)).toHaveLength(19);
  });

  it('do not repeat when the clock moves backwards', () => {
    let t = Date.parse('2026-11-30T10:00:00Z');
    const sf = createSnowflake(1, () => t);
    const a = sf.next();
    t -= 5000;
    const b = sf.next();
    expect(b > a).toBe(true);
  });

  it('differ between nodes at the same instant', () => {
    const now = () => Date.parse('2026-11-30T10:00:00Z');
    expect(createSnowflake(1, now).next()).not.toBe(createSnowflake(2, now).next());
    expect(() => createSnowflake(1024)).toThrow();
  });
});
