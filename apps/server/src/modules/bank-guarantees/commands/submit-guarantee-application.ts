import { fenToYuan, guaranteeApplicationProblems, guaranteeApplicationWorkflow, PAYMENT_OPEN_EVENT_TYPES, yuanToFen, type TGuaranteeApplication, type TGuaranteeApplicationRequest } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { AppError } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import { chosenBank, loadPayable, orgNames } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { guaranteeApplicationDto } from '../read';
import { insertGuaranteeApplication } from '../repository';

/**
 * 银行保函办理 (enterprise): the bank, 保函金额 (≥ the approved amount), 受益人 = the project's
 * 人社监管单位 (fixed), 保函期限 (≥ 1 year and ≥ the remaining construction period, the shared rule the
 * form checks too), 经办人; the attempt opens (→ 缴纳中) and the bank gets a task.
 */
export async function submitGuaranteeApplication(ctx: PaymentContext, user: AuthUser, input: TGuaranteeApplicationRequest, actor: Actor): Promise<TGuaranteeApplication> {
  const { project, requiredFen } = await loadPayable(ctx, user, input.projectId);
  const now = ctx.clock.now();
  const problems = guaranteeApplicationProblems(input, { requiredAmount: fenToYuan(requiredFen), plannedEnd: project.plannedEnd, today: shanghaiDate(now) });
  if (problems.length > 0) {
    const fields = Object.fromEntries(problems.map((p) => [p.field, [p.message]]));
    throw new AppError('VALIDATION_FAILED', problems[0]!.message, { fields });
  }
  const bank = await chosenBank(ctx, project, input.bankOrgId, 'guarantee');
  const beneficiaryName = (await orgNames(ctx, [project.hrssOrgId]))(project.hrssOrgId);
  const id = ctx.ids.next();
  const status = guaranteeApplicationWorkflow.actions.submit.to;
  const amountFen = yuanToFen(input.amount);
  await ctx.db.transaction(async (tx) => {
    await insertGuaranteeApplication(tx, {
      id,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      bankOrgId: bank.orgId,
      status,
      requiredFen,
      amountFen,
      beneficiaryName,
      termFrom: input.termFrom,
      termTo: input.termTo,
      handlerName: input.handlerName,
      handlerPhone: input.handlerPhone,
      remark: input.remark ?? null,
      submittedAt: now,
      submittedBy: user.id,
      updatedAt: now,
    });
    const opened = await ctx.payments.open(tx, { projectId: project.id, way: 'bank_guarantee', refId: id, actor, at: now, confirmSwitch: input.confirmSwitch });
    await ctx.audit(tx, actor, now, {
      action: guaranteeApplicationWorkflow.auditCode('submit'),
      targetType: 'guarantee_application',
      targetId: id.toString(),
      before: { projectDepositStatus: opened.depositBefore },
      after: {
        status,
        projectId: project.id.toString(),
        bank: bank.name,
        amount: fenToYuan(amountFen),
        beneficiary: beneficiaryName,
        term: [input.termFrom, input.termTo],
        projectDepositStatus: opened.depositAfter,
        ...(opened.switchedFrom ? { switchedFrom: opened.switchedFrom } : {}),
      },
    });
    await ctx.recordOpenEvent(tx, { orgId: bank.orgId, type: PAYMENT_OPEN_EVENT_TYPES.guaranteeSubmitted, objectNo: id.toString(), at: now });
  });
  return guaranteeApplicationDto(ctx, user, id);
}
