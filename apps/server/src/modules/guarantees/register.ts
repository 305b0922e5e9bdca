import { GUARANTEE_KINDS, guaranteeKindLabels, guaranteeNumberKey, fenToYuan, type GuaranteeKind } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import { attach, attachFromSource } from '../files/attachments';
import { addClaim, insertGuarantee, lockGuaranteeNumber, numberKeyInForce, liveGuaranteesOfProject, releaseGuarantees, type GuaranteeRow } from './repository';

/**
 * The guarantees register's one writer (ADR 023): every way of paying that produces a guarantee or
 * policy — the bank's 出函 of an online application, hrss's approval of an offline upload, an issued
 * insurance policy — calls `registerGuarantee` inside its own transaction. A 保函号 in force on the
 * platform (not released, not claimed, 期限 not ended on the platform's clock) cannot be registered
 * again; registrations of one number are serialised by a transaction-scoped advisory lock, so of two
 * at once exactly one succeeds and the other gets 409 GUARANTEE_NO_IN_FORCE.
 */
export interface RegisterGuaranteeInput {
  kind: GuaranteeKind;
  /** 保函号 / 保单号 as the issuer wrote it */
  number: string;
  projectId: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  /** the issuing bank or insurer on the platform; null when it is known only by name */
  issuerOrgId: string | null;
  /** 出具机构 */
  issuerName: string;
  amountFen: bigint;
  feeFen: bigint | null;
  /** YYYY-MM-DD */
  issuedOn: string;
  validFrom: string;
  validTo: string;
  /** the record that produced it, e.g. 'guarantee_application' / 'offline_guarantee' and its id */
  sourceType: string;
  sourceId: string;
  /**
   * The letter (PDF/image) or null. Either already attached to the source record in this
   * transaction (it is then shared with the register's row), or an unattached upload of the issuer
   * organisation (then attached here).
   */
  fileId: string | null;
  actor: Actor;
  /** the command's time (its clock): "today" for the in-force check is its Beijing date */
  at: Date;
}

/** Whether a 保函号 is in force on the platform on `today` (YYYY-MM-DD, the platform clock's Beijing date). */
export async function guaranteeNumberInForce(tx: Tx, number: string, today: string): Promise<boolean> {
  const key = guaranteeNumberKey(number);
  return key.length > 0 && numberKeyInForce(tx, key, today);
}

export const guaranteeNoInForce = (number: string) =>
  new AppError('GUARANTEE_NO_IN_FORCE', `保函号 ${number.trim()} 已在平台登记且仍在有效期内，不能重复提交`, { number: number.trim() });

export async function registerGuarantee(tx: Tx, input: RegisterGuaranteeInput): Promise<{ id: bigint }> {
  if (!(GUARANTEE_KINDS as readonly string[]).includes(input.kind)) throw new Error(`unknown guarantee kind ${input.kind}`);
  const number = input.number.trim();
  const key = guaranteeNumberKey(number);
  if (!key) throw fieldError('guaranteeNo', '请输入保函号');
  if (input.amountFen <= 0n) throw fieldError('amount', '保函金额应大于0');
  if (input.feeFen !== null && input.feeFen < 0n) throw fieldError('fee', '保函手续费不能为负数');
  if (input.validFrom > input.validTo) throw fieldError('validTo', '保函期限的结束日期不能早于开始日期');
  const today = shanghaiDate(input.at);
  if (input.validTo < today) throw fieldError('validTo', '保函期限已结束，不能登记');

  await lockGuaranteeNumber(tx, key);
  if (await numberKeyInForce(tx, key, today)) throw guaranteeNoInForce(number);

  const id = await insertGuarantee(tx, {
    kind: input.kind,
    number,
    numberKey: key,
    projectId: input.projectId,
    enterpriseOrgId: input.enterpriseOrgId,
    hrssOrgId: input.hrssOrgId,
    authorityOrgId: input.authorityOrgId,
    issuerOrgId: input.issuerOrgId,
    issuerName: input.issuerName,
    amountFen: input.amountFen,
    feeFen: input.feeFen,
    issuedOn: input.issuedOn,
    validFrom: input.validFrom,
    validTo: input.validTo,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    createdAt: input.at,
  });
  if (id === undefined) throw new AppError('CONFLICT', '该业务的保函已登记，不能重复登记');

  if (input.fileId) {
    const to = { ownerType: 'guarantee' as const, ownerId: id.toString(), kind: 'letter' as const };
    const shared = await attachFromSource(tx, { fileId: input.fileId, from: { ownerType: input.sourceType, ownerId: input.sourceId }, to, at: input.at });
    if (!shared) {
      if (!input.issuerOrgId) throw fieldError('letter', '保函文件不存在，请重新上传');
      await attach(tx, { ...to, fileIds: [input.fileId], uploaderOrgId: input.issuerOrgId, field: 'letter', label: '保函文件', at: input.at });
    }
  }

  await writeAudit(tx, input.actor, input.at, {
    action: 'guarantee.register',
    targetType: 'guarantee',
    targetId: id.toString(),
    before: null,
    after: {
      kind: input.kind,
      kindLabel: guaranteeKindLabels[input.kind],
      number,
      projectId: input.projectId.toString(),
      issuerName: input.issuerName,
      amount: fenToYuan(input.amountFen),
      fee: input.feeFen === null ? null : fenToYuan(input.feeFen),
      validFrom: input.validFrom,
      validTo: input.validTo,
      source: { type: input.sourceType, id: input.sourceId },
    },
  });
  return { id };
}

/**
 * 释放 (issue 13): every guarantee and policy of the project still live becomes 已释放, inside the
 * caller's transaction (an approved cancellation), one `guarantee.release` audit row each. Answers
 * the released rows (for the 确认书 and the banks' 返还确认).
 */
export async function releaseProjectGuarantees(tx: Tx, input: { projectId: bigint; actor: Actor; at: Date; source: { type: string; id: string } }): Promise<GuaranteeRow[]> {
  const live = await liveGuaranteesOfProject(tx, input.projectId);
  const released = new Set((await releaseGuarantees(tx, live.map((g) => g.id), input.at)).map(String));
  const rows = live.filter((g) => released.has(String(g.id)));
  for (const g of rows) {
    await writeAudit(tx, input.actor, input.at, {
      action: 'guarantee.release',
      targetType: 'guarantee',
      targetId: g.id.toString(),
      before: { releasedAt: null },
      after: { releasedAt: input.at.toISOString(), number: g.number, source: input.source },
    });
  }
  return rows;
}

/**
 * 理赔 on a 支付通知书 (SPEC §9, ADR 032): the holder paid `amountFen` to workers from this guarantee or
 * policy; its 已理赔 amount grows and its 状态 is 已理赔. Inside the payment's transaction, audited.
 */
export async function claimGuarantee(tx: Tx, input: { guaranteeId: bigint; amountFen: bigint; noticeNo: string; actor: Actor; at: Date }): Promise<void> {
  const moved = await addClaim(tx, input.guaranteeId, input.amountFen, input.at);
  if (!moved) throw new AppError('CONFLICT', '理赔金额超过保函金额，请核对');
  await writeAudit(tx, input.actor, input.at, {
    action: 'guarantee.claim',
    targetType: 'guarantee',
    targetId: input.guaranteeId.toString(),
    before: { claimed: fenToYuan(moved.before) },
    after: { claimed: fenToYuan(moved.after), noticeNo: input.noticeNo },
  });
}
