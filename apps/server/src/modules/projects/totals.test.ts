import { describe, expect, it } from 'vitest';
import { createTotalsCache } from './totals';

describe('list totals', () => {
  it('counts small totals afresh, keeps large ones for the TTL, refreshes them in the background, shares counts running at once', async () => {
    let t = 0;
    let calls = 0;
    const lanes: boolean[] = [];
    const cache = createTotalsCache({ ttlMs: 1000, staleMs: 5000, exactBelow: 100, now: () => t });
    const count = (n: number) => async (background: boolean) => {
      calls++;
      lanes.push(background);
      await new Promise((r) => setTimeout(r, 5));
      return n;
    };
    expect(await cache.total('small', count(99))).toBe(99);
    expect(await cache.total('small', count(98))).toBe(98);
    expect(calls).toBe(2);

    const [a, b] = await Promise.all([cache.total('big', count(5000)), cache.total('big', count(7777))]);
    expect([a, b]).toEqual([5000, 5000]);
    expect(calls).toBe(3);
    t = 999;
    expect(await cache.total('big', count(6000))).toBe(5000);
    expect(calls).toBe(3);
    // expired: the old total answers at once while one count refreshes it
    t = 1000;
    expect(await cache.total('big', count(6000))).toBe(5000);
    expect(await cache.total('big', count(6001))).toBe(5000);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(4);
    expect(await cache.total('big', count(6002))).toBe(6000);
    // too old to serve: counted while the caller waits
    t = 1000 + 1000 + 5000;
    expect(await cache.total('big', count(7000))).toBe(7000);
    expect(calls).toBe(5);
    // only the refresh nobody waited for went to the background lane
    expect(lanes).toEqual([false, false, false, true, false]);
  });
});
