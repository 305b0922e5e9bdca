import { guaranteeApplicationWorkflow, PAYMENT_OPEN_EVENT_TYPES, type GuaranteeApplicationStatus } from '@benxi/shared';
import type { writeAudit } from '../../platform/audit';
import type { PaymentCloser } from '../payment/attempts';
import type { RecordOpenEvent } from '../payment/open-events';
import { lockGuaranteeApplication, moveGuaranteeApplication } from './repository';

/**
 * 银行保函办理's closer for a switch of ways (ADR 022): 待受理 / 已受理 → 已关闭, audited, the bank
 * told. Once the bank has issued the letter it cannot be closed: false ("银行已出函，不能切换缴纳方式").
 */
export function guaranteeApplicationCloser(deps: { audit: typeof writeAudit; recordOpenEvent: RecordOpenEvent }): PaymentCloser {
  return async (tx, refId, at, actor) => {
    const id = BigInt(refId);
    const row = await lockGuaranteeApplication(tx, id);
    if (!row || !guaranteeApplicationWorkflow.can('close', row.status as GuaranteeApplicationStatus)) return false;
    const action = guaranteeApplicationWorkflow.actions.close;
    if ((await moveGuaranteeApplication(tx, id, action.from, { status: action.to, closedAt: at, updatedAt: at })) !== 1) return false;
    await deps.audit(tx, actor, at, {
      action: guaranteeApplicationWorkflow.auditCode('close'),
      targetType: 'guarantee_application',
      targetId: refId,
      before: { status: row.status },
      after: { status: action.to, reason: 'switched' },
    });
    await deps.recordOpenEvent(tx, { orgId: row.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.guaranteeClosed, objectNo: refId, at });
    return true;
  };
}
