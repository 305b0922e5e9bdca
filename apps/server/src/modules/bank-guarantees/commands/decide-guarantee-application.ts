import type { PaymentUser } from '../../payment/common';
import { guaranteeApplicationWorkflow, PAYMENT_OPEN_EVENT_TYPES, type GuaranteeApplicationStatus, type TGuaranteeApplication } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { PaymentContext } from '../../payment/context';
import { guaranteeApplicationDto, loadGuaranteeApplication } from '../read';
import { lockGuaranteeApplication, moveGuaranteeApplication } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

const why = (status: GuaranteeApplicationStatus): string =>
  ({
    submitted: '该保函申请尚未受理',
    accepted: '该保函申请已受理',
    issued: '该保函申请已出函',
    refused: '该保函申请已不受理',
    closed: '该保函申请已关闭（企业已切换缴纳方式）',
  })[status];

/** 受理 (the bank): 待受理 → 已受理. Of two at once, one wins; the other gets 409. */
export async function acceptGuaranteeApplication(ctx: PaymentContext, user: PaymentUser, id: string, actor: Actor): Promise<TGuaranteeApplication> {
  const g = await loadGuaranteeApplication(ctx, user, id, 'act');
  const action = guaranteeApplicationWorkflow.actions.accept;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = (await lockGuaranteeApplication(tx, g.id))?.status as GuaranteeApplicationStatus | undefined;
    if (!before || !guaranteeApplicationWorkflow.can('accept', before)) throw invalidState(`${before ? why(before) : '该保函申请不存在'}，不能受理`);
    if ((await moveGuaranteeApplication(tx, g.id, action.from, { status: action.to, acceptedAt: now, updatedAt: now })) !== 1) throw invalidState('该保函申请已被处理，请刷新后查看');
    await ctx.audit(tx, actor, now, { action: guaranteeApplicationWorkflow.auditCode('accept'), targetType: 'guarantee_application', targetId: g.id.toString(), before: { status: before }, after: { status: action.to } });
    await recordWarningRecheck(tx, now, g.projectId, 'guarantee_application.accept');
    await ctx.recordOpenEvent(tx, { orgId: g.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.guaranteeAccepted, objectNo: g.id.toString(), at: now });
  });
  return guaranteeApplicationDto(ctx, user, g.id);
}

/** 不受理 (the bank, with the reason): the payment attempt closes and the deposit goes back to 待缴纳. */
export async function refuseGuaranteeApplication(ctx: PaymentContext, user: PaymentUser, id: string, reason: string, actor: Actor): Promise<TGuaranteeApplication> {
  const g = await loadGuaranteeApplication(ctx, user, id, 'act');
  const action = guaranteeApplicationWorkflow.actions.refuse;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = (await lockGuaranteeApplication(tx, g.id))?.status as GuaranteeApplicationStatus | undefined;
    if (!before || !guaranteeApplicationWorkflow.can('refuse', before)) throw invalidState(`${before ? why(before) : '该保函申请不存在'}，不能不受理`);
    if ((await moveGuaranteeApplication(tx, g.id, action.from, { status: action.to, refusedAt: now, refuseReason: reason, updatedAt: now })) !== 1) {
      throw invalidState('该保函申请已被处理，请刷新后查看');
    }
    const deposit = await ctx.payments.abandon(tx, { projectId: g.projectId, way: 'bank_guarantee', refId: g.id, actor, at: now, reason: 'refused' });
    await ctx.audit(tx, actor, now, {
      action: guaranteeApplicationWorkflow.auditCode('refuse'),
      targetType: 'guarantee_application',
      targetId: g.id.toString(),
      before: { status: before, projectDepositStatus: deposit.depositBefore },
      after: { status: action.to, reason, projectDepositStatus: deposit.depositAfter },
    });
    await recordWarningRecheck(tx, now, g.projectId, 'guarantee_application.refuse');
    await ctx.recordOpenEvent(tx, { orgId: g.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.guaranteeRefused, objectNo: g.id.toString(), at: now });
  });
  return guaranteeApplicationDto(ctx, user, g.id);
}

export { why as guaranteeStateReason };
