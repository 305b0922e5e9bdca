/**
 * 19-digit identifiers (工程编号, 申请批次号): 41 bits of milliseconds since the Twitter epoch
 * (2010-11-04, which keeps today's ids at 19 digits like the manual's 1862022707118747650), 10 bits
 * of node, 12 bits of sequence. Monotonic per node; the clock going backwards never repeats an id.
 */
const EPOCH = 1288834974657n;

export interface Snowflake {
  next(): bigint;
}

export function createSnowflake(nodeId: number, now: () => number = Date.now): Snowflake {
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId > 1023) throw new Error('node id must be 0..1023');
  const node = BigInt(nodeId);
  let lastMs = -1n;
  let seq = 0n;
  return {
    next() {
      let ms = BigInt(now());
      if (ms < lastMs) ms = lastMs; // clock moved back: stay on the last millisecond
      if (ms === lastMs) {
        seq = (seq + 1n) & 4095n;
        if (seq === 0n) ms = lastMs + 1n; // 4096 ids in one millisecond: borrow the next one
      } else {
        seq = 0n;
      }
      lastMs = ms;
      return ((ms - EPOCH) << 22n) | (node << 12n) | seq;
    },
  };
}
