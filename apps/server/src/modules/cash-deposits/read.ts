import { cashDepositWorkflow, fenToYuan, type CashDepositStatus, type TCashDeposit } from '@benxi/shared';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode } from '../../platform/scope';
import { toFileRef } from '../files/attachments';
import { offersByBank, orgNames, parseNo, projectNames, type PaymentUser } from '../payment/common';
import type { PaymentContext } from '../payment/context';
import { arrivalsOf, cashDepositListCondition, cashDepositsById, findCashDeposit, listCashDepositPage, type CashDepositRow } from './repository';

export type { CashDepositRow } from './repository';

/** The deposit, if the user may read it (`act`: its enterprise or its bank). */
export async function loadCashDeposit(ctx: PaymentContext, user: PaymentUser, id: string, mode: ScopeMode = 'read'): Promise<CashDepositRow> {
  const row = await findCashDeposit(ctx.db, parseNo(id, '现金存缴'), await scopeOf(ctx.db, user, 'cash_deposit', mode));
  if (!row) throw notFound('现金存缴');
  return row;
}

/** 差额 (never negative) and 超额 of an amount paid against one required. */
export function balance(requiredFen: bigint, paidFen: bigint): { differenceFen: bigint; overFen: bigint } {
  return { differenceFen: paidFen >= requiredFen ? 0n : requiredFen - paidFen, overFen: paidFen > requiredFen ? paidFen - requiredFen : 0n };
}

/** DTOs of some deposits: names, offers, files and arrivals in a few queries, not per row. */
export async function toCashDtos(ctx: PaymentContext, user: PaymentUser, rows: CashDepositRow[]): Promise<TCashDeposit[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgName, projectName, offers, arrivals, files] = await Promise.all([
    orgNames(ctx, rows.flatMap((r) => [r.enterpriseOrgId, r.bankOrgId])),
    projectNames(ctx, rows.map((r) => r.projectId)),
    offersByBank(ctx, rows.map((r) => r.bankOrgId)),
    arrivalsOf(ctx.db, ids),
    ctx.attachments.filesOf(ctx.db, 'cash_deposit', ids.map(String)),
  ]);
  const vouchers = await ctx.attachments.filesOf(ctx.db, 'cash_arrival', arrivals.map((a) => a.id.toString()));
  return rows.map((r) => {
    const { differenceFen, overFen } = balance(r.requiredFen, r.paidFen);
    const agreement = files.get(r.id.toString())?.get('agreement')?.[0];
    const offer = offers.get(r.bankOrgId);
    const mayAct = user.role === 'bank' ? r.bankOrgId === user.orgId : user.role === 'enterprise' && r.enterpriseOrgId === user.orgId;
    return {
      id: r.id.toString(),
      projectId: r.projectId.toString(),
      projectName: projectName(r.projectId),
      enterpriseName: orgName(r.enterpriseOrgId),
      bankOrgId: r.bankOrgId,
      bankName: orgName(r.bankOrgId),
      status: r.status as CashDepositStatus,
      requiredAmount: fenToYuan(r.requiredFen),
      paidAmount: fenToYuan(r.paidFen),
      differenceAmount: fenToYuan(differenceFen),
      overAmount: fenToYuan(overFen),
      accountNo: r.accountNo,
      accountInstructions: offer?.accountInstructions ?? '',
      accountBank: offer?.accountBank ?? null,
      handlerName: r.handlerName,
      handlerPhone: r.handlerPhone,
      agreementFile: agreement ? toFileRef(agreement) : null,
      arrivals: arrivals
        .filter((a) => a.cashDepositId === r.id)
        .map((a) => {
          const v = vouchers.get(a.id.toString())?.get('voucher')?.[0];
          return {
            id: a.id.toString(),
            accountNo: a.accountNo,
            amount: fenToYuan(a.amountFen),
            arrivedOn: a.arrivedOn,
            payerName: a.payerName,
            voucherNo: a.voucherNo,
            voucherFile: v ? toFileRef(v) : null,
            confirmedAt: a.confirmedAt.toISOString(),
          };
        }),
      submittedAt: r.submittedAt.toISOString(),
      coveredAt: r.coveredAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      allowedActions: mayAct ? cashDepositWorkflow.allowedActions(r.status as CashDepositStatus, user.role) : [],
    };
  });
}

export async function getCashDeposit(ctx: PaymentContext, user: PaymentUser, id: string): Promise<TCashDeposit> {
  return (await toCashDtos(ctx, user, [await loadCashDeposit(ctx, user, id)]))[0]!;
}

/** The row just written, for its DTO. */
export async function cashDepositDto(ctx: PaymentContext, user: PaymentUser, id: bigint): Promise<TCashDeposit> {
  return (await toCashDtos(ctx, user, await cashDepositsById(ctx.db, [id])))[0]!;
}

export interface CashListQuery {
  status?: CashDepositStatus;
  projectId?: string;
  projectName?: string;
  todo?: '1';
  page: number;
  pageSize: number;
}

/** The states in which the bank still has to act (its 待办): where its `confirm` is allowed. */
export const CASH_TODO = cashDepositWorkflow.actions.confirm.from;

export async function listCashDeposits(ctx: PaymentContext, user: PaymentUser, q: CashListQuery) {
  const scope = await scopeOf(ctx.db, user, 'cash_deposit');
  const statuses = q.status ? [q.status] : q.todo ? CASH_TODO : undefined;
  const cond = cashDepositListCondition({
    scope,
    statuses,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
  });
  const { rows, total } = await listCashDepositPage(ctx.db, cond, { oldestFirst: !!q.todo, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toCashDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The card's read of this way's records (payment/card.ts), this module's own query. */
export { cashDepositsById } from './repository';
