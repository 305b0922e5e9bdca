import { cashDepositWorkflow, fenToYuan, PAYMENT_OPEN_EVENT_TYPES, useReplenishmentWorkflow, type TDepositUse, type TReplenishCashRequest } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState, notFound } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { DepositUseContext } from '../context';
import { loadUse, useDto } from '../read';
import { lockUse } from '../repository';

/**
 * 补足 by a new cash deposit (the enterprise, SPEC §9): a 现金存缴 of the used amount at a bank that
 * opens the 专用账户 in the project's region, with its 存款协议书, marked as this use's
 * replenishment. The bank confirms the arrival in its 现金存缴 queue as for any cash deposit; it
 * opens no payment attempt (the deposit is still 已缴纳, only 待补足): hrss confirms on the use.
 */
export async function replenishByCash(ctx: DepositUseContext, user: AuthUser, id: string, input: TReplenishCashRequest, actor: Actor): Promise<TDepositUse> {
  const use = await loadUse(ctx, user, id, 'act');
  const project = await ctx.projects.findProject(ctx.db, use.projectId);
  if (!project) throw notFound('项目');
  const bank = await ctx.chosenCashBank(project, input.bankOrgId);
  const now = ctx.clock.now();
  const cashId = ctx.ids.next();
  await ctx.db.transaction(async (tx) => {
    const row = await lockUse(tx, use.id);
    if (!row || !useReplenishmentWorkflow.can('replenish_cash', row.replenishStatus as never)) throw invalidState('该次动用已确认补足，无需再补足');
    const open = (await ctx.cash.replenishmentsOf(tx, [use.id])).find((c) => c.status !== 'closed');
    if (open) throw invalidState('该次动用已提交现金存缴补足，请等待银行确认到账');
    const status = cashDepositWorkflow.actions.submit.to;
    await ctx.cash.insertCashDeposit(tx, {
      id: cashId,
      projectId: row.projectId,
      enterpriseOrgId: row.enterpriseOrgId,
      hrssOrgId: row.hrssOrgId,
      authorityOrgId: row.authorityOrgId,
      bankOrgId: bank.orgId,
      status,
      requiredFen: row.amountFen,
      handlerName: input.handlerName,
      handlerPhone: input.handlerPhone,
      submittedAt: now,
      submittedBy: user.id,
      updatedAt: now,
      replenishUseId: row.id,
    });
    await ctx.attachments.attach(tx, {
      ownerType: 'cash_deposit',
      ownerId: cashId.toString(),
      kind: 'agreement',
      fileIds: [input.agreementFileId],
      uploaderOrgId: user.orgId,
      field: 'agreementFileId',
      label: '存款协议书',
      at: now,
    });
    await ctx.audit(tx, actor, now, {
      action: useReplenishmentWorkflow.auditCode('replenish_cash'),
      targetType: 'deposit_use',
      targetId: row.id.toString(),
      before: { replenishStatus: row.replenishStatus },
      after: { replenishStatus: row.replenishStatus, cashDepositId: cashId.toString(), bank: bank.name, required: fenToYuan(row.amountFen) },
    });
    await ctx.recordOpenEvent(tx, { orgId: bank.orgId, type: PAYMENT_OPEN_EVENT_TYPES.cashSubmitted, objectNo: cashId.toString(), at: now });
  });
  return useDto(ctx, user, use.id);
}
