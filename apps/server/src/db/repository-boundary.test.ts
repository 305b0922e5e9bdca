import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule of docs/decisions/018, run through ESLint's API on the repository's own config:
 * if the config stops forbidding Drizzle in a service, or starts forbidding it in a repository, this fails.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the fixture must parse').toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
      'apps/server/src/modules/admin/repositories/audit.ts',
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
