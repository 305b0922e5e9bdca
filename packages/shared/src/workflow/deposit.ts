import { defineWorkflow } from './define';
import { depositStatusLabels, type DepositStatus } from './project';

/**
 * 定额保证金 (SPEC §4, §6–§9): the project's 保证金状态 and its 待补足 flag, owned by the deposit
 * module (apps/server/src/modules/deposit, ADR 017). Every workflow moves it by raising one of
 * these events inside its own transaction; a move the table does not allow is a 409.
 *
 * 未申请 → 定额审核中 → 待缴纳 | 已免缴 | 已缓缴 → 缴纳中 → 已缴纳 → 备案中 → 已备案 → 注销中 → 已注销, and back
 * on a refusal or withdrawal. An event has exactly one target: where the way back depends on where
 * the deposit came from (a refused filing of a paid or of a deferred deposit), there is one event per
 * origin and the workflow raising it picks the one its own record names.
 */
export const depositWorkflow = defineWorkflow<
  DepositStatus,
  | 'quota_submitted'
  | 'quota_approved_general'
  | 'quota_approved_exempt'
  | 'quota_approved_deferred'
  | 'quota_rejected'
  | 'quota_withdrawn'
  | 'payment_started'
  | 'payment_abandoned'
  | 'payment_covered'
  | 'filing_submitted'
  | 'filing_approved'
  | 'filing_rejected'
  | 'filing_rejected_deferred'
  | 'cancellation_submitted'
  | 'cancellation_approved'
  | 'cancellation_rejected',
  never,
  'deposit'
>({
  name: 'deposit',
  states: depositStatusLabels,
  actions: {
    quota_submitted: { label: '提交定额申请', from: ['none'], to: 'quota_review' },
    quota_approved_general: { label: '定额审核通过（一般缴纳）', from: ['quota_review'], to: 'to_pay' },
    quota_approved_exempt: { label: '定额审核通过（免缴）', from: ['quota_review'], to: 'exempted' },
    quota_approved_deferred: { label: '定额审核通过（缓缴）', from: ['quota_review'], to: 'deferred' },
    quota_rejected: { label: '定额申请驳回', from: ['quota_review'], to: 'none' },
    quota_withdrawn: { label: '定额申请撤回', from: ['quota_review'], to: 'none' },
    // a deferred deposit is paid later like a general one; an abandoned attempt leaves it 待缴纳
    payment_started: { label: '开始缴纳', from: ['to_pay', 'deferred'], to: 'paying' },
    payment_abandoned: { label: '关闭缴纳', from: ['paying'], to: 'to_pay' },
    payment_covered: { label: '缴纳完成', from: ['paying'], to: 'paid' },
    // SPEC §7: 已缴纳 (or 已缓缴) may be filed; 免缴 needs no filing
    filing_submitted: { label: '发起备案', from: ['paid', 'deferred'], to: 'filing' },
    filing_approved: { label: '备案通过', from: ['filing'], to: 'filed' },
    filing_rejected: { label: '备案驳回', from: ['filing'], to: 'paid' },
    filing_rejected_deferred: { label: '备案驳回（缓缴）', from: ['filing'], to: 'deferred' },
    cancellation_submitted: { label: '申请注销', from: ['filed'], to: 'cancelling' },
    cancellation_approved: { label: '注销通过', from: ['cancelling'], to: 'cancelled' },
    cancellation_rejected: { label: '注销驳回', from: ['cancelling'], to: 'filed' },
  },
});

export type DepositStatusEvent = (typeof depositWorkflow.actionNames)[number];

/**
 * The 待补足 flag (SPEC §4, §9: "plus the flag 待补足 after a use") is a flag beside the state, not a
 * state: a used deposit stays 已缴纳 / 备案中 / 已备案 while it waits to be replenished.
 */
export const depositFlagEvents = {
  use_recorded: { label: '保证金动用（待补足）', from: ['paid', 'filing', 'filed'], needsReplenish: true, requires: null },
  replenishment_confirmed: { label: '补足确认', from: ['paid', 'filing', 'filed'], needsReplenish: false, requires: true },
} as const satisfies Record<string, { label: string; from: readonly DepositStatus[]; needsReplenish: boolean; requires: boolean | null }>;

export type DepositFlagEvent = keyof typeof depositFlagEvents;
export type DepositEvent = DepositStatusEvent | DepositFlagEvent;

export const DEPOSIT_EVENTS = [...depositWorkflow.actionNames, ...(Object.keys(depositFlagEvents) as DepositFlagEvent[])] as readonly DepositEvent[];

export const isDepositFlagEvent = (e: DepositEvent): e is DepositFlagEvent => e in depositFlagEvents;

/** What an event does: the states it may start from, the state it leads to, and the flag it sets. */
export function depositMove(event: DepositEvent): {
  label: string;
  from: readonly DepositStatus[];
  to: DepositStatus | null;
  needsReplenish: boolean | null;
  requiresNeedsReplenish: boolean | null;
} {
  if (isDepositFlagEvent(event)) {
    const f = depositFlagEvents[event];
    return { label: f.label, from: f.from, to: null, needsReplenish: f.needsReplenish, requiresNeedsReplenish: f.requires };
  }
  const a = depositWorkflow.actions[event];
  return { label: a.label, from: a.from, to: a.to, needsReplenish: null, requiresNeedsReplenish: null };
}

/** Audit labels of the deposit's moves: `deposit.<event>`. */
export const depositAuditLabels: Record<`deposit.${DepositEvent}`, string> = Object.fromEntries(
  DEPOSIT_EVENTS.map((e) => [`deposit.${e}`, `保证金状态变更：${depositMove(e).label}`]),
) as Record<`deposit.${DepositEvent}`, string>;
