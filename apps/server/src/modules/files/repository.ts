import { and, asc, eq, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { attachments, files } from '../../db/schema/index';

/**
 * The files and attachments tables (docs/decisions/018, 019). The rules — whose upload a file must
 * be, the cap on unattached bytes, the Chinese messages — stay in service.ts and attachments.ts.
 */

export type FileRow = typeof files.$inferSelect;
export type NewFileRow = typeof files.$inferInsert;

/**
 * "f is attached to nothing", on a query over `files f`: an orphan (the daily clean-up) and what
 * counts against an account's cap on unattached uploads (service.ts). attachments_file_idx answers it.
 */
export const unattached: SQL = sql`not exists (select 1 from attachments a where a.file_id = f.id)`;

// ——— files ———

/** Bytes of the uploader's files attached to nothing (a form not submitted yet, or abandoned). */
export async function unattachedBytes(tx: Tx, uploaderId: string): Promise<number> {
  const res = (await tx.execute(
    sql`select coalesce(sum(f.size), 0)::bigint as bytes from files f where f.uploader_id = ${uploaderId} and ${unattached}`,
  )) as unknown as { rows: { bytes: string | number }[] };
  return Number(res.rows[0]?.bytes ?? 0);
}

/** Bytes an API client sent inside JSON that no record references yet (a command that failed after reading them). */
export async function unattachedBytesOfClient(tx: Tx, clientId: string): Promise<number> {
  const res = (await tx.execute(
    sql`select coalesce(sum(f.size), 0)::bigint as bytes from files f where f.uploader_client_id = ${clientId} and ${unattached}`,
  )) as unknown as { rows: { bytes: string | number }[] };
  return Number(res.rows[0]?.bytes ?? 0);
}

/** One account's uploads commit one at a time (a transaction-scoped advisory lock on the uploader). */
export async function lockUploads(tx: Tx, uploaderId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`files.unattached:${uploaderId}`}, 0))`);
}

export async function insertFile(tx: Tx, values: NewFileRow): Promise<FileRow> {
  const [row] = await tx.insert(files).values(values).returning();
  return row!;
}

/** One file by id within `scope` (the caller's `scopeOf(…, 'file')`). */
export async function findFile(tx: Tx, id: string, scope: SQL): Promise<FileRow | undefined> {
  const [file] = await tx.select().from(files).where(and(eq(files.id, id), scope)).limit(1);
  return file;
}

// ——— attachments ———

/**
 * The ids among `ids` that are uploads of `orgId`, their rows locked `for key share` (as a foreign
 * key check does) until the commit.
 */
export async function lockOwnFiles(tx: Tx, ids: string[], orgId: string): Promise<{ id: string }[]> {
  return tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.ownerOrgId, orgId)))
    .for('key share');
}

/** An attachment of one of the files as another kind or to another type of owner, if any. */
export async function attachedAsOther(tx: Tx, ids: string[], ownerType: string, kind: string): Promise<{ ownerType: string; kind: string } | undefined> {
  const [elsewhere] = await tx
    .select({ ownerType: attachments.ownerType, kind: attachments.kind })
    .from(attachments)
    .where(and(inArray(attachments.fileId, ids), or(ne(attachments.ownerType, ownerType), ne(attachments.kind, kind))))
    .limit(1);
  return elsewhere;
}

/** Removes the owner's files of the kind, except `keep` (all of them when `keep` is empty). */
export async function detachExcept(tx: Tx, owner: { ownerType: string; ownerId: string; kind: string }, keep: string[]): Promise<void> {
  const cond = and(eq(attachments.ownerType, owner.ownerType), eq(attachments.ownerId, owner.ownerId), eq(attachments.kind, owner.kind))!;
  await tx.delete(attachments).where(keep.length ? and(cond, notInArray(attachments.fileId, keep)) : cond);
}

/** Attaches the files in order (position = index); an existing attachment only takes its new position. */
export async function upsertAttachments(tx: Tx, owner: { ownerType: string; ownerId: string; kind: string }, fileIds: string[], at: Date): Promise<void> {
  await tx
    .insert(attachments)
    .values(fileIds.map((fileId, position) => ({ fileId, ownerType: owner.ownerType, ownerId: owner.ownerId, kind: owner.kind, position, createdAt: at })))
    .onConflictDoUpdate({ target: [attachments.ownerType, attachments.ownerId, attachments.kind, attachments.fileId], set: { position: sql`excluded.position` } });
}

/** The attached files of some owners, ordered by owner id, kind, position. */
export async function attachedFileRows(tx: Tx, ownerType: string, ownerIds: string[]): Promise<{ ownerId: string; kind: string; file: FileRow }[]> {
  return tx
    .select({ ownerId: attachments.ownerId, kind: attachments.kind, file: files })
    .from(attachments)
    .innerJoin(files, eq(files.id, attachments.fileId))
    .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, ownerIds)))
    .orderBy(asc(attachments.ownerId), asc(attachments.kind), asc(attachments.position), asc(attachments.createdAt));
}

/** An upload of `orgId` by id: its digest and type (a voucher is identified by its content). */
export async function ownFileDigest(tx: Tx, id: string, orgId: string): Promise<{ id: string; sha256: string; mime: string } | undefined> {
  const [row] = await tx
    .select({ id: files.id, sha256: files.sha256, mime: files.mime })
    .from(files)
    .where(and(eq(files.id, id), eq(files.ownerOrgId, orgId)))
    .limit(1);
  return row;
}

/** Whether the file is attached to that owner (under any kind). */
export async function isAttachedTo(tx: Tx, fileId: string, owner: { ownerType: string; ownerId: string }): Promise<boolean> {
  const [row] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.fileId, fileId), eq(attachments.ownerType, owner.ownerType), eq(attachments.ownerId, owner.ownerId)))
    .limit(1);
  return !!row;
}

// ——— for the daily clean-up (maintenance, passed in its deps) and the back office ———

/** Audit log labels of files: their original names. */
export async function fileLabels(tx: Tx, ids: string[]): Promise<[string, string][]> {
  if (ids.length === 0) return [];
  const found = await tx.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids));
  return found.map((f) => [f.id, f.name]);
}

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

export interface OrphanFile {
  id: string;
  stored_path: string;
  size: number;
  original_name: string;
  owner_org_id: string;
}

/**
 * Deletes up to `limit` files created before `cutoff` that nothing references. Candidates are
 * locked `for update skip locked` (a file being attached holds `for key share` and is skipped), and
 * the DELETE checks the references again in a snapshot taken after the locks are held.
 * `more`: the batch was full.
 */
export async function deleteOrphanFiles(tx: Tx, cutoff: Date, limit: number): Promise<{ gone: OrphanFile[]; more: boolean }> {
  // an orphan is a file with no attachment (ADR 019): attachments.file_id is the one column that holds
  // file ids (maintenance.test.ts fails if another appears)
  const free = unattached;
  const locked = (await tx.execute(sql`
    select f.id from files f
    where f.created_at < ${cutoff} and ${free}
    order by f.created_at, f.id
    limit ${limit}
    for update of f skip locked`)) as unknown as { rows: { id: string }[] };
  const ids = locked.rows.map((r) => r.id);
  if (ids.length === 0) return { gone: [], more: false };
  const deleted = (await tx.execute(sql`
    delete from files f
    where f.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and ${free}
    returning f.id, f.stored_path, f.size, f.original_name, f.owner_org_id`)) as unknown as { rows: OrphanFile[] };
  return { gone: deleted.rows, more: ids.length === limit };
}
