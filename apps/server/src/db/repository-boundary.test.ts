import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema/index';
// @ts-expect-error the config is plain JavaScript without declarations
import { TABLE_OWNERS, TABLES } from '../../../../eslint.config.js';

/**
 * The lint rule of docs/decisions/018, run through ESLint's API on the repository's own config:
 * if the config stops forbidding Drizzle in a service, or starts forbidding it in a repository, this fails.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the fixture must parse').toEqual([]);
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}
const sqlOn = (file: string, code: string) => restricted(file, code, 'boundary/sql-tables');

const drizzle = `import { eq } from 'drizzle-orm';\nexport const f = (x: number): number => x;\n`;

describe('no Drizzle outside repositories, db/ and platform/ (npm run check)', () => {
  it('fails a service of a converted module that imports drizzle-orm, drizzle-orm/*, or the schema in any spelling', async () => {
    const file = 'apps/server/src/modules/auth/service.ts';
    for (const code of [
      drizzle,
      `import { alias } from 'drizzle-orm/pg-core';\n`,
      `import { users } from '../../db/schema/index';\n`,
      `import { users } from '../../db/schema/auth';\n`,
      `import * as schema from '../../db/schema';\n`,
      `import type { users } from '../../db/schema/auth';\n`,
      `export { users } from '../../db/schema/auth';\n`,
    ]) {
      const messages = await restricted(file, code);
      expect(messages, code).toHaveLength(1);
      expect(messages[0]).toContain('repository.ts');
    }
    // every converted module, not just auth
    for (const m of ['admin/manage.ts', 'dictionaries/service.ts', 'rules/service.ts', 'maintenance/orphan-files.ts', 'dev/routes.ts', 'system/routes.ts', 'deposit/move-deposit.ts', 'certification/read.ts', 'certification/commands/decide-certification.ts', 'quota/read.ts', 'quota/commands/submit-quota-application.ts', 'files/service.ts', 'files/attachments.ts', 'arrears/service.ts', 'projects/service.ts']) {
      expect(await restricted(`apps/server/src/modules/${m}`, drizzle), m).toHaveLength(1);
    }
  });

  it('cannot be switched off by a comment in the file', async () => {
    const code = `// eslint-disable-next-line no-restricted-imports\n${drizzle}`;
    expect(await restricted('apps/server/src/modules/auth/service.ts', code)).toHaveLength(1);
  });

  it('lets the data layer and the tests use Drizzle, and services use the Db/Tx types', async () => {
    for (const file of [
      'apps/server/src/modules/auth/repository.ts',
      'apps/server/src/modules/auth/repositories/accounts.ts',
      'apps/server/src/db/seed.ts',
      'apps/server/src/platform/sessions.ts',
      'apps/server/src/modules/auth/login.test.ts',
      'apps/server/src/test/harness.ts',
    ]) {
      expect(await restricted(file, `${drizzle}import { users } from '../../db/schema/index';\n`), file).toEqual([]);
    }
    expect(await restricted('apps/server/src/modules/auth/service.ts', `import type { Db, Tx } from '../../db/client';\n`)).toEqual([]);
  });
});

describe("a module's repository touches only its own module's tables (ADR 020)", () => {
  it('fails a repository importing another module\'s table, in any spelling, or the whole schema', async () => {
    const cases: [string, string][] = [
      ['apps/server/src/modules/admin/repository.ts', `import { projects } from '../../db/schema/index';\n`],
      ['apps/server/src/modules/admin/repository.ts', `import { auditLog, certifications } from '../../db/schema/index';\n`],
      ['apps/server/src/modules/maintenance/repository.ts', `import { files } from '../../db/schema/files';\n`],
      ['apps/server/src/modules/maintenance/repository.ts', `import type { files } from '../../db/schema/files';\n`],
      ['apps/server/src/modules/projects/repository.ts', `import { organizations } from '../../db/schema';\n`],
      ['apps/server/src/modules/projects/repository.ts', `import * as schema from '../../db/schema/index';\n`],
      ['apps/server/src/modules/quota/repository.ts', `export { projects } from '../../db/schema/projects';\n`],
    ];
    for (const [file, code] of cases) expect(await restricted(file, code), `${file}: ${code}`).toHaveLength(1);
  });

  it('lets each repository import its own tables', async () => {
    for (const [m, tables] of Object.entries(TABLE_OWNERS as Record<string, string[]>)) {
      if (tables.length === 0) continue;
      expect(await restricted(`apps/server/src/modules/${m}/repository.ts`, `import { ${tables.join(', ')} } from '../../db/schema/index';\n`), m).toEqual([]);
    }
  });

  it("fails hand-written SQL on another module's table, anywhere in a module; its own tables pass", async () => {
    const other = [
      ['apps/server/src/modules/maintenance/repository.ts', 'export const q = sql`select f.id from files f where f.created_at < ${cutoff}`;\n'],
      ['apps/server/src/modules/projects/repository.ts', "export const q = 'select name from \"organizations\" where id = $1';\n"],
      ['apps/server/src/modules/quota/read.ts', 'export const q = `update projects set base_locked = true`;\n'],
      ['apps/server/src/modules/admin/repository.ts', 'export const q = sql`select 1 from audit_log a join quota_applications q on q.id::text = a.target_id`;\n'],
      ['apps/server/src/modules/arrears/repository.ts', 'export const q = sql`insert into users (phone) values (${p})`;\n'],
    ];
    for (const [file, code] of other) expect(await sqlOn(file!, code!), code).toHaveLength(1);
    const own = [
      ['apps/server/src/modules/files/repository.ts', 'export const q = sql`select f.id from files f where not exists (select 1 from attachments a where a.file_id = f.id)`;\n'],
      ['apps/server/src/modules/deposit/repository.ts', 'export const q = sql`with b as (select id from projects where id = ${id} for update) update projects p set x = 1 from b`;\n'],
      // words, not SQL on a table
      ['apps/server/src/modules/maintenance/orphan-files.ts', "export const name = 'files.purge-orphans';\nexport const m = 'deleted from disk';\n"],
    ];
    for (const [file, code] of own) expect(await sqlOn(file!, code!), code).toEqual([]);
  });

  it("fails a module importing another module's repository as a value; its types are fine", async () => {
    expect(await restricted('apps/server/src/modules/maintenance/repository.ts', `import { unattached } from '../files/repository';\n`)).toHaveLength(1);
    expect(await restricted('apps/server/src/modules/quota/commands/submit-quota-application.ts', `import { findProject } from '../../projects/repository';\n`)).toHaveLength(1);
    expect(await restricted('apps/server/src/modules/quota/read.ts', `import type { ProjectRow } from '../projects/repository';\n`)).toEqual([]);
    expect(await restricted('apps/server/src/modules/quota/commands/approve-quota-application.ts', `import { moveQuotaApplication } from '../repository';\n`)).toEqual([]);
  });

  it('has an entry for every module (a new module must say which tables it owns)', () => {
    const modules = fs.readdirSync(path.join(root, 'apps/server/src/modules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(modules.filter((m) => !(m in (TABLE_OWNERS as object)))).toEqual([]);
  });

  it('knows every table of the schema, and every owned table exists', () => {
    const inSchema = Object.fromEntries(Object.entries(schema).filter(([, v]) => is(v, PgTable)).map(([k, v]) => [k, getTableName(v as PgTable)]));
    expect(TABLES).toEqual(inSchema);
    for (const tables of Object.values(TABLE_OWNERS as Record<string, string[]>)) for (const t of tables) expect(Object.keys(TABLES)).toContain(t);
  });
});
