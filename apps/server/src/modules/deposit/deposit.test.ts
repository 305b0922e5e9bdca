import { and, count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insuranceOrderWorkflow,
  INSURANCE_PRODUCT_TYPES,
  cashDepositWorkflow,
  certificationWorkflow,
  DEPOSIT_EVENTS,
  guaranteeApplicationWorkflow,
  PAYMENT_WAYS,
  paymentAttemptWorkflow,
  DEPOSIT_STATUSES,
  depositMove,
  depositStatusLabels,
  depositWorkflow,
  PROJECT_STATUSES,
  quotaWorkflow,
  type DepositStatus,
} from '@benxi/shared';
import { auditLog, projects } from '../../db/schema/index';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { buildUser, createTestContext, login, projectInput, type TestContext } from '../../test/harness';
import { moveDeposit } from './move-deposit';

let ctx: TestContext;
let projectId: bigint;
const actor: Actor = { id: null, phone: null, role: 'hrss', ip: '127.0.0.1' };

beforeAll(async () => {
  ctx = await createTestContext();
  const u = await buildUser(ctx, { role: 'enterprise', certified: true });
  const s = await login(ctx, u.phone);
  const res = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput() });
  expect(res.statusCode, res.body).toBe(201);
  projectId = BigInt(res.json().id);
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
const row = async () => (await db().select({ s: projects.depositStatus, f: projects.needsReplenish, u: projects.updatedAt }).from(projects).where(eq(projects.id, projectId)))[0]!;
const mine = () => and(eq(auditLog.targetType, 'project'), eq(auditLog.targetId, projectId.toString()));
const auditCount = async () => (await db().select({ n: count() }).from(auditLog).where(mine()))[0]!.n;
const lastAudit = async () => (await db().select().from(auditLog).where(mine()).orderBy(desc(auditLog.id)).limit(1))[0];

async function setState(status: DepositStatus, needsReplenish: boolean) {
  await db().update(projects).set({ depositStatus: status, needsReplenish }).where(eq(projects.id, projectId));
}

describe('the deposit table: every move it allows, and a 409 for every move it forbids', () => {
  for (const event of DEPOSIT_EVENTS) {
    const move = depositMove(event);
    it(`${event} (${move.label}): from every state × the 待补足 flag`, async () => {
      let allowed = 0;
      for (const state of DEPOSIT_STATUSES) {
        for (const flag of [false, true]) {
          await setState(state, flag);
          const before = await row();
          const auditsBefore = await auditCount();
          ctx.clock.advance(1000);
          const ok = move.from.includes(state) && (move.requiresNeedsReplenish === null || move.requiresNeedsReplenish === flag);
          const attempt = db().transaction((tx) => moveDeposit(tx, { projectId, event, actor, at: ctx.clock.now(), source: { type: 'test', id: event } }));
          if (ok) {
            const result = await attempt;
            const expected = { depositStatus: move.to ?? state, needsReplenish: move.needsReplenish ?? flag };
            expect(result, `${event} from ${state}/${flag}`).toEqual({ before: { depositStatus: state, needsReplenish: flag }, after: expected });
            const after = await row();
            expect({ depositStatus: after.s, needsReplenish: after.f }).toEqual(expected);
            expect(after.u.getTime()).toBe(ctx.clock.now().getTime());
            expect(await auditCount()).toBe(auditsBefore + 1);
            expect(await lastAudit()).toMatchObject({
              action: `deposit.${event}`,
              before: { depositStatus: state, needsReplenish: flag },
              after: { ...expected, source: { type: 'test', id: event } },
            });
            allowed++;
          } else {
            const err = await attempt.then(
              () => null,
              (e: unknown) => e,
            );
            expect(err, `${event} from ${state}/${flag} must be refused`).toBeInstanceOf(AppError);
            expect((err as AppError).status).toBe(409);
            expect((err as AppError).code).toBe('INVALID_STATE');
            expect((err as AppError).message).toContain(`当前保证金状态为「${depositStatusLabels[state]}${flag ? '（待补足）' : ''}」`);
            expect((err as AppError).message).toContain(`不能执行「${move.label}」`);
            expect(await row()).toEqual(before);
            expect(await auditCount()).toBe(auditsBefore);
          }
        }
      }
      expect(allowed).toBe(move.from.length * (move.requiresNeedsReplenish === null ? 2 : 1));
    });
  }

  it('covers every state of SPEC §4; only 已免缴 and 已注销 are final', () => {
    const reached = new Set(depositWorkflow.actionNames.map((a) => depositWorkflow.actions[a].to));
    expect([...reached].sort()).toEqual([...DEPOSIT_STATUSES].sort());
    const left = new Set(depositWorkflow.actionNames.flatMap((a) => depositWorkflow.actions[a].from));
    expect(DEPOSIT_STATUSES.filter((s) => !left.has(s))).toEqual(['exempted', 'cancelled']);
  });

  it('an unknown project is a 404, not a 409', async () => {
    const err = await db()
      .transaction((tx) => moveDeposit(tx, { projectId: 1n, event: 'quota_submitted', actor, at: ctx.clock.now() }))
      .catch((e: unknown) => e);
    expect((err as AppError).status).toBe(404);
  });
});

describe('status columns accept only the codes of the shared definitions (migration 0015)', () => {
  const constraintCodes = async (name: string) => {
    const res = (await db().execute(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${name}`)) as unknown as { rows: { def: string }[] };
    expect(res.rows, name).toHaveLength(1);
    return [...res.rows[0]!.def.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  };

  it('each CHECK lists exactly the workflow definition’s codes', async () => {
    expect(await constraintCodes('projects_deposit_status_ck')).toEqual([...depositWorkflow.codes].sort());
    expect(await constraintCodes('projects_status_ck')).toEqual([...PROJECT_STATUSES].sort());
    expect(await constraintCodes('quota_applications_status_ck')).toEqual([...quotaWorkflow.codes].sort());
    expect(await constraintCodes('certifications_status_ck')).toEqual([...certificationWorkflow.codes].sort());
    expect(depositWorkflow.codes).toEqual(DEPOSIT_STATUSES);
    // 缴纳 (migration 0019, ADR 022)
    expect(await constraintCodes('payment_attempts_status_ck')).toEqual([...paymentAttemptWorkflow.codes].sort());
    expect(await constraintCodes('payment_attempts_way_ck')).toEqual([...PAYMENT_WAYS].sort());
    expect(await constraintCodes('cash_deposits_status_ck')).toEqual([...cashDepositWorkflow.codes].sort());
    expect(await constraintCodes('guarantee_applications_status_ck')).toEqual([...guaranteeApplicationWorkflow.codes].sort());
    // 保险办理 (migration 0021, issue 12)
    expect(await constraintCodes('insurance_orders_status_ck')).toEqual([...insuranceOrderWorkflow.codes].sort());
    expect(await constraintCodes('insurance_products_type_ck')).toEqual([...INSURANCE_PRODUCT_TYPES].sort());
  });

  it('a code outside the definition is refused by the database', async () => {
    const err = (await db()
      .update(projects)
      .set({ depositStatus: 'replenishing' })
      .where(eq(projects.id, projectId))
      .then(
        () => null,
        (e: unknown) => e,
      )) as { code?: string; cause?: { code?: string } } | null;
    expect(err?.code ?? err?.cause?.code).toBe('23514');
  });
});
