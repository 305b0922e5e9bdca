import { sql } from 'drizzle-orm';
import type { depositMove, DepositStatus } from '@benxi/shared';
import type { Tx } from '../../db/client';

/**
 * The SQL of 保证金状态 / 待补足 on projects (ADR 017, 018). Only `moveDeposit` calls these; the
 * rules (which moves are allowed, the 409, the audit row) stay in move-deposit.ts.
 */

export interface DepositStateRow {
  depositStatus: DepositStatus;
  needsReplenish: boolean;
}

/**
 * The conditional UPDATE on the current state: the CTE locks the row and reads the real before.
 * Returns the before → after of the one row moved, or undefined when no row matched (the caller
 * decides what that means).
 */
export async function applyDepositMove(
  tx: Tx,
  projectId: bigint,
  move: Pick<ReturnType<typeof depositMove>, 'from' | 'to' | 'needsReplenish' | 'requiresNeedsReplenish'>,
  at: Date,
): Promise<{ before: DepositStateRow; after: DepositStateRow } | undefined> {
  const from = sql.join(
    move.from.map((s) => sql`${s}`),
    sql`, `,
  );
  const to = move.to === null ? sql`b.deposit_status` : sql`${move.to}`;
  const flag = move.needsReplenish === null ? sql`b.needs_replenish` : sql`${move.needsReplenish}`;
  const requires = move.requiresNeedsReplenish === null ? sql`true` : sql`b.needs_replenish = ${move.requiresNeedsReplenish}`;
  const res = (await tx.execute(sql`
    with b as (select id, deposit_status, needs_replenish from projects where id = ${projectId} for update)
    update projects p
    set deposit_status = ${to}, needs_replenish = ${flag}, updated_at = ${at}
    from b
    where p.id = b.id and b.deposit_status in (${from}) and ${requires}
    returning b.deposit_status as before_status, b.needs_replenish as before_flag, p.deposit_status as after_status, p.needs_replenish as after_flag`)) as unknown as {
    rows: { before_status: DepositStatus; before_flag: boolean; after_status: DepositStatus; after_flag: boolean }[];
  };
  const row = res.rows[0];
  if (res.rows.length !== 1 || !row) return undefined;
  return {
    before: { depositStatus: row.before_status, needsReplenish: row.before_flag },
    after: { depositStatus: row.after_status, needsReplenish: row.after_flag },
  };
}

/** The current state of a project, or undefined when there is no such project. */
export async function readDepositState(tx: Tx, projectId: bigint): Promise<DepositStateRow | undefined> {
  const current = (await tx.execute(sql`select deposit_status, needs_replenish from projects where id = ${projectId}`)) as unknown as {
    rows: { deposit_status: DepositStatus; needs_replenish: boolean }[];
  };
  const c = current.rows[0];
  return c ? { depositStatus: c.deposit_status, needsReplenish: c.needs_replenish } : undefined;
}

/** Inside a transaction: the project's state, its row locked until the commit (a payment's steps on one project run one at a time). */
export async function lockDepositState(tx: Tx, projectId: bigint): Promise<DepositStateRow | undefined> {
  const current = (await tx.execute(sql`select deposit_status, needs_replenish from projects where id = ${projectId} for update`)) as unknown as {
    rows: { deposit_status: DepositStatus; needs_replenish: boolean }[];
  };
  const c = current.rows[0];
  return c ? { depositStatus: c.deposit_status, needsReplenish: c.needs_replenish } : undefined;
}
