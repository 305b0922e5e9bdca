/**
 * The payment core (ADR 022): attempts opened, switched, covered and abandoned inside the ways'
 * transactions, the deposit moved only by the deposit module, an audit row for each step. The ways'
 * own lifecycles (cash.test.ts, guarantee.test.ts) go through HTTP; this drives the core directly on
 * rows the ways would have written.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cashDeposits, guaranteeApplications, paymentAttempts, projects } from '../../db/schema/index';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { buildBank, buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { createTestContext, type TestContext } from '../../test/harness';

let ctx: TestContext;
let bankOrgId: string;
const actor: Actor = { id: null, phone: '13800000006', role: 'enterprise', ip: '127.0.0.1' };
let seq = 0n;

beforeAll(async () => {
  ctx = await createTestContext();
  bankOrgId = (await buildBank(ctx)).orgId;
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
const depositOf = async (p: BuiltProject) => (await db().select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, p.id)))[0]!.s;
const attemptsOf = (p: BuiltProject) => db().select().from(paymentAttempts).where(eq(paymentAttempts.projectId, p.id)).orderBy(asc(paymentAttempts.openedAt), asc(paymentAttempts.id));
const auditsOf = async (p: BuiltProject) =>
  (await db().select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.targetType, 'project'), eq(auditLog.targetId, p.id.toString()))).orderBy(asc(auditLog.id))).map((a) => a.action);

const common = (p: BuiltProject) => ({
  projectId: p.id,
  enterpriseOrgId: p.enterpriseOrgId,
  hrssOrgId: p.hrssOrgId,
  authorityOrgId: p.authorityOrgId,
  bankOrgId,
  requiredFen: 40_000_000n,
  handlerName: '王经办',
  handlerPhone: '13912340000',
  submittedAt: ctx.clock.now(),
  updatedAt: ctx.clock.now(),
});
async function cashRow(p: BuiltProject): Promise<bigint> {
  const id = 8_100_000_000_000_000_000n + ++seq;
  await db().insert(cashDeposits).values({ id, ...common(p), status: 'awaiting' });
  return id;
}
async function guaranteeRow(p: BuiltProject, status: 'submitted' | 'issued' = 'submitted'): Promise<bigint> {
  const id = 8_200_000_000_000_000_000n + ++seq;
  await db()
    .insert(guaranteeApplications)
    .values({ id, ...common(p), status, amountFen: 40_000_000n, beneficiaryName: '辽宁省本溪市人力资源和社会保障局', termFrom: '2026-03-02', termTo: '2027-03-01' });
  return id;
}
const at = () => {
  ctx.clock.advance(1000);
  return ctx.clock.now();
};
const fails = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe('payment attempts', () => {
  it('opens on 待缴纳 (→ 缴纳中), asks before a switch, switches with the confirmation, covers (→ 已缴纳)', async () => {
    const { project: p } = await buildQuotaApplication(ctx, { status: 'approved' });
    expect(await depositOf(p)).toBe('to_pay');
    const cash = await cashRow(p);
    const opened = await db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'cash', refId: cash, actor, at: at() }));
    expect(opened).toMatchObject({ switchedFrom: null, depositBefore: 'to_pay', depositAfter: 'paying' });
    expect(await depositOf(p)).toBe('paying');
    expect((await attemptsOf(p)).map((a) => [a.way, a.refId, a.status])).toEqual([['cash', cash.toString(), 'open']]);

    // another way without the confirmation: 409 naming the open way, nothing written
    const g = await guaranteeRow(p);
    const refused = await fails(db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'bank_guarantee', refId: g, actor, at: at() })));
    expect(refused).toBeInstanceOf(AppError);
    expect({ status: refused!.status, code: refused!.code, details: refused!.details, message: refused!.message }).toEqual({
      status: 409,
      code: 'PAYMENT_SWITCH_CONFIRM',
      details: { openWay: 'cash', openRefId: cash.toString() },
      message: '切换缴纳方式将关闭当前的现金存缴办理，确定切换吗？',
    });
    expect((await attemptsOf(p)).length).toBe(1);

    // confirmed: the cash deposit is closed by its closer, its attempt closed (switched), the new one open
    const switched = await db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'bank_guarantee', refId: g, actor, at: at(), confirmSwitch: true }));
    expect(switched).toMatchObject({ switchedFrom: { way: 'cash', refId: cash.toString() }, depositBefore: 'paying', depositAfter: 'paying' });
    expect((await db().select({ s: cashDeposits.status }).from(cashDeposits).where(eq(cashDeposits.id, cash)))[0]!.s).toBe('closed');
    expect((await attemptsOf(p)).map((a) => [a.way, a.status, a.closedReason])).toEqual([
      ['cash', 'closed', 'switched'],
      ['bank_guarantee', 'open', null],
    ]);

    await db().transaction((tx) => ctx.app.payments.cover(tx, { projectId: p.id, way: 'bank_guarantee', refId: g, actor, at: at() }));
    expect(await depositOf(p)).toBe('paid');
    expect((await attemptsOf(p)).map((a) => a.status)).toEqual(['closed', 'covered']);
    expect(await auditsOf(p)).toEqual(['payment.open', 'deposit.payment_started', 'payment.switch', 'payment.open', 'payment.cover', 'deposit.payment_covered']);
    const cashAudit = await db().select().from(auditLog).where(and(eq(auditLog.targetType, 'cash_deposit'), eq(auditLog.targetId, cash.toString())));
    expect(cashAudit.map((a) => [a.action, a.before, a.after])).toEqual([['cash_deposit.close', { status: 'awaiting' }, { status: 'closed', reason: 'switched' }]]);

    // paid: no new attempt
    const lateCash = await cashRow(p);
    const late = await fails(db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'cash', refId: lateCash, actor, at: at() })));
    expect([late?.status, late?.message]).toEqual([409, '保证金已缴纳（当前状态「已缴纳」），无需再办理缴纳']);
  });

  it('an abandoned attempt takes the deposit back to 待缴纳; an issued guarantee cannot be switched away', async () => {
    const { project: p } = await buildQuotaApplication(ctx, { status: 'approved' });
    const g = await guaranteeRow(p);
    await db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'bank_guarantee', refId: g, actor, at: at() }));
    await db().transaction((tx) => ctx.app.payments.abandon(tx, { projectId: p.id, way: 'bank_guarantee', refId: g, actor, at: at(), reason: 'refused' }));
    expect(await depositOf(p)).toBe('to_pay');
    expect((await attemptsOf(p)).map((a) => [a.status, a.closedReason])).toEqual([['closed', 'refused']]);

    // an issued (not covering) guarantee's attempt stays open and blocks a switch
    const issued = await guaranteeRow(p, 'issued');
    await db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'bank_guarantee', refId: issued, actor, at: at() }));
    const cash = await cashRow(p);
    const err = await fails(db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'cash', refId: cash, actor, at: at(), confirmSwitch: true })));
    expect([err?.status, err?.code, err?.message]).toEqual([409, 'INVALID_STATE', '银行已出函，不能切换缴纳方式']);
    // the refused switch rolled back whole: still one open attempt, the guarantee's
    const rows = await db().select().from(paymentAttempts).where(and(eq(paymentAttempts.projectId, p.id), inArray(paymentAttempts.status, ['open'])));
    expect(rows.map((r) => r.refId)).toEqual([issued.toString()]);
  });

  it('refuses a payment before the quota is approved, and two open attempts by the database', async () => {
    const { project: p } = await buildQuotaApplication(ctx, { status: 'pending' });
    const cash = await cashRow(p);
    const err = await fails(db().transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'cash', refId: cash, actor, at: at() })));
    expect([err?.status, err?.message]).toEqual([409, '当前保证金状态为「定额审核中」，不能办理缴纳；定额申请审核通过（一般缴纳或缓缴）后方可缴纳']);
    const now = ctx.clock.now();
    await db().insert(paymentAttempts).values({ id: 8_300_000_000_000_000_001n, projectId: p.id, way: 'cash', refId: '1', status: 'open', openedAt: now });
    const dup = await db()
      .insert(paymentAttempts)
      .values({ id: 8_300_000_000_000_000_002n, projectId: p.id, way: 'cash', refId: '2', status: 'open', openedAt: now })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((dup as { cause?: { constraint?: string }; constraint?: string })?.cause?.constraint ?? (dup as { constraint?: string })?.constraint)).toBe('payment_attempts_open_uq');
  });
});
