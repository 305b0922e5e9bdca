import { fenToYuan, guaranteeApplicationWorkflow, guaranteeTermProblem, PAYMENT_OPEN_EVENT_TYPES, yuanToFen, type GuaranteeApplicationStatus, type TGuaranteeApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { fieldError, invalidState } from '../../../platform/errors';
import { orgNames, type PaymentUser } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { guaranteeApplicationDto, loadGuaranteeApplication } from '../read';
import { lockGuaranteeApplication, moveGuaranteeApplication, setGuaranteeId } from '../repository';
import { guaranteeStateReason } from './decide-guarantee-application';
import { recordWarningRecheck } from '../../warnings/events';

export interface IssueGuaranteeInput {
  guaranteeNo: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  amount: string;
  fee: string;
  /** the letter (PDF), an upload of the bank (the open API stores the JSON file first) */
  letterFileId: string;
}

/**
 * 出函 (the bank): 保函号, 出函日期, 期限, 金额, 手续费 and the letter PDF. In one transaction: 已受理 →
 * 已出函, the letter attached, the guarantee registered (a 保函号 in force elsewhere is a 409), and —
 * when 金额 covers the required amount — the payment attempt covered (the project → 已缴纳). Of two
 * 出函 at once, one wins; the other gets 409.
 */
export async function issueGuarantee(ctx: PaymentContext, user: PaymentUser, id: string, input: IssueGuaranteeInput, actor: Actor): Promise<TGuaranteeApplication> {
  const g = await loadGuaranteeApplication(ctx, user, id, 'act');
  const action = guaranteeApplicationWorkflow.actions.issue;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const amountFen = yuanToFen(input.amount);
  const feeFen = yuanToFen(input.fee);
  if (input.issuedOn > today) throw fieldError('issuedOn', '出函日期不能晚于今天');
  const project = await ctx.projects.findProject(ctx.db, g.projectId);
  const term = guaranteeTermProblem({ from: input.validFrom, to: input.validTo, plannedEnd: project?.plannedEnd ?? input.validTo, today });
  if (term) throw fieldError('validTo', term);
  const letter = await ctx.files.ownFileDigest(ctx.db, input.letterFileId, user.orgId);
  if (!letter) throw fieldError('letterFileId', '保函文件不存在，请重新上传');
  if (letter.mime !== 'application/pdf') throw fieldError('letterFileId', '保函文件应为 PDF 文件');
  const bankName = (await orgNames(ctx, [g.bankOrgId]))(g.bankOrgId);
  await ctx.db.transaction(async (tx) => {
    const before = (await lockGuaranteeApplication(tx, g.id))?.status as GuaranteeApplicationStatus | undefined;
    if (!before || !guaranteeApplicationWorkflow.can('issue', before)) {
      throw invalidState(before === 'submitted' ? '请先受理该保函申请再出函' : `${before ? guaranteeStateReason(before) : '该保函申请不存在'}，不能出函`);
    }
    const moved = await moveGuaranteeApplication(tx, g.id, action.from, {
      status: action.to,
      issuedAt: now,
      guaranteeNo: input.guaranteeNo.trim(),
      issuedOn: input.issuedOn,
      validFrom: input.validFrom,
      validTo: input.validTo,
      issuedAmountFen: amountFen,
      feeFen,
      updatedAt: now,
    });
    if (moved !== 1) throw invalidState('该保函申请已被处理，请刷新后查看');
    // the letter belongs to the application first; the register shares it (ADR 023)
    await ctx.attachments.attach(tx, {
      ownerType: 'guarantee_application',
      ownerId: g.id.toString(),
      kind: 'letter',
      fileIds: [letter.id],
      uploaderOrgId: user.orgId,
      field: 'letterFileId',
      label: '保函文件',
      at: now,
    });
    const registered = await ctx.registerGuarantee(tx, {
      kind: 'bank_guarantee',
      number: input.guaranteeNo,
      projectId: g.projectId,
      enterpriseOrgId: g.enterpriseOrgId,
      hrssOrgId: g.hrssOrgId,
      authorityOrgId: g.authorityOrgId,
      issuerOrgId: g.bankOrgId,
      issuerName: bankName,
      amountFen,
      feeFen,
      issuedOn: input.issuedOn,
      validFrom: input.validFrom,
      validTo: input.validTo,
      sourceType: 'guarantee_application',
      sourceId: g.id.toString(),
      fileId: letter.id,
      actor,
      at: now,
    });
    await setGuaranteeId(tx, g.id, registered.id);
    const covers = amountFen >= g.requiredFen;
    const deposit = covers ? await ctx.payments.cover(tx, { projectId: g.projectId, way: 'bank_guarantee', refId: g.id, actor, at: now }) : null;
    await ctx.audit(tx, actor, now, {
      action: guaranteeApplicationWorkflow.auditCode('issue'),
      targetType: 'guarantee_application',
      targetId: g.id.toString(),
      before: { status: before, ...(deposit ? { projectDepositStatus: deposit.depositBefore } : {}) },
      after: {
        status: action.to,
        guaranteeNo: input.guaranteeNo.trim(),
        issuedOn: input.issuedOn,
        validFrom: input.validFrom,
        validTo: input.validTo,
        amount: fenToYuan(amountFen),
        fee: fenToYuan(feeFen),
        guaranteeId: registered.id.toString(),
        covers,
        ...(deposit ? { projectDepositStatus: deposit.depositAfter } : {}),
      },
    });
    await recordWarningRecheck(tx, now, g.projectId, 'guarantee_application.issue');
    await ctx.recordOpenEvent(tx, { orgId: g.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.guaranteeIssued, objectNo: g.id.toString(), at: now });
  });
  return guaranteeApplicationDto(ctx, user, g.id);
}
