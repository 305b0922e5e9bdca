import type { TInsuranceApplicationRequest, TInsuranceProductRequest } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/sessions';
import type { PaymentUser } from '../payment/common';
import type { PaymentContext } from '../payment/context';
import { createProduct, listInsurers, listProducts, quotesFor, setInsurerAccount, updateProduct, withdrawProduct } from './catalogue';
import { closeInsuranceOrder, payInsuranceOrder, requestInsuranceInvoice, submitInsuranceApplication, uploadInsuranceVoucher } from './commands/enterprise';
import { approveInsuranceOrder, confirmInsurancePayment, issueInsurancePolicy, refuseInsuranceOrder, uploadInsuranceInvoice, type IssuePolicyInput } from './commands/insurer';
import { getOrder, iterateOrders, listOrders, type OrderListQuery } from './read';

/** 保险办理's commands and queries bound to one payment context (portal and open API routes, ADR 024). */
export function createInsuranceService(ctx: PaymentContext) {
  return {
    ctx,
    // the catalogue (admin)
    listInsurers: () => listInsurers(ctx),
    setAccount: (orgId: string, input: { accountName: string; accountBank: string; accountNo: string }, actor: Actor) => setInsurerAccount(ctx, orgId, input, actor),
    listProducts: (q: Parameters<typeof listProducts>[1]) => listProducts(ctx, q),
    createProduct: (user: AuthUser, input: TInsuranceProductRequest, actor: Actor) => createProduct(ctx, user, input, actor),
    updateProduct: (user: AuthUser, id: string, input: TInsuranceProductRequest, actor: Actor) => updateProduct(ctx, user, id, input, actor),
    withdrawProduct: (id: string, actor: Actor) => withdrawProduct(ctx, id, actor),
    // the enterprise
    quotes: (user: AuthUser, projectId: string, q: Parameters<typeof quotesFor>[3]) => quotesFor(ctx, user, projectId, q),
    submit: (user: AuthUser, input: TInsuranceApplicationRequest, actor: Actor) => submitInsuranceApplication(ctx, user, input, actor),
    pay: (user: AuthUser, id: string, actor: Actor) => payInsuranceOrder(ctx, user, id, actor),
    close: (user: AuthUser, id: string, actor: Actor) => closeInsuranceOrder(ctx, user, id, actor),
    voucher: (user: AuthUser, id: string, fileId: string, actor: Actor) => uploadInsuranceVoucher(ctx, user, id, fileId, actor),
    requestInvoice: (user: AuthUser, id: string, input: { title: string; taxNo: string; email: string }, actor: Actor) => requestInsuranceInvoice(ctx, user, id, input, actor),
    // the insurer (portal and open API: the same commands)
    approve: (user: PaymentUser, id: string, input: { rate: string; premium?: string }, actor: Actor) => approveInsuranceOrder(ctx, user, id, input, actor),
    refuse: (user: PaymentUser, id: string, reason: string, actor: Actor) => refuseInsuranceOrder(ctx, user, id, reason, actor),
    confirmPayment: (user: PaymentUser, id: string, actor: Actor) => confirmInsurancePayment(ctx, user, id, actor),
    issuePolicy: (user: PaymentUser, id: string, input: IssuePolicyInput, actor: Actor) => issueInsurancePolicy(ctx, user, id, input, actor),
    invoice: (user: PaymentUser, id: string, fileId: string, actor: Actor) => uploadInsuranceInvoice(ctx, user, id, fileId, actor),
    // reads
    get: (user: PaymentUser, id: string) => getOrder(ctx, user, id),
    list: (user: PaymentUser, q: OrderListQuery) => listOrders(ctx, user, q),
    iterate: (user: PaymentUser, q: Omit<OrderListQuery, 'page' | 'pageSize'>) => iterateOrders(ctx, user, q),
  };
}

export type InsuranceService = ReturnType<typeof createInsuranceService>;
