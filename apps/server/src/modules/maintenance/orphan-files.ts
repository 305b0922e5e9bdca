import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { jobLabels } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { DailyJob, JobLogger } from '../../platform/jobs';
import { unattached } from '../files/attachments';
import { absolutePath } from '../files/storage';

/** An upload not attached to anything within this long is an orphan (a form abandoned or re-filled). */
export const ORPHAN_AGE_MS = 24 * 3_600_000;
/** At most this many files a run; the rest go the next day. */
export const ORPHAN_BATCH = 2_000;

export const SYSTEM_ACTOR: Actor = { id: null, phone: null, role: null, ip: null };

/** Every (table, column) whose foreign key points at files(id). */
export async function fileForeignKeys(tx: Tx): Promise<{ schema: string; table: string; column: string }[]> {
  const res = (await tx.execute(sql`
    select n.nspname as schema, cl.relname as "table", a.attname as "column", array_length(c.conkey, 1) as width
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'files'::regclass
    order by 2, 3`)) as unknown as { rows: { schema: string; table: string; column: string; width: number }[] };
  for (const r of res.rows) if (Number(r.width) !== 1) throw new Error(`multi-column foreign key to files on ${r.table}`);
  return res.rows.map(({ schema, table, column }) => ({ schema, table, column }));
}

/**
 * An orphan is a file with no attachment (ADR 019): attachments.file_id is the one column that holds
 * file ids (maintenance.test.ts fails if another appears). The same test is the upload cap's (files/service.ts).
 */
export async function unreferenced(_tx: Tx): Promise<SQL> {
  return unattached;
}

interface Orphan {
  id: string;
  stored_path: string;
  size: number;
  original_name: string;
  owner_org_id: string;
}

/**
 * 清理孤立上传文件: files uploaded more than 24 h ago that nothing references are deleted, rows in
 * the run's transaction (with one audit row), contents from disk after it commits.
 *
 * A file being attached at the same moment is never taken: the attaching commands lock the file
 * rows (`for key share`, files/attachments.ts#attach) before they attach them; this job
 * locks candidates `for update skip locked`, so it skips a file being attached, and an attachment
 * that comes after waits for this transaction and then finds the file gone (「请重新上传」). The
 * references are checked again by the DELETE itself, in a snapshot taken after the locks are held.
 */
export function purgeOrphanFilesJob(deps: { dataDir: string }, at = '03:30'): DailyJob {
  return {
    name: 'files.purge-orphans',
    label: jobLabels['files.purge-orphans'],
    at,
    async run({ tx, now, log }) {
      const cutoff = new Date(now.getTime() - ORPHAN_AGE_MS);
      const free = await unreferenced(tx);
      const locked = (await tx.execute(sql`
        select f.id from files f
        where f.created_at < ${cutoff} and ${free}
        order by f.created_at, f.id
        limit ${ORPHAN_BATCH}
        for update of f skip locked`)) as unknown as { rows: { id: string }[] };
      const ids = locked.rows.map((r) => r.id);
      let gone: Orphan[] = [];
      if (ids.length > 0) {
        const deleted = (await tx.execute(sql`
          delete from files f
          where f.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) and ${free}
          returning f.id, f.stored_path, f.size, f.original_name, f.owner_org_id`)) as unknown as { rows: Orphan[] };
        gone = deleted.rows;
      }
      const bytes = gone.reduce((n, f) => n + Number(f.size), 0);
      const summary = { deleted: gone.length, bytes, olderThan: cutoff.toISOString(), more: ids.length === ORPHAN_BATCH };
      if (gone.length > 0) {
        await writeAudit(tx, SYSTEM_ACTOR, now, {
          action: 'file.purge-orphans',
          targetType: 'file',
          targetId: null,
          before: {
            files: gone.slice(0, 200).map((f) => ({ id: f.id, name: f.original_name, size: Number(f.size), ownerOrgId: f.owner_org_id })),
          },
          after: summary,
        });
      }
      return { summary, afterCommit: gone.length ? () => removeContents(deps.dataDir, gone, log) : undefined };
    },
  };
}

/** Deletes the stored contents; one that cannot be deleted is logged, never thrown. */
async function removeContents(dataDir: string, gone: Orphan[], log: JobLogger): Promise<void> {
  const root = path.resolve(dataDir, 'files') + path.sep;
  let failed = 0;
  for (const f of gone) {
    const p = path.resolve(absolutePath(dataDir, f.stored_path));
    if (!p.startsWith(root)) {
      log.warn({ id: f.id, storedPath: f.stored_path }, 'orphan file path is outside DATA_DIR/files; left on disk');
      continue;
    }
    try {
      await fs.rm(p, { force: true });
    } catch (err) {
      failed += 1;
      log.warn({ err, id: f.id }, 'orphan file content could not be deleted');
    }
  }
  if (failed) log.warn({ failed, of: gone.length }, 'some orphan file contents stay on disk');
}
