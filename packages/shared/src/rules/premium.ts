/**
 * 参考保费 and 保险费率 (SPEC §6, manual 2.2.2), exact in integers — never floating point:
 * 保险费率 = 年费率 × 保障天数 / 365 and 保费 = 保证金金额 × 年费率 × 保障天数 / 365, rounded half-up to 分
 * (the manual's 1,000.00 × 1% × 35 / 365 = 0.96). 年费率 is kept in parts per million (1% = 10000).
 */

/** a / b rounded half-up (a ≥ 0, b > 0). */
const divHalfUp = (a: bigint, b: bigint): bigint => (a * 2n + b) / (b * 2n);

/** 保费 in 分: amount × (ppm / 1e6) × days / 365, half-up. */
export function premiumFen(amountFen: bigint, annualRatePpm: number, days: number): bigint {
  return divHalfUp(amountFen * BigInt(annualRatePpm) * BigInt(days), 1_000_000n * 365n);
}

/** 保险费率 as a decimal string with `places` decimals, half-up: 1% over 35 days → "0.00096". */
export function periodRateText(annualRatePpm: number, days: number, places = 5): string {
  const scale = 10n ** BigInt(places);
  const v = divHalfUp(BigInt(annualRatePpm) * BigInt(days) * scale, 1_000_000n * 365n);
  return decimalText(v, places);
}

/** 保费 in 分 from a rate written as a decimal ("0.00096"): amount × rate, half-up. */
export function premiumFromRateFen(amountFen: bigint, rate: string): bigint {
  const [i = '0', f = ''] = rate.split('.');
  const scale = 10n ** BigInt(f.length);
  return divHalfUp(amountFen * BigInt(i + f), scale);
}

/** 年费率 as the percentage the catalogue shows: 10000 ppm → "1%", 8500 → "0.85%". */
export function annualRateText(ppm: number): string {
  const s = decimalText(BigInt(ppm), 4).replace(/\.?0+$/, '');
  return `${s}%`;
}

/** "1.25" (percent) → 12500 ppm; null if not a percentage with ≤ 4 decimals. */
export function percentToPpm(percent: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d{1,4}))?$/.exec(percent.trim());
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 保障天数: calendar days from 起保日期 to 终保日期, both included (YYYY-MM-DD). */
export function coverDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function decimalText(v: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  return `${v / scale}.${(v % scale).toString().padStart(places, '0')}`;
}

/** A rate as the insurer gives it: a decimal in [0, 1) with at most 8 decimals ("0.00096"). */
export const RATE_RE = /^0(\.\d{1,8})?$/;

/**
 * 保险期间 must cover the construction period (issue 12): it starts no later than 计划开工日期 (a
 * project already under way: no later than `today`) and ends no earlier than 计划竣工日期. One rule for
 * the 投保信息 form (起保 / 终保日期) and the insurer's 出单 (保险起期 / 止期), with one sentence.
 */
export function insuranceCoverProblem(p: { from: string; to: string; plannedStart: string; plannedEnd: string; today: string }): string | null {
  if (p.to < p.from) return '终保日期不能早于起保日期';
  const latestStart = p.plannedStart > p.today ? p.plannedStart : p.today;
  if (p.from > latestStart || p.to < p.plannedEnd) {
    return `保险期间应覆盖施工期：起保日期不晚于 ${latestStart}，终保日期不早于计划竣工日期 ${p.plannedEnd}`;
  }
  return null;
}
