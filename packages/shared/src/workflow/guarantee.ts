/**
 * 保函管理 (SPEC §6): the register of every guarantee and policy in force on the platform — a bank
 * guarantee issued online (银行保函办理), an offline guarantee or policy uploaded and verified
 * (保单保函上传), an insurance policy (保险办理). Its 状态 is never stored: it follows from the dates on
 * the platform's clock (and the release / claim instants), computed in SQL for the list's filter and
 * here for everything else; `guaranteeStatusOn` and the server's SQL are tested to agree.
 */

export const GUARANTEE_KINDS = ['bank_guarantee', 'offline_guarantee', 'insurance_policy'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];
/** 类型 */
export const guaranteeKindLabels: Record<GuaranteeKind, string> = {
  bank_guarantee: '银行保函',
  offline_guarantee: '线下保单保函',
  insurance_policy: '保证保险保单',
};

export const GUARANTEE_STATUSES = ['valid', 'expiring', 'expired', 'released', 'claimed'] as const;
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];
/** 状态 */
export const guaranteeStatusLabels: Record<GuaranteeStatus, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已到期',
  released: '已释放',
  claimed: '已理赔',
};

/** 即将到期: at most this many days left until 期限 ends (65号: the bureau reminds one month ahead). */
export const GUARANTEE_EXPIRING_DAYS = 30;

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);

/** Days from `today` to `validTo` (0 = ends today, negative = ended). Dates are YYYY-MM-DD. */
export const guaranteeDaysLeft = (validTo: string, today: string): number => dayNumber(validTo) - dayNumber(today);

/**
 * The 状态 of a register row on `today` (the platform clock's Beijing date): 已理赔 once claimed,
 * else 已释放 once released, else by 期限: ended before today → 已到期; ending within 30 days
 * (today included) → 即将到期; otherwise 有效. A guarantee is in force on its last day.
 */
export function guaranteeStatusOn(g: { validTo: string; releasedAt: string | Date | null; claimedAt: string | Date | null }, today: string): GuaranteeStatus {
  if (g.claimedAt) return 'claimed';
  if (g.releasedAt) return 'released';
  const left = guaranteeDaysLeft(g.validTo, today);
  if (left < 0) return 'expired';
  if (left <= GUARANTEE_EXPIRING_DAYS) return 'expiring';
  return 'valid';
}

/** In force: neither released nor claimed, and 期限 not ended (有效 or 即将到期). */
export const GUARANTEE_IN_FORCE_STATUSES = ['valid', 'expiring'] as const satisfies readonly GuaranteeStatus[];

/**
 * A 保函号 / 保单号 as compared on the platform: full-width forms folded (NFKC), blanks removed,
 * letters upper-cased — "bh 2024-001" and "ＢＨ2024-001" are one number.
 */
export function guaranteeNumberKey(number: string): string {
  return number.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
