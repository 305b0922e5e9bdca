import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARANTEE_KINDS, GUARANTEE_STATUSES, guaranteeStatusOn, OFFLINE_INSTRUMENT_TYPES, offlineGuaranteeWorkflow, type GuaranteeStatus } from '@benxi/shared';
import { ATTACHMENT_OWNER_TYPE_CODES } from '../../db/schema/attachments';
import { auditLog, guarantees } from '../../db/schema/index';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { buildProject, type BuiltProject } from '../../test/factories';
import { createTestContext, type TestContext } from '../../test/harness';
import { guaranteeNumberInForce, registerGuarantee, type RegisterGuaranteeInput } from './register';
import { statusIs, statusSql } from './repository';

const actor: Actor = { id: null, phone: null, role: 'system', ip: null };

let ctx: TestContext;
let project: BuiltProject;
let seq = 0;

const input = (over: Partial<RegisterGuaranteeInput> = {}): RegisterGuaranteeInput => ({
  kind: 'bank_guarantee',
  number: 'BH-2026-0001',
  projectId: project.id,
  enterpriseOrgId: project.enterpriseOrgId,
  hrssOrgId: project.hrssOrgId,
  authorityOrgId: project.authorityOrgId,
  issuerOrgId: null,
  issuerName: '中国建设银行股份有限公司本溪分行',
  amountFen: 40_000_000n,
  feeFen: 120_000n,
  issuedOn: '2026-03-01',
  validFrom: '2026-03-01',
  validTo: '2027-03-01',
  sourceType: 'test',
  sourceId: `s${++seq}`,
  fileId: null,
  actor,
  at: ctx.clock.now(),
  ...over,
});

const register = (over: Partial<RegisterGuaranteeInput> = {}) => {
  const i = input(over);
  return ctx.database.db.transaction((tx) => registerGuarantee(tx, i));
};

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

beforeAll(async () => {
  ctx = await createTestContext();
  project = await buildProject(ctx, { depositStatus: 'paying' });
});
afterAll(async () => ctx?.close());

describe('registerGuarantee', () => {
  it('registers a number once while it is in force (spelling variants included), with an audit row', async () => {
    const { id } = await register({ number: ' BH-2026-0001 ' });
    const [row] = await ctx.database.db.select().from(guarantees).where(eq(guarantees.id, id));
    expect(row).toMatchObject({ number: 'BH-2026-0001', numberKey: 'BH-2026-0001', amountFen: 40_000_000n, feeFen: 120_000n, validTo: '2027-03-01' });
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, id.toString()));
    expect(audits.map((a) => a.action)).toEqual(['guarantee.register']);

    expect(await ctx.database.db.transaction((tx) => guaranteeNumberInForce(tx, 'bh-2026-0001', '2026-03-02'))).toBe(true);
    // full-width letters and blanks are the same number
    const err = await register({ number: 'ｂｈ-2026 -0001' }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('GUARANTEE_NO_IN_FORCE');
    expect((err as AppError).status).toBe(409);
    expect((err as AppError).message).toContain('已在平台登记且仍在有效期内');
    // nothing was written by the refused call
    expect(await ctx.database.db.select().from(guarantees).where(eq(guarantees.numberKey, 'BH-2026-0001'))).toHaveLength(1);
  });

  it('allows the number again once the earlier one is released, claimed or has expired', async () => {
    const released = await register({ number: 'REL-1' });
    await ctx.database.db.update(guarantees).set({ releasedAt: ctx.clock.now() }).where(eq(guarantees.id, released.id));
    expect(await codeOf(register({ number: 'REL-1' }))).toBe('ok');

    const claimed = await register({ number: 'CLM-1' });
    await ctx.database.db.update(guarantees).set({ claimedAt: ctx.clock.now() }).where(eq(guarantees.id, claimed.id));
    expect(await codeOf(register({ number: 'CLM-1' }))).toBe('ok');

    // in force on its last day, free the day after (Beijing dates: the clock is 2026-03-02 10:00)
    await register({ number: 'EXP-1', validFrom: '2025-03-01', validTo: '2026-03-02' });
    expect(await codeOf(register({ number: 'EXP-1' }))).toBe('GUARANTEE_NO_IN_FORCE');
    await ctx.database.db.update(guarantees).set({ validTo: '2026-03-01' }).where(eq(guarantees.numberKey, 'EXP-1'));
    expect(await codeOf(register({ number: 'EXP-1' }))).toBe('ok');
  });

  it('of two registrations of one number at once exactly one wins', async () => {
    // each registration keeps its transaction open a moment after writing, so both checks would run
    // before either commit were it not for the number lock
    const slow = () => {
      const i = input({ number: 'RACE-1' });
      return codeOf(
        ctx.database.db.transaction(async (tx) => {
          await registerGuarantee(tx, i);
          await tx.execute(sql`select pg_sleep(0.2)`);
        }),
      );
    };
    const results = await Promise.all([slow(), slow()]);
    expect(results.sort()).toEqual(['GUARANTEE_NO_IN_FORCE', 'ok']);
    expect(await ctx.database.db.select().from(guarantees).where(eq(guarantees.numberKey, 'RACE-1'))).toHaveLength(1);
  });

  it('refuses a second registration of one source, an ended period and a letter that is nobody’s', async () => {
    expect(await codeOf(register({ number: 'SRC-1', sourceId: 'same' }))).toBe('ok');
    expect(await codeOf(register({ number: 'SRC-2', sourceId: 'same' }))).toBe('CONFLICT');
    expect(await codeOf(register({ number: 'OLD-1', validFrom: '2025-01-01', validTo: '2026-03-01' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(register({ number: 'FILE-1', fileId: '00000000-0000-4000-8000-000000000000' }))).toBe('VALIDATION_FAILED');
  });
});

describe('状态 on the platform clock', () => {
  it('SQL and the shared rule agree at the boundaries (30 days left, last day, the day after)', async () => {
    const today = '2026-03-02';
    const cases: [string, { validTo: string; released?: boolean; claimed?: boolean }, GuaranteeStatus][] = [
      ['31 days left', { validTo: '2026-04-02' }, 'valid'],
      ['30 days left', { validTo: '2026-04-01' }, 'expiring'],
      ['ends today', { validTo: '2026-03-02' }, 'expiring'],
      ['ended yesterday', { validTo: '2026-03-01' }, 'expired'],
      ['released', { validTo: '2027-01-01', released: true }, 'released'],
      ['claimed and released', { validTo: '2027-01-01', released: true, claimed: true }, 'claimed'],
    ];
    const ids: bigint[] = [];
    for (const [name, c] of cases) {
      // registered while in force, then moved to the case's dates
      const { id } = await register({ number: `ST-${name}`, validFrom: '2025-06-01' });
      await ctx.database.db
        .update(guarantees)
        .set({ validTo: c.validTo, releasedAt: c.released ? ctx.clock.now() : null, claimedAt: c.claimed ? ctx.clock.now() : null })
        .where(eq(guarantees.id, id));
      ids.push(id);
    }
    const rows = await ctx.database.db
      .select({ id: guarantees.id, validTo: guarantees.validTo, releasedAt: guarantees.releasedAt, claimedAt: guarantees.claimedAt, status: statusSql(today) })
      .from(guarantees)
      .where(inArray(guarantees.id, ids));
    cases.forEach(([name, , expected], i) => {
      const row = rows.find((r) => r.id === ids[i])!;
      expect([name, row.status]).toEqual([name, expected]);
      expect([name, guaranteeStatusOn(row, today)]).toEqual([name, expected]);
    });
    // each status filter selects exactly its rows
    for (const s of GUARANTEE_STATUSES) {
      const hits = await ctx.database.db
        .select({ id: guarantees.id })
        .from(guarantees)
        .where(inArray(guarantees.id, ids))
        .then((all) => all.map((r) => r.id));
      const filtered = (await ctx.database.db.select({ id: guarantees.id }).from(guarantees).where(statusIs(s, today))).map((r) => r.id).filter((id) => hits.includes(id));
      expect([s, filtered.sort()]).toEqual([s, ids.filter((_, i) => cases[i]![2] === s).sort()]);
    }
  });
});

describe('migration 0020', () => {
  const constraintCodes = async (name: string) => {
    const res = (await ctx.database.db.execute(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${name}`)) as unknown as { rows: { def: string }[] };
    expect(res.rows, name).toHaveLength(1);
    return [...res.rows[0]!.def.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  };
  it('each CHECK lists exactly the shared codes, and attachments keeps every owner type of every migration', async () => {
    expect(await constraintCodes('offline_guarantees_status_ck')).toEqual([...offlineGuaranteeWorkflow.codes].sort());
    expect(await constraintCodes('offline_guarantees_type_ck')).toEqual([...OFFLINE_INSTRUMENT_TYPES].sort());
    expect(await constraintCodes('guarantees_kind_ck')).toEqual([...GUARANTEE_KINDS].sort());
    expect(await constraintCodes('attachments_owner_type_ck')).toEqual([...ATTACHMENT_OWNER_TYPE_CODES].sort());
  });
});
