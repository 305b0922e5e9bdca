import { cashDepositWorkflow, PAYMENT_OPEN_EVENT_TYPES, type CashDepositStatus } from '@benxi/shared';
import type { writeAudit } from '../../platform/audit';
import type { PaymentCloser } from '../payment/attempts';
import type { RecordOpenEvent } from '../payment/open-events';
import { lockCashDeposit, moveCashDeposit } from './repository';

/**
 * 现金存缴's closer for a switch of ways (ADR 022): 待到账 → 已关闭, audited, and the bank is told
 * (its task is withdrawn). Once money has arrived (部分到账) it cannot be closed: false.
 */
export function cashDepositCloser(deps: { audit: typeof writeAudit; recordOpenEvent: RecordOpenEvent }): PaymentCloser {
  return async (tx, refId, at, actor) => {
    const id = BigInt(refId);
    const row = await lockCashDeposit(tx, id);
    if (!row || !cashDepositWorkflow.can('close', row.status as CashDepositStatus) || row.paidFen > 0n) return false;
    const action = cashDepositWorkflow.actions.close;
    if ((await moveCashDeposit(tx, id, action.from, { status: action.to, closedAt: at, updatedAt: at })) !== 1) return false;
    await deps.audit(tx, actor, at, {
      action: cashDepositWorkflow.auditCode('close'),
      targetType: 'cash_deposit',
      targetId: refId,
      before: { status: row.status },
      after: { status: action.to, reason: 'switched' },
    });
    await deps.recordOpenEvent(tx, { orgId: row.bankOrgId, type: PAYMENT_OPEN_EVENT_TYPES.cashClosed, objectNo: refId, at });
    return true;
  };
}
