import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, notFound } from '../../platform/errors';
import { parseResourceId, scopeOf } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { attach, attachedFiles, type FileRow } from './attachments';
import { findFile, insertFile, lockUploads, unattachedBytes, unattachedBytesOfClient } from './repository';
import { absolutePath, cleanFileName, storeUpload } from './storage';

export { toFileRef, type FileRow } from './attachments';

export interface UploadLimits {
  /** bytes an account may hold in files nothing references yet */
  unattachedMaxBytes: number;
}

const MB = 1024 * 1024;
/** Room for a multipart body's own headers: an upload of `declared` body bytes holds at least declared − this. */
const MULTIPART_OVERHEAD = 64 * 1024;

export function createFileService(deps: { db: Db; clock: Clock; dataDir: string; limits?: UploadLimits }) {
  const { db, clock, dataDir } = deps;
  const cap = deps.limits?.unattachedMaxBytes ?? 300 * MB;
  const quotaError = (used: number) =>
    new AppError(
      'UPLOAD_QUOTA_EXCEEDED',
      `已上传但尚未提交的文件已达 ${Math.round(cap / MB)}MB 上限（当前 ${(used / MB).toFixed(1)}MB）；请先提交正在填写的认证或申请，` +
        '未被任何申请使用的文件会在上传 24 小时后自动清除，届时可再上传',
      { limitBytes: cap, usedBytes: used },
    );

  /** The file, if the user may read it: it may read an owner the file is attached to, or (unattached) it is its organisation's upload (platform/scope.ts). */
  async function readable(user: AuthUser, id: string): Promise<FileRow | null> {
    const key = parseResourceId('file', id);
    if (key === null) return null;
    const file = await findFile(db, key as string, await scopeOf(db, user, 'file'));
    return file ?? null;
  }

  return {
    /**
     * Before the body is read: refuses at once an upload that cannot fit under the cap (its body is
     * longer than the room left). The exact check is upload()'s, under a lock.
     */
    async checkRoom(user: AuthUser, declaredBodyBytes: number | undefined): Promise<void> {
      const used = await unattachedBytes(db, user.id);
      const least = Math.max(1, (declaredBodyBytes ?? 0) - MULTIPART_OVERHEAD);
      if (used + least > cap) throw quotaError(used);
    },

    async upload(user: AuthUser, stream: Readable & { truncated?: boolean }, filename: string | undefined, actor: Actor) {
      const now = clock.now();
      const stored = await storeUpload(dataDir, stream, now);
      try {
        return await db.transaction(async (tx) => {
          // One account's uploads commit one at a time, each counting the ones before it: parallel
          // uploads cannot together pass the cap on unattached bytes.
          await lockUploads(tx, user.id);
          const used = await unattachedBytes(tx, user.id);
          if (used + stored.size > cap) throw quotaError(used);
          const row = await insertFile(tx, {
            ownerOrgId: user.orgId,
            uploaderId: user.id,
            originalName: cleanFileName(filename, stored.ext),
            storedPath: stored.relPath,
            mime: stored.mime,
            size: stored.size,
            sha256: stored.sha256,
            createdAt: now,
          });
          await writeAudit(tx, actor, now, {
            action: 'file.upload',
            targetType: 'file',
            targetId: row.id,
            after: { name: row.originalName, size: row.size, mime: row.mime, sha256: row.sha256 },
          });
          return row;
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
     * A file an API client of a bank or an insurer sent inside JSON (modules/open/files.ts decodes it):
     * checked and stored exactly like an upload, owned by the client's organisation (so `attach` with
     * that organisation takes it), counted against the same cap on unattached bytes per client.
     */
    async storeFromClient(client: { clientId: string; orgId: string }, content: Buffer, filename: string, actor: Actor) {
      const now = clock.now();
      const stored = await storeUpload(dataDir, Readable.from([content]), now);
      try {
        return await db.transaction(async (tx) => {
          await lockUploads(tx, `client:${client.clientId}`);
          const used = await unattachedBytesOfClient(tx, client.clientId);
          if (used + stored.size > cap) throw quotaError(used);
          const row = await insertFile(tx, {
            ownerOrgId: client.orgId,
            uploaderId: null,
            uploaderClientId: client.clientId,
            originalName: cleanFileName(filename, stored.ext),
            storedPath: stored.relPath,
            mime: stored.mime,
            size: stored.size,
            sha256: stored.sha256,
            createdAt: now,
          });
          await writeAudit(tx, actor, now, {
            action: 'file.upload',
            targetType: 'file',
            targetId: row.id,
            after: { name: row.originalName, size: row.size, mime: row.mime, sha256: row.sha256 },
          });
          return row;
        });
      } catch (err) {
        fs.rmSync(absolutePath(dataDir, stored.relPath), { force: true });
        throw err;
      }
    },

    /** attachments/attach: the commands that attach files get it from here (certification) or import it (quota) */
    attach,
    attachedFiles,
  };
}

export type FileService = ReturnType<typeof createFileService>;
