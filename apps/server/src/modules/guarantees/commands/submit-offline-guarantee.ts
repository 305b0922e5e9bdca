import {
  fenToYuan,
  formatFen,
  guaranteeNumberKey,
  OFFLINE_REVIEW_WORKING_DAYS,
  offlineGuaranteeWorkflow,
  yuanToFen,
  type OfflineInstrumentType,
  type TOfflineGuarantee,
} from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { AppError, fieldError, invalidState, uniqueViolation } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { GuaranteeContext } from '../context';
import { getOfflineGuarantee, loadProject, requiredFenOf } from '../read';
import { guaranteeNoInForce, guaranteeNumberInForce } from '../register';
import { insertOfflineGuarantee, offlineNumberIn } from '../repository';

export interface OfflineGuaranteeInput {
  projectId: string;
  instrumentType: OfflineInstrumentType;
  handlerName: string;
  handlerPhone: string;
  bankBrand: string;
  issuerOrgId?: string;
  issuerName?: string;
  productName: string;
  guaranteeNo: string;
  amount: string;
  fee: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  fileId: string;
  confirmSwitch?: boolean;
}

/**
 * 保单保函上传 (manual 2.2.1): the enterprise uploads an offline guarantee or policy of its project;
 * the upload is 待审核 by the project's 人社监管单位 within 5 working days, and the payment core opens
 * its attempt (the deposit becomes 缴纳中; another way open is closed only after the enterprise
 * confirmed the switch — 409 PAYMENT_SWITCH_CONFIRM otherwise). A 保函号 in force on the platform, or
 * awaiting review in another upload, is refused.
 */
export async function submitOfflineGuarantee(ctx: GuaranteeContext, user: AuthUser, input: OfflineGuaranteeInput, actor: Actor): Promise<TOfflineGuarantee> {
  const { db } = ctx;
  const p = await loadProject(ctx, user, input.projectId, 'act');
  const required = await requiredFenOf(ctx, p.id);
  if (required === null) throw invalidState('该项目尚无审核通过的一般缴纳（或缓缴）定额申请，不能上传保单保函');
  const amountFen = yuanToFen(input.amount);
  const feeFen = yuanToFen(input.fee);
  if (amountFen < required) throw fieldError('amount', `保额不能低于保证金应缴金额 ${formatFen(required)} 元`);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.issuedOn > today) throw fieldError('issuedOn', '出函日期不能晚于今天');
  if (input.validTo < today) throw fieldError('validTo', '保函期限已结束，请上传在有效期内的保函');

  let issuerOrgId: string | null = null;
  let issuerName = input.issuerName?.trim() ?? '';
  if (input.issuerOrgId) {
    const org = await ctx.accounts.findOrganization(db, input.issuerOrgId);
    if (!org || !org.enabled || (org.type !== 'bank' && org.type !== 'insurer')) throw fieldError('issuerOrgId', '承保出单机构不正确，请重新选择');
    issuerOrgId = org.id;
    issuerName = org.name ?? issuerName;
  }
  const numberKey = guaranteeNumberKey(input.guaranteeNo);
  const calendar = await ctx.rules.workCalendar();
  const dueOn = calendar.addWorkingDays(today, OFFLINE_REVIEW_WORKING_DAYS);
  const id = ctx.ids.next();
  const status = offlineGuaranteeWorkflow.actions.submit.to;
  try {
    await db.transaction(async (tx) => {
      if (await guaranteeNumberInForce(tx, input.guaranteeNo, today)) throw guaranteeNoInForce(input.guaranteeNo);
      if (await offlineNumberIn(tx, numberKey, offlineGuaranteeWorkflow.actions.approve.from)) {
        throw new AppError('CONFLICT', `保函号 ${input.guaranteeNo.trim()} 已有待审核的上传，不能重复提交`, { number: input.guaranteeNo.trim() });
      }
      await insertOfflineGuarantee(tx, {
        id,
        projectId: p.id,
        enterpriseOrgId: p.enterpriseOrgId,
        hrssOrgId: p.hrssOrgId,
        authorityOrgId: p.authorityOrgId,
        status,
        instrumentType: input.instrumentType,
        handlerName: input.handlerName,
        handlerPhone: input.handlerPhone,
        bankBrand: input.bankBrand,
        issuerOrgId,
        issuerName,
        productName: input.productName,
        guaranteeNo: input.guaranteeNo.trim(),
        guaranteeNoKey: numberKey,
        amountFen,
        feeFen,
        issuedOn: input.issuedOn,
        validFrom: input.validFrom,
        validTo: input.validTo,
        requiredFen: required,
        submittedAt: now,
        submittedBy: user.id,
        dueOn,
        updatedAt: now,
      });
      await ctx.attachments.attach(tx, { ownerType: 'offline_guarantee', ownerId: id.toString(), kind: 'letter', fileIds: [input.fileId], uploaderOrgId: user.orgId, field: 'fileId', label: '保函文件', at: now });
      const opened = await ctx.payments.open(tx, { projectId: p.id, way: 'offline_guarantee', refId: id.toString(), actor, at: now, confirmSwitch: input.confirmSwitch ?? false });
      await ctx.audit(tx, actor, now, {
        action: offlineGuaranteeWorkflow.auditCode('submit'),
        targetType: 'offline_guarantee',
        targetId: id.toString(),
        before: { projectDepositStatus: opened.depositBefore },
        after: {
          status,
          projectId: p.id.toString(),
          guaranteeNo: input.guaranteeNo.trim(),
          amount: fenToYuan(amountFen),
          required: fenToYuan(required),
          issuerName,
          validFrom: input.validFrom,
          validTo: input.validTo,
          switchedFrom: opened.switchedFrom,
          projectDepositStatus: opened.depositAfter,
        },
      });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'offline_guarantees_pending_project_uq') throw new AppError('CONFLICT', '该项目已有待审核的保单保函，请等待人社部门审核结果');
    throw err;
  }
  return getOfflineGuarantee(ctx, user, id.toString());
}
