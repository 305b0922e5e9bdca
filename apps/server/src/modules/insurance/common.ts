import { insuranceOrderStatusLabels, type InsuranceOrderStatus } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { invalidState, notFound } from '../../platform/errors';
import type { PaymentContext } from '../payment/context';
import { lockApplication, ordersOfApplication, type InsuranceApplicationRow, type InsuranceOrderRow } from './repository';

/** Why an order cannot take an action now (409, in Chinese). */
export const orderStateReason = (status: InsuranceOrderStatus): string =>
  ({
    underwriting: '该订单正在核保中',
    approved: '该订单已核保通过',
    refused: '该订单核保未通过',
    paying: '该订单已选择支付',
    paid: '该订单已确认收款',
    issued: '该订单已出单',
    closed: '该订单已关闭',
  })[status] ?? `该订单${insuranceOrderStatusLabels[status]}`;

/**
 * Inside an order command's transaction, the locks in one order for every command of this way:
 * the project's deposit row (what the payment attempts lock first), the application, its orders.
 * 立即支付, 关闭订单, 核保, 出单 and a switch of ways on one project therefore run one at a time,
 * and two of them never wait on each other in opposite orders.
 */
export async function lockForOrder(ctx: PaymentContext, tx: Tx, order: Pick<InsuranceOrderRow, 'projectId' | 'applicationId' | 'id'>): Promise<{ application: InsuranceApplicationRow; orders: InsuranceOrderRow[]; order: InsuranceOrderRow }> {
  await ctx.payments.deps.deposit.lock(tx, order.projectId);
  const application = await lockApplication(tx, order.applicationId);
  if (!application) throw notFound('投保申请');
  const orders = await ordersOfApplication(tx, order.applicationId, true);
  const current = orders.find((o) => o.id === order.id);
  if (!current) throw notFound('投保订单');
  return { application, orders, order: current };
}

export function requireState(order: InsuranceOrderRow, allowed: readonly string[], verb: string): void {
  if (!allowed.includes(order.status)) throw invalidState(`${orderStateReason(order.status as InsuranceOrderStatus)}，不能${verb}`);
}
