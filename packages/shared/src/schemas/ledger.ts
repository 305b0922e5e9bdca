import { z } from 'zod';
import { zFilterText, zPageQuery, zSnowflakeId, pageOf } from './common';
import { zRegionCode } from './project';
import { DEPOSIT_STATUSES } from '../workflow/project';

/**
 * 台账 (SPEC §10, issue 15, ADR 043): every deposit of the hrss / authority unit's remit with its
 * instruments, uses, replenishments and returns, and the balance that covers it now; monthly
 * statistics by region and way. Money as yuan strings (ADR 007), computed in 分.
 */

/** The ways of the statistics: how the deposit was settled (缴纳方式, or 免缴 / 缓缴 by the quota). */
export const LEDGER_WAYS = ['cash', 'bank_guarantee', 'insurance', 'exempted', 'deferred'] as const;
export type LedgerWay = (typeof LEDGER_WAYS)[number];
export const ledgerWayLabels: Record<LedgerWay, string> = { cash: '现金', bank_guarantee: '银行保函', insurance: '保险', exempted: '免缴', deferred: '缓缴' };

export const LEDGER_MOVEMENT_KINDS = ['cash_in', 'replenish_in', 'guarantee_in', 'use', 'release', 'expire', 'return'] as const;
export type LedgerMovementKind = (typeof LEDGER_MOVEMENT_KINDS)[number];
export const ledgerMovementLabels: Record<LedgerMovementKind, string> = {
  cash_in: '现金到账',
  replenish_in: '补足到账',
  guarantee_in: '保函（保单）出具',
  use: '保证金动用',
  release: '保函（保单）释放',
  expire: '保函（保单）到期',
  return: '现金返还',
};

const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为YYYY-MM' });

export const zLedgerFilter = z.object({
  name: zFilterText,
  regionCode: zRegionCode.optional(),
  way: z.enum(LEDGER_WAYS, { error: '缴纳方式不正确' }).optional(),
  depositStatus: z.enum(DEPOSIT_STATUSES, { error: '保证金状态不正确' }).optional(),
  /** the month the deposit was settled (缴纳 / 免缴 / 缓缴) */
  month: zMonth.optional(),
});
export const zLedgerListQuery = zPageQuery.extend(zLedgerFilter.shape);
export type TLedgerListQuery = z.infer<typeof zLedgerListQuery>;
export type TLedgerFilter = z.infer<typeof zLedgerFilter>;

export const zLedgerRow = z.object({
  projectId: z.string(),
  projectName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  contractorName: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  way: z.enum(LEDGER_WAYS),
  settledOn: z.string(),
  /** 缴纳金额: cash first paid + guarantees and policies; 免缴 / 缓缴: the quota's amount */
  settledAmount: z.string(),
  cash: z.string(),
  bankGuarantee: z.string(),
  offlineGuarantee: z.string(),
  insurancePolicy: z.string(),
  used: z.string(),
  useCount: z.number().int(),
  replenished: z.string(),
  /** released guarantees and returned cash */
  returned: z.string(),
  balance: z.string(),
});
export type TLedgerRow = z.infer<typeof zLedgerRow>;
export const zLedgerPage = pageOf(zLedgerRow).extend({ totals: z.object({ settledAmount: z.string(), balance: z.string() }) });
export type TLedgerPage = z.infer<typeof zLedgerPage>;

export const zLedgerMovement = z.object({
  date: z.string(),
  kind: z.enum(LEDGER_MOVEMENT_KINDS),
  kindLabel: z.string(),
  instrument: z.string(),
  reference: z.string(),
  /** signed: + into the cover, − out of it */
  amount: z.string(),
  balance: z.string(),
  note: z.string(),
});
export type TLedgerMovement = z.infer<typeof zLedgerMovement>;
export const zLedgerDetail = z.object({ row: zLedgerRow, movements: z.array(zLedgerMovement) });
export type TLedgerDetail = z.infer<typeof zLedgerDetail>;
export const zLedgerProjectParams = z.object({ projectId: zSnowflakeId('工程编号格式不正确') });

export const zLedgerStatsQuery = z.object({ year: z.coerce.number({ error: '年份应为数字' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }).optional(), regionCode: zRegionCode.optional() });
export type TLedgerStatsQuery = z.infer<typeof zLedgerStatsQuery>;
export const zLedgerStatsCell = z.object({ month: z.string(), regionCode: z.string(), regionName: z.string(), way: z.enum(LEDGER_WAYS), count: z.number().int(), amount: z.string() });
export type TLedgerStatsCell = z.infer<typeof zLedgerStatsCell>;
export const zLedgerStats = z.object({
  year: z.number().int(),
  cells: z.array(zLedgerStatsCell),
  totals: z.array(z.object({ way: z.enum(LEDGER_WAYS), count: z.number().int(), amount: z.string() })),
});
export type TLedgerStats = z.infer<typeof zLedgerStats>;
