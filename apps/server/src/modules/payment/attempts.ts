import {
  isPayableDeposit,
  attemptNotClosableMessages,
  depositStatusLabels,
  paymentAttemptWorkflow,
  paymentWayLabels,
  switchConfirmText,
  type AttemptCloseReason,
  type DepositStatus,
  type PaymentWay,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import type { Actor, writeAudit } from '../../platform/audit';
import { AppError, invalidState, notFound, uniqueViolation } from '../../platform/errors';
import type { Snowflake } from '../../platform/snowflake';
import type { LockDeposit, MoveDeposit } from '../deposit/move-deposit';
import { attemptsOfProject, findAttemptOf, findOpenAttempt, insertAttempt, moveAttempt, type PaymentAttemptRow } from './repository';

export type { PaymentAttemptRow } from './repository';

/**
 * Closes a way's record when the enterprise switches to another way (ADR 022): a conditional UPDATE
 * of the record to its 已关闭 state with its own audit row (and the bank's event), inside the
 * switching transaction. false: the record cannot be closed any more (the bank issued the
 * guarantee, money arrived, hrss approved the upload) and the switch is refused.
 */
export type PaymentCloser = (tx: Tx, refId: string, at: Date, actor: Actor) => Promise<boolean>;

/** What the attempts need, passed in by app.ts (no module singletons). */
export interface PaymentAttemptDeps {
  ids: Snowflake;
  audit: typeof writeAudit;
  deposit: { move: MoveDeposit; lock: LockDeposit };
  /** one per way: how to close its open record on a switch */
  closers: Record<PaymentWay, PaymentCloser>;
}


const stateLabel = (s: DepositStatus) => depositStatusLabels[s] ?? s;

async function lockPayable(tx: Tx, deps: PaymentAttemptDeps, projectId: bigint): Promise<DepositStatus> {
  const state = await deps.deposit.lock(tx, projectId);
  if (!state) throw notFound('项目');
  return state.depositStatus;
}

export interface OpenAttemptInput {
  projectId: bigint;
  way: PaymentWay;
  /** the way's record (its number or id) */
  refId: string | bigint;
  actor: Actor;
  at: Date;
  /** the enterprise confirmed "切换缴纳方式将关闭当前的…办理" */
  confirmSwitch?: boolean;
}

export interface OpenedAttempt {
  attemptId: bigint;
  /** the attempt this one replaced (closed by the switch) */
  switchedFrom: { way: PaymentWay; refId: string } | null;
  depositBefore: DepositStatus;
  depositAfter: DepositStatus;
}

/**
 * A way's record was submitted: its attempt opens, inside the way's transaction. The deposit must
 * be 待缴纳 / 已缓缴 / 缴纳中. Another open attempt is closed only with `confirmSwitch` (otherwise 409
 * PAYMENT_SWITCH_CONFIRM with `{ openWay }`), through its way's closer; the deposit moves to 缴纳中
 * on the first attempt.
 */
export async function openPaymentAttempt(tx: Tx, deps: PaymentAttemptDeps, input: OpenAttemptInput): Promise<OpenedAttempt> {
  const refId = String(input.refId);
  const before = await lockPayable(tx, deps, input.projectId);
  if (!isPayableDeposit(before)) {
    throw invalidState(
      before === 'paid' || before === 'filing' || before === 'filed'
        ? `保证金已缴纳（当前状态「${stateLabel(before)}」），无需再办理缴纳`
        : `当前保证金状态为「${stateLabel(before)}」，不能办理缴纳；定额申请审核通过（一般缴纳或缓缴）后方可缴纳`,
    );
  }
  let switchedFrom: OpenedAttempt['switchedFrom'] = null;
  const open = await findOpenAttempt(tx, input.projectId);
  if (open) {
    const openWay = open.way as PaymentWay;
    if (!input.confirmSwitch) {
      throw new AppError('PAYMENT_SWITCH_CONFIRM', switchConfirmText(openWay), { openWay, openRefId: open.refId });
    }
    const closed = await deps.closers[openWay](tx, open.refId, input.at, input.actor);
    if (!closed) throw invalidState(attemptNotClosableMessages[openWay]);
    const action = paymentAttemptWorkflow.actions.switch;
    const moved = await moveAttempt(tx, open.id, action.from, { status: action.to, closedAt: input.at, closedReason: 'switched' satisfies AttemptCloseReason });
    if (moved !== 1) throw invalidState('当前缴纳办理已变化，请刷新后重试');
    await deps.audit(tx, input.actor, input.at, {
      action: paymentAttemptWorkflow.auditCode('switch'),
      targetType: 'project',
      targetId: input.projectId.toString(),
      before: { attemptId: open.id.toString(), way: openWay, wayLabel: paymentWayLabels[openWay], refId: open.refId, status: open.status },
      after: { attemptId: open.id.toString(), status: action.to, closedReason: 'switched', newWay: input.way, newRefId: refId },
    });
    switchedFrom = { way: openWay, refId: open.refId };
  }
  const attemptId = deps.ids.next();
  try {
    await insertAttempt(tx, {
      id: attemptId,
      projectId: input.projectId,
      way: input.way,
      refId,
      status: paymentAttemptWorkflow.actions.open.to,
      openedAt: input.at,
      openedBy: input.actor.id,
    });
  } catch (err) {
    if (uniqueViolation(err) === 'payment_attempts_open_uq') throw invalidState('该项目正在办理其他缴纳方式，请刷新后重试');
    throw err;
  }
  await deps.audit(tx, input.actor, input.at, {
    action: paymentAttemptWorkflow.auditCode('open'),
    targetType: 'project',
    targetId: input.projectId.toString(),
    before: { depositStatus: before },
    after: { attemptId: attemptId.toString(), way: input.way, wayLabel: paymentWayLabels[input.way], refId, status: 'open' },
  });
  let after = before;
  if (before !== 'paying') {
    const moved = await deps.deposit.move(tx, { projectId: input.projectId, event: 'payment_started', actor: input.actor, at: input.at, source: { type: input.way, id: refId } });
    after = moved.after.depositStatus;
  }
  return { attemptId, switchedFrom, depositBefore: before, depositAfter: after };
}

export interface AttemptRefInput {
  projectId: bigint;
  way: PaymentWay;
  refId: string | bigint;
  actor: Actor;
  at: Date;
}

async function lockOpenAttempt(tx: Tx, deps: PaymentAttemptDeps, input: AttemptRefInput): Promise<{ attempt: PaymentAttemptRow; deposit: DepositStatus }> {
  const deposit = await lockPayable(tx, deps, input.projectId);
  const attempt = await findAttemptOf(tx, input.way, String(input.refId));
  if (!attempt || attempt.projectId !== input.projectId || attempt.status !== 'open') {
    throw invalidState(`该${paymentWayLabels[input.way]}办理已关闭或已完成，请刷新后查看`);
  }
  return { attempt, deposit };
}

/** The way's record covers the required amount: its attempt is 已缴足 and the deposit 已缴纳. */
export async function coverPaymentAttempt(tx: Tx, deps: PaymentAttemptDeps, input: AttemptRefInput): Promise<{ depositBefore: DepositStatus; depositAfter: DepositStatus }> {
  const { attempt, deposit } = await lockOpenAttempt(tx, deps, input);
  const action = paymentAttemptWorkflow.actions.cover;
  if ((await moveAttempt(tx, attempt.id, action.from, { status: action.to, closedAt: input.at, closedReason: null })) !== 1) {
    throw invalidState('当前缴纳办理已变化，请刷新后重试');
  }
  await deps.audit(tx, input.actor, input.at, {
    action: paymentAttemptWorkflow.auditCode('cover'),
    targetType: 'project',
    targetId: input.projectId.toString(),
    before: { attemptId: attempt.id.toString(), way: attempt.way, refId: attempt.refId, status: attempt.status },
    after: { attemptId: attempt.id.toString(), status: action.to },
  });
  const moved = await deps.deposit.move(tx, { projectId: input.projectId, event: 'payment_covered', actor: input.actor, at: input.at, source: { type: input.way, id: attempt.refId } });
  return { depositBefore: deposit, depositAfter: moved.after.depositStatus };
}

/**
 * The way's record ended without covering (the bank refused, hrss returned the upload): its attempt
 * closes, and the deposit goes back to 待缴纳 when no other attempt is open.
 */
export async function abandonPaymentAttempt(
  tx: Tx,
  deps: PaymentAttemptDeps,
  input: AttemptRefInput & { reason: AttemptCloseReason },
): Promise<{ depositBefore: DepositStatus; depositAfter: DepositStatus }> {
  const { attempt, deposit } = await lockOpenAttempt(tx, deps, input);
  const action = paymentAttemptWorkflow.actions.close;
  if ((await moveAttempt(tx, attempt.id, action.from, { status: action.to, closedAt: input.at, closedReason: input.reason })) !== 1) {
    throw invalidState('当前缴纳办理已变化，请刷新后重试');
  }
  await deps.audit(tx, input.actor, input.at, {
    action: paymentAttemptWorkflow.auditCode('close'),
    targetType: 'project',
    targetId: input.projectId.toString(),
    before: { attemptId: attempt.id.toString(), way: attempt.way, refId: attempt.refId, status: attempt.status },
    after: { attemptId: attempt.id.toString(), status: action.to, closedReason: input.reason },
  });
  const other = await findOpenAttempt(tx, input.projectId);
  if (other || deposit !== 'paying') return { depositBefore: deposit, depositAfter: deposit };
  const moved = await deps.deposit.move(tx, { projectId: input.projectId, event: 'payment_abandoned', actor: input.actor, at: input.at, source: { type: input.way, id: attempt.refId } });
  return { depositBefore: deposit, depositAfter: moved.after.depositStatus };
}

/** The project's open attempt (the deposit card), if any. */
export async function openAttemptOf(tx: Tx, projectId: bigint): Promise<PaymentAttemptRow | undefined> {
  return findOpenAttempt(tx, projectId);
}

/** Every attempt of the project, newest first (the card's history). */
export async function attemptsOf(tx: Tx, projectId: bigint): Promise<PaymentAttemptRow[]> {
  return attemptsOfProject(tx, projectId);
}

/** The attempt functions bound to their dependencies, as the ways' contexts receive them (app.ts). */
export function bindPaymentAttempts(deps: PaymentAttemptDeps) {
  return {
    deps,
    open: (tx: Tx, input: OpenAttemptInput) => openPaymentAttempt(tx, deps, input),
    cover: (tx: Tx, input: AttemptRefInput) => coverPaymentAttempt(tx, deps, input),
    abandon: (tx: Tx, input: AttemptRefInput & { reason: AttemptCloseReason }) => abandonPaymentAttempt(tx, deps, input),
    openAttemptOf,
    attemptsOf,
  };
}

export type PaymentAttempts = ReturnType<typeof bindPaymentAttempts>;
