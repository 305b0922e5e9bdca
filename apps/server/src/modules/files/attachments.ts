import type { Tx } from '../../db/client';
import { AppError, fieldError } from '../../platform/errors';
import type { AttachmentOwnerType } from '../../platform/scope';
import { attachedAsOther, attachedFileRows, detachExcept, isAttachedTo, lockOwnFiles, upsertAttachments, type FileRow } from './repository';

export { unattached, type FileRow } from './repository';
export type { AttachmentOwnerType } from '../../platform/scope';

/** The kinds of file each owner type has (the form's fields). */
export const ATTACHMENT_KINDS = {
  quota_application: ['license', 'bid_notice', 'deferral'],
  certification: ['license', 'qualification'],
  // 现金存缴: 存款协议书; an arrival: its 凭证; 银行保函: the letter the bank issued
  cash_deposit: ['agreement'],
  cash_arrival: ['voucher'],
  guarantee_application: ['letter'],
  guarantee: ['letter'],
  offline_guarantee: ['letter'],
  // 保险办理 (ADR 024): a product's 相关文件; the 投保's 招标文件 / 施工合同 / 中标通知书; an order's 支付凭证, 保单, 发票
  insurance_product: ['clauses', 'proposal', 'counter_guarantee'],
  insurance_application: ['tender', 'contract', 'award'],
  insurance_order: ['voucher', 'policy', 'invoice'],
  // 保证金注销申请 (issue 13)
  cancellation: ['acceptance_report', 'application_form', 'no_arrears_pledge', 'other'],
  // 保证金动用: the administrative decision (责令限期清偿 / 先行清偿)
  deposit_use: ['decision'],
} as const satisfies Record<AttachmentOwnerType, readonly string[]>;
export type AttachmentKind<T extends AttachmentOwnerType> = (typeof ATTACHMENT_KINDS)[T][number];

export const toFileRef = (f: Pick<FileRow, 'id' | 'originalName' | 'size' | 'mime'>) => ({
  id: f.id,
  name: f.originalName,
  size: f.size,
  mime: f.mime,
});
export type FileRef = ReturnType<typeof toFileRef>;

export interface AttachInput<T extends AttachmentOwnerType> {
  ownerType: T;
  ownerId: string;
  kind: AttachmentKind<T>;
  /** the form's files of this kind, in order; [] removes the kind's files */
  fileIds: readonly string[];
  /** the acting user's organisation: every file must be its upload */
  uploaderOrgId: string;
  /** the form field and its label, for the message when a file is refused */
  field?: string;
  label?: string;
  /** the command's time (its clock) */
  at?: Date;
}

/**
 * Attaches the form's files of one kind to an owner, inside the command's transaction (ADR 019):
 * each file must exist and be an upload of the acting organisation, and may not already serve as
 * another kind of document or belong to another type of record (upload it again for that); the
 * kind's previous files of this owner are replaced (a resubmitted form). The file rows stay locked
 * (`for key share`, as a foreign key check does) until the commit, so the orphan clean-up
 * (maintenance/orphan-files.ts) cannot delete a file being attached.
 */
export async function attach<T extends AttachmentOwnerType>(tx: Tx, input: AttachInput<T>): Promise<void> {
  const field = input.field ?? 'files';
  const ids = [...input.fileIds];
  if (new Set(ids).size !== ids.length) throw fieldError(field, `${input.label ?? '附件'}中有重复的文件，请删除重复的文件后再提交`);
  if (ids.length > 0) {
    const found = await lockOwnFiles(tx, ids, input.uploaderOrgId);
    if (found.length !== ids.length) {
      throw input.label
        ? new AppError('VALIDATION_FAILED', `${input.label}文件不存在，请重新上传`, { fields: { [field]: ['请重新上传'] } })
        : fieldError(field, '附件不存在，请重新上传');
    }
    const elsewhere = await attachedAsOther(tx, ids, input.ownerType, input.kind);
    if (elsewhere) {
      throw fieldError(field, `${input.label ?? '附件'}中有文件已作为其他材料提交过，请重新上传该文件`);
    }
  }
  const owner = { ownerType: input.ownerType, ownerId: input.ownerId, kind: input.kind };
  await detachExcept(tx, owner, ids);
  if (ids.length === 0) return;
  const now = input.at ?? new Date();
  await upsertAttachments(tx, owner, ids, now);
}

/**
 * Attaches to `to` a file that already serves its `from` owner (a guarantee's letter, first attached
 * to the application or upload that produced it): the one case where a file belongs to two types of
 * owner — the register's row shows the source's own document, so whoever may read the guarantee
 * (its issuer, its hrss) reads the letter. Returns false, attaching nothing, when the file is not
 * attached to `from`.
 */
export async function attachFromSource<T extends AttachmentOwnerType>(
  tx: Tx,
  input: { fileId: string; from: { ownerType: string; ownerId: string }; to: { ownerType: T; ownerId: string; kind: AttachmentKind<T> }; at: Date },
): Promise<boolean> {
  if (!(await isAttachedTo(tx, input.fileId, input.from))) return false;
  await detachExcept(tx, input.to, [input.fileId]);
  await upsertAttachments(tx, input.to, [input.fileId], input.at);
  return true;
}

/** The attached files of some owners, by owner id then kind, each kind in its order. */
export async function attachedFiles(tx: Tx, ownerType: AttachmentOwnerType, ownerIds: readonly string[]): Promise<Map<string, Map<string, FileRow[]>>> {
  const out = new Map<string, Map<string, FileRow[]>>();
  if (ownerIds.length === 0) return out;
  const rows = await attachedFileRows(tx, ownerType, [...new Set(ownerIds)]);
  for (const r of rows) {
    let byKind = out.get(r.ownerId);
    if (!byKind) out.set(r.ownerId, (byKind = new Map()));
    const list = byKind.get(r.kind) ?? [];
    list.push(r.file);
    byKind.set(r.kind, list);
  }
  return out;
}
