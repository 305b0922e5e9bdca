/**
 * Totals of project lists. An exact COUNT(*) over a remit of a million projects (the city bureaux see
 * every project) costs 150–250 ms of database CPU (`npm run bench:explain`), on every page view; at 32
 * concurrent viewers that alone puts p99 far above 50 ms (docs/PERFORMANCE.md). So:
 * - identical counts running at the same moment share one query;
 * - a total of `exactBelow` rows or more is kept for `ttlMs`, and after that served while one
 *   background count refreshes it (for at most `staleMs` more); nobody can tell 1,000,214 from
 *   1,000,219 in a pager;
 * - smaller totals are always counted afresh, so every list a person can check by eye (an
 *   enterprise's own, a narrow search) stays exact.
 */
export interface TotalsCache {
  /** `count(true)` when nobody waits for it (a refresh): the caller may run it in a background lane */
  total(key: string, count: (background: boolean) => Promise<number>): Promise<number>;
  clear(): void;
}

export function createTotalsCache(opts: { ttlMs?: number; staleMs?: number; exactBelow?: number; maxEntries?: number; now?: () => number } = {}): TotalsCache {
  const ttl = opts.ttlMs ?? 15_000;
  const stale = opts.staleMs ?? 60_000;
  const exactBelow = opts.exactBelow ?? 10_000;
  const max = opts.maxEntries ?? 2_000;
  const now = opts.now ?? Date.now;
  const kept = new Map<string, { n: number; at: number }>();
  const running = new Map<string, Promise<number>>();

  const count = (key: string, run: (background: boolean) => Promise<number>, background: boolean): Promise<number> => {
    let p = running.get(key);
    if (!p) {
      p = run(background)
        .then((n) => {
          kept.delete(key);
          if (n >= exactBelow) {
            kept.set(key, { n, at: now() });
            if (kept.size > max) kept.delete(kept.keys().next().value!);
          }
          return n;
        })
        .finally(() => running.delete(key));
      running.set(key, p);
    }
    return p;
  };

  return {
    async total(key, run) {
      const hit = kept.get(key);
      const age = hit ? now() - hit.at : Infinity;
      if (hit && age < ttl) return hit.n;
      if (hit && age < ttl + stale) {
        count(key, run, true).catch(() => {}); // refresh in the background; a failure keeps the old total a little longer
        return hit.n;
      }
      return count(key, run, false);
    },
    clear: () => kept.clear(),
  };
}
