import fs from 'node:fs/promises';
import path from 'node:path';
import { jobLabels } from '@benxi/shared';
import { writeAudit, type Actor } from '../../platform/audit';
import type { DailyJob, JobLogger } from '../../platform/jobs';
import { absolutePath } from '../files/storage';

/** The files module's orphan query (files/repository.ts), passed in by app.ts. */
export type OrphanFiles = Pick<typeof import('../files/repository'), 'deleteOrphanFiles'>;
type OrphanFile = Awaited<ReturnType<OrphanFiles['deleteOrphanFiles']>>['gone'][number];

/** An upload not attached to anything within this long is an orphan (a form abandoned or re-filled). */
export const ORPHAN_AGE_MS = 24 * 3_600_000;
/** At most this many files a run; the rest go the next day. */
export const ORPHAN_BATCH = 2_000;

export const SYSTEM_ACTOR: Actor = { id: null, phone: null, role: null, ip: null };

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
export function purgeOrphanFilesJob(deps: { dataDir: string; files: OrphanFiles }, at = '03:30'): DailyJob {
  return {
    name: 'files.purge-orphans',
    label: jobLabels['files.purge-orphans'],
    at,
    async run({ tx, now, log }) {
      const cutoff = new Date(now.getTime() - ORPHAN_AGE_MS);
      const { gone, more } = await deps.files.deleteOrphanFiles(tx, cutoff, ORPHAN_BATCH);
      const bytes = gone.reduce((n, f) => n + Number(f.size), 0);
      const summary = { deleted: gone.length, bytes, olderThan: cutoff.toISOString(), more };
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
async function removeContents(dataDir: string, gone: OrphanFile[], log: JobLogger): Promise<void> {
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
