import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, usingPostgres, type TestContext } from '../test/harness';
import { statementNames } from './client';
import { organizations } from './schema/index';

/** Drizzle's statements as named prepared statements on PostgreSQL (db/client.ts, docs/decisions/020). */
describe('statement names', () => {
  it('names a text the second time it is seen, the same name ever after, and no more than the cap', () => {
    const names = statementNames(2);
    expect(names.nameOf('select 1')).toBeUndefined();
    const a = names.nameOf('select 1');
    expect(a).toBeDefined();
    expect(names.nameOf('select 1')).toBe(a);
    names.nameOf('select 2');
    const b = names.nameOf('select 2');
    expect(b).toBeDefined();
    expect(b).not.toBe(a);
    // the cap is reached: a new text stays unnamed, the named ones keep their names
    names.nameOf('select 3');
    expect(names.nameOf('select 3')).toBeUndefined();
    expect(names.nameOf('select 1')).toBe(a);
  });
});

describe.skipIf(!usingPostgres())('on PostgreSQL', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  it("prepares a statement Drizzle sends again, answers it the same, and leaves plain SQL unnamed", async () => {
    const { db } = ctx.database;
    const [org] = await db.select().from(organizations).limit(1);
    const prepared = await db.transaction(async (tx) => {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, org!.id)));
      for (const a of answers) expect(a).toEqual([{ name: org!.name }]);
      // plain SQL on the same connection: not named
      await tx.execute(sql.raw(`select '${'plain'}'::text as x`));
      const res = (await tx.execute(sql`select name, statement from pg_prepared_statements where name like 'bx\\_%'`)) as unknown as { rows: { name: string; statement: string }[] };
      return res.rows;
    });
    expect(prepared.some((p) => p.statement.includes('from "organizations" where "organizations"."id" = $1'))).toBe(true);
    expect(prepared.some((p) => p.statement.includes("'plain'"))).toBe(false);
  });
});
