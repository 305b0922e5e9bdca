import { offlineGuaranteeWorkflow, type OfflineGuaranteeStatus } from '@benxi/shared';
import type { writeAudit } from '../../platform/audit';
import type { PaymentCloser } from '../payment/attempts';
import { lockOfflineGuarantee, moveOfflineGuarantee } from './repository';

/**
 * 保单保函上传's closer for a switch of ways (ADR 022/023): 待审核 → 已关闭, audited, inside the
 * switching transaction. Once hrss approved it (or returned it: then its attempt is closed already)
 * it cannot be closed: false ("保单保函已审核通过，不能切换缴纳方式").
 */
export function offlineGuaranteeCloser(deps: { audit: typeof writeAudit }): PaymentCloser {
  return async (tx, refId, at, actor) => {
    if (!/^\d{1,19}$/.test(refId)) return false;
    const id = BigInt(refId);
    const row = await lockOfflineGuarantee(tx, id);
    if (!row || !offlineGuaranteeWorkflow.can('close', row.status as OfflineGuaranteeStatus)) return false;
    const action = offlineGuaranteeWorkflow.actions.close;
    if ((await moveOfflineGuarantee(tx, id, action.from, { status: action.to, closedReason: '企业已切换缴纳方式', updatedAt: at })) !== 1) return false;
    await deps.audit(tx, actor, at, {
      action: offlineGuaranteeWorkflow.auditCode('close'),
      targetType: 'offline_guarantee',
      targetId: refId,
      before: { status: row.status },
      after: { status: action.to, reason: 'switched' },
    });
    return true;
  };
}
