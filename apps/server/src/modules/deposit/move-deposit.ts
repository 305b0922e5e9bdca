import { depositMove, depositStatusLabels, type DepositEvent } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import { invalidState, notFound } from '../../platform/errors';
import { applyDepositMove, lockDepositState, readDepositState, type DepositStateRow } from './repository';

export type DepositState = DepositStateRow;

export interface DepositMoveInput {
  projectId: bigint;
  event: DepositEvent;
  actor: Actor;
  at: Date;
  /** the workflow object that caused the move, recorded in the audit row */
  source?: { type: string; id: string };
}

/**
 * The one way 保证金状态 and 待补足 change (ADR 017), inside the caller's transaction: a conditional
 * UPDATE on the current state (the CTE locks the row and reads the real before), the row count
 * checked, and the audit row with that before → after. A move the table does not allow is a 409
 * that names the current state; nothing is written then.
 */
export async function moveDeposit(tx: Tx, input: DepositMoveInput): Promise<{ before: DepositState; after: DepositState }> {
  const move = depositMove(input.event);
  const moved = await applyDepositMove(tx, input.projectId, move, input.at);
  if (!moved) {
    const c = await readDepositState(tx, input.projectId);
    if (!c) throw notFound('项目');
    const state = `${depositStatusLabels[c.depositStatus] ?? c.depositStatus}${c.needsReplenish ? '（待补足）' : ''}`;
    throw invalidState(`当前保证金状态为「${state}」，不能执行「${move.label}」，请刷新后查看最新状态`);
  }
  const { before, after } = moved;
  await writeAudit(tx, input.actor, input.at, {
    action: `deposit.${input.event}`,
    targetType: 'project',
    targetId: input.projectId.toString(),
    before,
    after: input.source ? { ...after, source: input.source } : after,
  });
  return { before, after };
}

export type MoveDeposit = typeof moveDeposit;

/**
 * The deposit's state for a workflow that decides by it (a payment may start only on 待缴纳 / 已缓缴 /
 * 缴纳中), inside the caller's transaction with the project row locked until the commit, so that the
 * decision and the move that follows see the same state. Undefined: no such project.
 */
export async function lockDeposit(tx: Tx, projectId: bigint): Promise<DepositState | undefined> {
  return lockDepositState(tx, projectId);
}

export type LockDeposit = typeof lockDeposit;
