import { cashDepositWorkflow, fenToYuan, PAYMENT_OPEN_EVENT_TYPES, type TCashDeposit, type TCashDepositRequest } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import type { AuthUser } from '../../../platform/sessions';
import { chosenBank, loadPayable } from '../../payment/common';
import type { PaymentContext } from '../../payment/context';
import { cashDepositDto } from '../read';
import { insertCashDeposit } from '../repository';

/**
 * 现金存缴 (enterprise): the chosen bank (one that opens the 工资保证金专用账户 in the project's region),
 * the signed 存款协议书; the payment attempt opens (the deposit → 缴纳中) and the bank gets a task.
 * Another way being tried is closed only with `confirmSwitch` (409 PAYMENT_SWITCH_CONFIRM otherwise).
 */
export async function submitCashDeposit(ctx: PaymentContext, user: AuthUser, input: TCashDepositRequest, actor: Actor): Promise<TCashDeposit> {
  const { project, requiredFen } = await loadPayable(ctx, user, input.projectId);
  const bank = await chosenBank(ctx, project, input.bankOrgId, 'cash');
  const now = ctx.clock.now();
  const id = ctx.ids.next();
  const status = cashDepositWorkflow.actions.submit.to;
  await ctx.db.transaction(async (tx) => {
    await insertCashDeposit(tx, {
      id,
      projectId: project.id,
      enterpriseOrgId: project.enterpriseOrgId,
      hrssOrgId: project.hrssOrgId,
      authorityOrgId: project.authorityOrgId,
      bankOrgId: bank.orgId,
      status,
      requiredFen,
      handlerName: input.handlerName,
      handlerPhone: input.handlerPhone,
      submittedAt: now,
      submittedBy: user.id,
      updatedAt: now,
    });
    await ctx.attachments.attach(tx, {
      ownerType: 'cash_deposit',
      ownerId: id.toString(),
      kind: 'agreement',
      fileIds: [input.agreementFileId],
      uploaderOrgId: user.orgId,
      field: 'agreementFileId',
      label: '存款协议书',
      at: now,
    });
    const opened = await ctx.payments.open(tx, { projectId: project.id, way: 'cash', refId: id, actor, at: now, confirmSwitch: input.confirmSwitch });
    await ctx.audit(tx, actor, now, {
      action: cashDepositWorkflow.auditCode('submit'),
      targetType: 'cash_deposit',
      targetId: id.toString(),
      before: { projectDepositStatus: opened.depositBefore },
      after: {
        status,
        projectId: project.id.toString(),
        bank: bank.name,
        required: fenToYuan(requiredFen),
        projectDepositStatus: opened.depositAfter,
        ...(opened.switchedFrom ? { switchedFrom: opened.switchedFrom } : {}),
      },
    });
    await ctx.recordOpenEvent(tx, { orgId: bank.orgId, type: PAYMENT_OPEN_EVENT_TYPES.cashSubmitted, objectNo: id.toString(), at: now });
  });
  return cashDepositDto(ctx, user, id);
}
