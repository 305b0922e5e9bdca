import {
  BANK_WORKING_DAYS,
  fenToYuan,
  GUARANTEE_EXPIRING_DAYS,
  guaranteeKindLabels,
  isPayableDeposit,
  QUOTA_PAY_WORKING_DAYS,
  type WarningObjectType,
  type WarningType,
  type WorkCalendar,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import type { GuaranteeEnding, PendingOfflineReview } from '../guarantees/repositories/warning-reads';
import type { QuotaForWarning } from '../quota/repositories/warning-reads';
import type { OpenGuaranteeApplication } from '../bank-guarantees/repositories/warning-reads';
import type { ProjectFacts } from '../projects/repositories/warning-reads';
import type { PendingClosureReview, PendingReturn } from '../closure/repositories/warning-reads';
import type { OpenUse } from '../deposit-uses/repositories/warning-reads';

/**
 * The warning rules (ADR 037). A rule answers one question: which warnings of its types should be
 * open right now (of these projects, when the event path asks about one project)? The sweep
 * (sweep.ts) raises the ones that are not open yet and clears the open ones the rule no longer
 * returns — so a rule never raises or clears anything itself, and the daily job and the event path
 * give the same answer. Add a rule for a new workflow in a few lines: docs/ADDING-A-WORKFLOW.md §13.
 */

export interface RuleContext {
  now: Date;
  /** the Beijing date of `now` */
  today: string;
  calendar: WorkCalendar;
  /** the event path: only these projects; the daily job: undefined (every project) */
  projectIds?: bigint[];
  /** the projects' facts (status, 保证金状态, contract date), read once per sweep */
  projects(ids: bigint[]): Promise<Map<bigint, ProjectFacts>>;
}

export interface WarningCandidate {
  type: WarningType;
  objectType: WarningObjectType;
  objectId: string;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  /** the bank or insurer that must act, if one */
  addresseeOrgId?: string | null;
  dueOn: string;
  /** one line in Chinese for the list, the message and the SMS */
  detail: string;
}

export interface WarningRule {
  /** the types this rule raises and clears (an open warning of these types that it does not return is cleared) */
  types: readonly WarningType[];
  candidates(tx: Tx, ctx: RuleContext): Promise<WarningCandidate[]>;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const owners = (r: { projectId: bigint; enterpriseOrgId: string; hrssOrgId: string; authorityOrgId: string }) => ({
  projectId: r.projectId,
  enterpriseOrgId: r.enterpriseOrgId,
  hrssOrgId: r.hrssOrgId,
  authorityOrgId: r.authorityOrgId,
});
const COMPLETED = 'completed';

/** 保函（保单）即将到期 (≤ 30 days) and 已过期, while the project is not 竣工 (65号: a month ahead). */
export function guaranteeExpiryRule(reads: { guaranteesEndingBy(tx: Tx, lastDay: string, projectIds?: bigint[]): Promise<GuaranteeEnding[]> }): WarningRule {
  return {
    types: ['guarantee_expiring', 'guarantee_expired'],
    async candidates(tx, ctx) {
      const rows = await reads.guaranteesEndingBy(tx, addDays(ctx.today, GUARANTEE_EXPIRING_DAYS), ctx.projectIds);
      const facts = await ctx.projects([...new Set(rows.map((r) => r.projectId))]);
      return rows
        .filter((r) => facts.get(r.projectId)?.status !== COMPLETED)
        .map((r) => {
          const expired = r.validTo < ctx.today;
          const what = `${guaranteeKindLabels[r.kind as keyof typeof guaranteeKindLabels] ?? '保函'} ${r.number}`;
          return {
            type: expired ? ('guarantee_expired' as const) : ('guarantee_expiring' as const),
            objectType: 'guarantee' as const,
            objectId: String(r.id),
            ...owners(r),
            addresseeOrgId: r.issuerOrgId,
            dueOn: r.validTo,
            detail: expired ? `${what} 已于 ${r.validTo} 到期，工程尚未竣工，请及时续保或改用其他方式缴纳` : `${what} 将于 ${r.validTo} 到期，工程尚未竣工，请在到期前办理延期或续保`,
          };
        });
    },
  };
}

/**
 * The latest contract date whose 20-working-day payment period has run out by `today` (addWorkingDays is
 * non-decreasing, so every earlier date has too): the set-based filter of the 逾期未缴纳 rule.
 */
export function lastOverdueStart(calendar: WorkCalendar, today: string, workingDays: number): string {
  let d = addDays(today, -1);
  while (calendar.addWorkingDays(d, workingDays) >= today) d = addDays(d, -1);
  return d;
}

/** `S`: the projects module's subquery (opaque here: the rules hold no SQL) */
type QuotaReads<S> = {
  quotasInStatus(tx: Tx, status: 'approved', projectIds?: bigint[], only?: { applyType?: string; projectIn?: S }): Promise<QuotaForWarning[]>;
};

/**
 * 定额审核通过后 20 个工作日（自合同签订）仍未缴纳. With `payable` (the projects' subquery) the database
 * returns only the approvals of projects still owing with contracts old enough (issue 15: a million
 * projects have ~900k approvals, a few thousand of them unpaid); the checks below stay the rule.
 */
export function quotaUnpaidRule<S>(reads: QuotaReads<S>, payable?: { payableProjectsSignedBy(tx: Tx, lastDay: string): S }): WarningRule {
  return {
    types: ['quota_unpaid'],
    async candidates(tx, ctx) {
      const projectIn = payable?.payableProjectsSignedBy(tx, lastOverdueStart(ctx.calendar, ctx.today, QUOTA_PAY_WORKING_DAYS));
      const rows = (await reads.quotasInStatus(tx, 'approved', ctx.projectIds, { applyType: 'general', projectIn })).filter((q) => q.applyType === 'general');
      const facts = await ctx.projects([...new Set(rows.map((r) => r.projectId))]);
      const out: WarningCandidate[] = [];
      for (const q of rows) {
        const p = facts.get(q.projectId);
        if (!p || !isPayableDeposit(p.depositStatus) || p.depositStatus === 'deferred') continue;
        const due = ctx.calendar.addWorkingDays(p.contractSignedOn, QUOTA_PAY_WORKING_DAYS);
        if (ctx.today <= due) continue;
        out.push({
          type: 'quota_unpaid',
          objectType: 'quota_application',
          objectId: String(q.id),
          ...owners(q),
          dueOn: due,
          detail: `定额已审核通过，应于 ${due}（合同签订后${QUOTA_PAY_WORKING_DAYS}个工作日）前缴纳保证金，至今未缴纳`,
        });
      }
      return out;
    },
  };
}

/** An hrss queue whose items carry their review deadline (5 working days from submission, set at submit). */
export function reviewOverdueRule<T extends { id: bigint; projectId: bigint; enterpriseOrgId: string; hrssOrgId: string; authorityOrgId: string; dueOn: string }>(opts: {
  type: WarningType;
  objectType: WarningObjectType;
  pending(tx: Tx, projectIds?: bigint[]): Promise<T[]>;
  describe(row: T): string;
}): WarningRule {
  return {
    types: [opts.type],
    async candidates(tx, ctx) {
      return (await opts.pending(tx, ctx.projectIds))
        .filter((r) => ctx.today > r.dueOn)
        .map((r) => ({ type: opts.type, objectType: opts.objectType, objectId: String(r.id), ...owners(r), dueOn: r.dueOn, detail: `${opts.describe(r)}，审核期限 ${r.dueOn} 已过，尚未审核` }));
    },
  };
}

export const quotaReviewOverdueRule = (reads: { quotasInStatus(tx: Tx, status: 'pending', projectIds?: bigint[]): Promise<QuotaForWarning[]> }) =>
  reviewOverdueRule({ type: 'quota_review_overdue', objectType: 'quota_application', pending: (tx, ids) => reads.quotasInStatus(tx, 'pending', ids), describe: (q) => `定额申请（批次号 ${q.id}）` });

export const offlineReviewOverdueRule = (reads: { pendingOfflineReviews(tx: Tx, projectIds?: bigint[]): Promise<PendingOfflineReview[]> }) =>
  reviewOverdueRule({ type: 'offline_review_overdue', objectType: 'offline_guarantee', pending: (tx, ids) => reads.pendingOfflineReviews(tx, ids), describe: (g) => `保单保函上传（${g.guaranteeNo}）` });

/** 银行受理 (5 working days from submission) and 出函 (5 working days from acceptance) of an online 银行保函 application. */
export function bankOverdueRule(reads: { openGuaranteeApplications(tx: Tx, projectIds?: bigint[]): Promise<OpenGuaranteeApplication[]> }): WarningRule {
  return {
    types: ['bank_accept_overdue', 'bank_issue_overdue'],
    async candidates(tx, ctx) {
      const out: WarningCandidate[] = [];
      for (const a of await reads.openGuaranteeApplications(tx, ctx.projectIds)) {
        const accepting = a.status === 'submitted';
        const from = accepting ? a.submittedAt : a.acceptedAt;
        if (!from) continue;
        const due = ctx.calendar.addWorkingDays(shanghaiDate(from), BANK_WORKING_DAYS);
        if (ctx.today <= due) continue;
        out.push({
          type: accepting ? 'bank_accept_overdue' : 'bank_issue_overdue',
          objectType: 'guarantee_application',
          objectId: String(a.id),
          ...owners(a),
          addresseeOrgId: a.bankOrgId,
          dueOn: due,
          detail: accepting ? `银行保函申请（${a.id}）应于 ${due} 前受理，银行尚未受理` : `银行保函申请（${a.id}）已受理，应于 ${due} 前出函，银行尚未出函`,
        });
      }
      return out;
    },
  };
}

// ── issue 13 / 14 (ADR 041): 备案 / 注销 review, 返还确认, 支付通知, 补足 — every one has a stored deadline ──

/** Objects that carry their deadline (`dueOn`, working days counted when they were made): open past it → a warning. */
export function storedDeadlineRule<T extends { id: bigint; projectId: bigint; enterpriseOrgId: string; hrssOrgId: string; authorityOrgId: string; dueOn: string }>(opts: {
  type: WarningType;
  objectType: WarningObjectType;
  pending(tx: Tx, projectIds?: bigint[]): Promise<T[]>;
  /** the bank or insurer that must act */
  addressee?(row: T): string | null;
  detail(row: T): string;
}): WarningRule {
  return {
    types: [opts.type],
    async candidates(tx, ctx) {
      return (await opts.pending(tx, ctx.projectIds))
        .filter((r) => ctx.today > r.dueOn)
        .map((r) => ({ type: opts.type, objectType: opts.objectType, objectId: String(r.id), ...owners(r), addresseeOrgId: opts.addressee?.(r) ?? null, dueOn: r.dueOn, detail: opts.detail(r) }));
    },
  };
}

export const filingReviewOverdueRule = (reads: { pendingFilings(tx: Tx, projectIds?: bigint[]): Promise<PendingClosureReview[]> }) =>
  reviewOverdueRule({ type: 'filing_review_overdue', objectType: 'filing', pending: (tx, ids) => reads.pendingFilings(tx, ids), describe: (f) => `备案申请（${f.id}）` });

export const cancellationReviewOverdueRule = (reads: { pendingCancellations(tx: Tx, projectIds?: bigint[]): Promise<PendingClosureReview[]> }) =>
  reviewOverdueRule({ type: 'cancellation_review_overdue', objectType: 'cancellation', pending: (tx, ids) => reads.pendingCancellations(tx, ids), describe: (c) => `保证金注销申请（${c.id}）` });

/** 返还确认: the bank returns the cash / the guarantee's original within 3 working days of the 确认书. */
export const returnConfirmOverdueRule = (reads: { pendingReturns(tx: Tx, projectIds?: bigint[]): Promise<PendingReturn[]> }) =>
  storedDeadlineRule({
    type: 'return_confirm_overdue',
    objectType: 'return_confirmation',
    pending: (tx, ids) => reads.pendingReturns(tx, ids),
    addressee: (r) => r.bankOrgId,
    detail: (r) => `返还（销户）确认书${r.documentNo ? ` ${r.documentNo}` : ''}应于 ${r.dueOn} 前${r.kind === 'cash' ? '返还保证金本息' : '退还保函原件'}，银行尚未返还确认`,
  });

/** 支付通知: the payer (bank holding the cash, or the bank / insurer of the guarantee or policy) pays every worker within 5 working days. */
export const usePaymentOverdueRule = (reads: { unpaidUses(tx: Tx, projectIds?: bigint[]): Promise<OpenUse[]> }) =>
  storedDeadlineRule({
    type: 'use_payment_overdue',
    objectType: 'deposit_use',
    pending: (tx, ids) => reads.unpaidUses(tx, ids),
    addressee: (u) => u.payerOrgId,
    detail: (u) => `农民工工资保证金支付通知书 ${u.noticeNo}（${fenToYuan(u.amountFen)} 元）应于 ${u.dueOn} 前支付完毕，尚未全部支付`,
  });

/** 补足: the enterprise replenishes what a use drew within 10 working days (hrss confirms it). */
export const replenishOverdueRule = (reads: { unreplenishedUses(tx: Tx, projectIds?: bigint[]): Promise<OpenUse[]> }) =>
  storedDeadlineRule({
    type: 'replenish_overdue',
    objectType: 'deposit_use',
    pending: (tx, ids) => reads.unreplenishedUses(tx, ids),
    detail: (u) => `保证金已动用 ${fenToYuan(u.amountFen)} 元（支付通知书 ${u.noticeNo}），应于 ${u.dueOn} 前补足，至今未补足`,
  });
