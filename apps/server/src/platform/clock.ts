/** Time is a dependency: tests move it, nothing sleeps. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** Midnight of the current day in Asia/Shanghai (no DST), as an instant. */
export function startOfShanghaiDay(d: Date): Date {
  const local = d.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - SHANGHAI_OFFSET_MS);
}

/** The calendar day in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
