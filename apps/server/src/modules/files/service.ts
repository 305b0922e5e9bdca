import fs from 'node:fs';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../db/client';
import { certifications, files, quotaApplications } from '../../db/schema/index';
import { quotaScope } from '../quota/policy';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { absolutePath, cleanFileName, storeUpload } from './storage';

export type FileRow = typeof files.$inferSelect;
export const toFileRef = (f: Pick<FileRow, 'id' | 'originalName' | 'size' | 'mime'>) => ({
  id: f.id,
  name: f.originalName,
  size: f.size,
  mime: f.mime,
});

export function createFileService(deps: { db: Db; clock: Clock; dataDir: string }) {
  const { db, clock, dataDir } = deps;

  /** Scope rule of a file: its own organisation, or a reviewer of a record that references it. */
  async function readable(user: AuthUser, id: string): Promise<FileRow | null> {
    const [file] = await db.select().from(files).where(eq(files.id, id)).limit(1);
    if (!file) return null;
    if (file.ownerOrgId === user.orgId) return file;
    // reviewers of a quota application in their remit see its attachments
    if (user.role !== 'enterprise') {
      const scope = await quotaScope(db, user);
      if (scope) {
        const [ref] = await db
          .select({ id: quotaApplications.id })
          .from(quotaApplications)
          .where(
            and(
              scope,
              or(
                eq(quotaApplications.licenseFileId, id),
                eq(quotaApplications.deferralFileId, id),
                sql`${quotaApplications.bidNoticeFileIds} @> ${JSON.stringify([id])}::jsonb`,
              ),
            ),
          )
          .limit(1);
        if (ref) return file;
      }
    }
    if (user.role === 'admin') {
      const [ref] = await db
        .select({ id: certifications.id })
        .from(certifications)
        .where(or(eq(certifications.licenseFileId, id), eq(certifications.qualificationFileId, id)))
        .limit(1);
      if (ref) return file;
    }
    return null;
  }

  return {
    async upload(user: AuthUser, stream: Readable & { truncated?: boolean }, filename: string | undefined, actor: Actor) {
      const now = clock.now();
      const stored = await storeUpload(dataDir, stream, now);
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(files)
            .values({
              ownerOrgId: user.orgId,
              uploaderId: user.id,
              originalName: cleanFileName(filename, stored.ext),
              storedPath: stored.relPath,
              mime: stored.mime,
              size: stored.size,
              sha256: stored.sha256,
              createdAt: now,
            })
            .returning();
          await writeAudit(tx, actor, now, {
            action: 'file.upload',
            targetType: 'file',
            targetId: row!.id,
            after: { name: row!.originalName, size: row!.size, mime: row!.mime, sha256: row!.sha256 },
          });
          return row!;
        });
      } catch (err) {
        fs.rmSync(absolutePath(dataDir, stored.relPath), { force: true });
        throw err;
      }
    },

    async open(user: AuthUser, id: string): Promise<{ file: FileRow; stream: fs.ReadStream }> {
      const file = await readable(user, id);
      if (!file) throw notFound('文件');
      const p = absolutePath(dataDir, file.storedPath);
      if (!fs.existsSync(p)) throw new AppError('NOT_FOUND', '文件已不存在，请联系平台运营人员');
      return { file, stream: fs.createReadStream(p) };
    },

    /**
     * For commands that attach files: the file must exist and belong to the user's organisation. The
     * row stays locked (`for key share`, as a foreign key check does) until the command commits, so
     * the orphan clean-up (maintenance/orphan-files.ts) cannot delete a file being attached.
     */
    async ownFile(tx: Tx, user: AuthUser, id: string, label: string): Promise<FileRow> {
      const [file] = await tx
        .select()
        .from(files)
        .where(and(eq(files.id, id), eq(files.ownerOrgId, user.orgId)))
        .limit(1)
        .for('key share');
      if (!file) throw new AppError('VALIDATION_FAILED', `${label}文件不存在，请重新上传`, { fields: { [label]: ['请重新上传'] } });
      return file;
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;
