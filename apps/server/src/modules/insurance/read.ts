import {
  annualRateText,
  DEFAULT_DICTIONARIES,
  fenToYuan,
  INSURANCE_LIVE_STATUSES,
  insuranceOrderWorkflow,
  type InsuranceOrderStatus,
  type TInsuranceOrder,
} from '@benxi/shared';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode } from '../../platform/scope';
import { toFileRef } from '../files/attachments';
import { orgNames, parseNo, projectNames, type PaymentUser } from '../payment/common';
import type { PaymentContext } from '../payment/context';
import { accountsOf, applicationsById, findOrder, listOrderPage, orderListCondition, ordersById, productsById, type InsuranceOrderRow } from './repository';

export type { InsuranceOrderRow } from './repository';

/** The order, if the user may read it (`act`: its enterprise or the insurer it is addressed to); 404 otherwise. */
export async function loadOrder(ctx: PaymentContext, user: PaymentUser, id: string, mode: ScopeMode = 'read'): Promise<InsuranceOrderRow> {
  const row = await findOrder(ctx.db, parseNo(id, '投保订单'), await scopeOf(ctx.db, user, 'insurance_order', mode));
  if (!row) throw notFound('投保订单');
  return row;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const money = (fen: bigint | null) => (fen === null ? null : fenToYuan(fen));

export const projectNatureLabel = (code: string) => DEFAULT_DICTIONARIES.project_type.find((d) => d.code === code)?.label ?? code;

export async function toOrderDtos(ctx: PaymentContext, user: PaymentUser, rows: InsuranceOrderRow[]): Promise<TInsuranceOrder[]> {
  if (rows.length === 0) return [];
  const [apps, products, names, projectName, accounts, orderFiles, appFiles] = await Promise.all([
    applicationsById(ctx.db, rows.map((r) => r.applicationId)),
    productsById(ctx.db, [...new Set(rows.map((r) => r.productId))]),
    orgNames(ctx, rows.flatMap((r) => [r.enterpriseOrgId, r.insurerOrgId])),
    projectNames(ctx, rows.map((r) => r.projectId)),
    accountsOf(ctx.db, [...new Set(rows.map((r) => r.insurerOrgId))]),
    ctx.attachments.filesOf(ctx.db, 'insurance_order', rows.map((r) => r.id.toString())),
    ctx.attachments.filesOf(ctx.db, 'insurance_application', [...new Set(rows.map((r) => r.applicationId.toString()))]),
  ]);
  return rows.map((r) => {
    const a = apps.find((x) => x.id === r.applicationId)!;
    const status = r.status as InsuranceOrderStatus;
    const of = orderFiles.get(r.id.toString());
    const af = appFiles.get(r.applicationId.toString());
    const file = (m: Map<string, { id: string; originalName: string; size: number; mime: string }[]> | undefined, kind: string) => {
      const f = m?.get(kind)?.[0];
      return f ? toFileRef(f) : null;
    };
    const mayAct = user.role === 'insurer' ? r.insurerOrgId === user.orgId : user.role === 'enterprise' && r.enterpriseOrgId === user.orgId;
    const account = accounts.find((x) => x.orgId === r.insurerOrgId);
    const holds = (c: 'voucher' | 'noVoucher' | 'invoiceRequested' | 'noInvoiceRequest' | 'noInvoice') =>
      c === 'voucher' ? !!r.voucherAt : c === 'noVoucher' ? !r.voucherAt : c === 'invoiceRequested' ? !!r.invoiceRequestedAt : c === 'noInvoiceRequest' ? !r.invoiceRequestedAt : !r.invoiceAt;
    return {
      id: r.id.toString(),
      applicationId: r.applicationId.toString(),
      businessNo: a.businessNo,
      projectId: r.projectId.toString(),
      projectName: projectName(r.projectId),
      insuredName: names(r.enterpriseOrgId),
      insurerOrgId: r.insurerOrgId,
      insurerName: names(r.insurerOrgId),
      productName: products.find((p) => p.id === r.productId)?.name ?? '',
      status,
      amount: fenToYuan(a.amountFen),
      startOn: a.startOn,
      endOn: a.endOn,
      days: a.days,
      referenceRate: r.referenceRate,
      referencePremium: fenToYuan(r.referencePremiumFen),
      finalRate: r.finalRate,
      finalPremium: money(r.finalPremiumFen),
      payable: fenToYuan(r.finalPremiumFen ?? r.referencePremiumFen),
      refuseReason: r.refuseReason,
      submittedAt: r.createdAt.toISOString(),
      approvedAt: iso(r.approvedAt),
      payingAt: iso(r.payingAt),
      paidAt: iso(r.paidAt),
      issuedAt: iso(r.issuedAt),
      closedAt: iso(r.closedAt),
      policyNo: r.policyNo,
      policyFrom: r.policyFrom,
      policyTo: r.policyTo,
      invoiceTitle: r.invoiceTitle,
      invoiceTaxNo: r.invoiceTaxNo,
      invoiceEmail: r.invoiceEmail,
      invoiceRequestedAt: iso(r.invoiceRequestedAt),
      // the 收银台 (the chosen order) and beyond
      account: account && ['paying', 'paid', 'issued'].includes(status) ? { accountName: account.accountName, accountBank: account.accountBank, accountNo: account.accountNo } : null,
      files: {
        tender: file(af, 'tender'),
        contract: file(af, 'contract'),
        award: file(af, 'award'),
        voucher: file(of, 'voucher'),
        policy: file(of, 'policy'),
        invoice: file(of, 'invoice'),
      },
      allowedActions: mayAct ? insuranceOrderWorkflow.allowedActions(status, user.role, holds) : [],
    };
  });
}

export async function getOrder(ctx: PaymentContext, user: PaymentUser, id: string): Promise<TInsuranceOrder> {
  return (await toOrderDtos(ctx, user, [await loadOrder(ctx, user, id)]))[0]!;
}

export async function orderDtos(ctx: PaymentContext, user: PaymentUser, ids: bigint[]): Promise<TInsuranceOrder[]> {
  return toOrderDtos(ctx, user, await ordersById(ctx.db, ids));
}

export interface OrderListQuery {
  status?: InsuranceOrderStatus;
  projectId?: string;
  applicationId?: string;
  projectName?: string;
  todo?: '1';
  page: number;
  pageSize: number;
}

/** The insurer's 待办: orders to underwrite, payments to confirm, policies to issue. */
export const INSURANCE_TODO: readonly InsuranceOrderStatus[] = ['underwriting', 'paying', 'paid'];

export async function listOrders(ctx: PaymentContext, user: PaymentUser, q: OrderListQuery) {
  const scope = await scopeOf(ctx.db, user, 'insurance_order');
  const cond = orderListCondition({
    scope,
    statuses: q.status ? [q.status] : q.todo ? INSURANCE_TODO : undefined,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    applicationId: q.applicationId ? BigInt(q.applicationId) : undefined,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
  });
  const { rows, total } = await listOrderPage(ctx.db, cond, { oldestFirst: !!q.todo, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toOrderDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The list for 导出 Excel: the same filters, in batches of 500 (offset paging over the same order). */
export async function* iterateOrders(ctx: PaymentContext, user: PaymentUser, q: Omit<OrderListQuery, 'page' | 'pageSize'>) {
  for (let page = 1; ; page++) {
    const { items } = await listOrders(ctx, user, { ...q, page, pageSize: 500 });
    if (items.length === 0) return;
    yield items;
    if (items.length < 500) return;
  }
}

export { INSURANCE_LIVE_STATUSES, annualRateText };
