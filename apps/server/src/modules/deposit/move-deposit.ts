import { sql } from 'drizzle-orm';
import { depositMove, depositStatusLabels, type DepositEvent, type DepositStatus } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import { invalidState, notFound } from '../../platform/errors';

export interface DepositState {
  depositStatus: DepositStatus;
  needsReplenish: boolean;
}

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
  const from = sql.join(
    move.from.map((s) => sql`${s}`),
    sql`, `,
  );
  const to = move.to === null ? sql`b.deposit_status` : sql`${move.to}`;
  const flag = move.needsReplenish === null ? sql`b.needs_replenish` : sql`${move.needsReplenish}`;
  const requires = move.requiresNeedsReplenish === null ? sql`true` : sql`b.needs_replenish = ${move.requiresNeedsReplenish}`;
  const res = (await tx.execute(sql`
    with b as (select id, deposit_status, needs_replenish from projects where id = ${input.projectId} for update)
    update projects p
    set deposit_status = ${to}, needs_replenish = ${flag}, updated_at = ${input.at}
    from b
    where p.id = b.id and b.deposit_status in (${from}) and ${requires}
    returning b.deposit_status as before_status, b.needs_replenish as before_flag, p.deposit_status as after_status, p.needs_replenish as after_flag`)) as unknown as {
    rows: { before_status: DepositStatus; before_flag: boolean; after_status: DepositStatus; after_flag: boolean }[];
  };
  const row = res.rows[0];
  if (res.rows.length !== 1 || !row) {
    const current = (await tx.execute(sql`select deposit_status, needs_replenish from projects where id = ${input.projectId}`)) as unknown as {
      rows: { deposit_status: DepositStatus; needs_replenish: boolean }[];
    };
    const c = current.rows[0];
    if (!c) throw notFound('项目');
    const state = `${depositStatusLabels[c.deposit_status] ?? c.deposit_status}${c.needs_replenish ? '（待补足）' : ''}`;
    throw invalidState(`当前保证金状态为「${state}」，不能执行「${move.label}」，请刷新后查看最新状态`);
  }
  const before = { depositStatus: row.before_status, needsReplenish: row.before_flag };
  const after = { depositStatus: row.after_status, needsReplenish: row.after_flag };
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
