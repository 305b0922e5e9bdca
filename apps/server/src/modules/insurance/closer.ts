import { INSURANCE_OPEN_EVENT_TYPES, insuranceOrderWorkflow } from '@benxi/shared';
import type { writeAudit } from '../../platform/audit';
import type { PaymentCloser } from '../payment/attempts';
import type { RecordOpenEvent } from '../payment/open-events';
import { lockApplication, moveOrder, ordersOfApplication } from './repository';

/**
 * 保险办理's closer for a switch of ways (ADR 022, 025): every live order of the 投保 (核保中, 核保通过,
 * 待支付) → 已关闭, audited, each insurer told. Once an insurer has confirmed the money or issued the
 * policy it cannot be closed: false ("保险已出单，不能切换缴纳方式"). The caller holds the project's lock.
 */
export function insuranceCloser(deps: { audit: typeof writeAudit; recordOpenEvent: RecordOpenEvent }): PaymentCloser {
  const W = insuranceOrderWorkflow;
  return async (tx, refId, at, actor) => {
    const applicationId = BigInt(refId);
    if (!(await lockApplication(tx, applicationId))) return false;
    const orders = await ordersOfApplication(tx, applicationId, true);
    if (orders.some((o) => o.status === 'paid' || o.status === 'issued')) return false;
    const live = orders.filter((o) => (W.actions.switchClose.from as readonly string[]).includes(o.status));
    for (const o of live) {
      if ((await moveOrder(tx, o.id, W.actions.switchClose.from, { status: W.actions.switchClose.to, closedAt: at, closedReason: 'switched', updatedAt: at })) !== 1) continue;
      await deps.audit(tx, actor, at, {
        action: W.auditCode('switchClose'),
        targetType: 'insurance_order',
        targetId: o.id.toString(),
        before: { status: o.status },
        after: { status: W.actions.switchClose.to, reason: 'switched' },
      });
    }
    for (const o of [...live].sort((a, b) => (a.insurerOrgId < b.insurerOrgId ? -1 : 1))) {
      await deps.recordOpenEvent(tx, { orgId: o.insurerOrgId, type: INSURANCE_OPEN_EVENT_TYPES.closed, objectNo: o.id.toString(), at });
    }
    return true;
  };
}
