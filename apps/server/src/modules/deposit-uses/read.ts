import {
  depositUseWorkflow,
  fenToYuan,
  maskIdNumber,
  useReplenishmentWorkflow,
  useTransferWorkflow,
  type DecisionType,
  type DepositUseStatus,
  type TDepositUse,
  type TDepositUseListQuery,
  type UseInstrumentType,
  type UseReplenishStatus,
  type UseTransferStatus,
} from '@benxi/shared';
import type { Tx } from '../../db/client';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode, type ScopeUser } from '../../platform/scope';
import { toFileRef } from '../files/attachments';
import type { DepositUseContext } from './context';
import { findUse, listUsePage, transfersOf, useListCondition, usesById, type DepositUseRow, type UseTransferRow } from './repository';

export type { DepositUseRow, UseTransferRow } from './repository';

/** Who acts on a use: a portal user, or a bank's or insurer's API client acting for its organisation. */
export type UseUser = ScopeUser & { id?: string | null };

/** A 19-digit number from a path, or 404. */
export function parseNo(id: string): bigint {
  if (!/^\d{1,19}$/.test(id)) throw notFound('保证金动用');
  const n = BigInt(id);
  if (n > 9223372036854775807n) throw notFound('保证金动用');
  return n;
}

export async function loadUse(ctx: DepositUseContext, user: UseUser, id: string, mode: ScopeMode = 'read'): Promise<DepositUseRow> {
  const row = await findUse(ctx.db, parseNo(id), await scopeOf(ctx.db, user, 'deposit_use', mode));
  if (!row) throw notFound('保证金动用');
  return row;
}

/** The instrument's label on a notice: 现金存缴 / 银行保函 / … */
const instrumentLabel = (t: UseInstrumentType) => (t === 'cash_deposit' ? '现金存缴' : '保函/保单');

/**
 * DTOs of some uses for this user: the enterprise sees the count and total of the workers, not the
 * list (their ID numbers are not its business); the addressee sees the full list (it pays); the
 * supervisors see it with ID numbers masked except the recording unit.
 */
export async function toUseDtos(ctx: DepositUseContext, user: UseUser, rows: DepositUseRow[], tx: Tx = ctx.db): Promise<TDepositUse[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgs, projects, transfers, files, replenishments] = await Promise.all([
    ctx.accounts.organizationsByIds(tx, [...new Set(rows.flatMap((r) => [r.enterpriseOrgId, r.hrssOrgId, r.payerOrgId, r.recordedByOrgId]))]),
    ctx.projects.projectSummaries(tx, [...new Set(rows.map((r) => r.projectId))]),
    transfersOf(tx, ids),
    ctx.attachments.filesOf(tx, 'deposit_use', ids.map(String)),
    ctx.cash.replenishmentsOf(tx, ids),
  ]);
  const banks = await ctx.accounts.organizationsByIds(tx, [...new Set(replenishments.map((c) => c.bankOrgId))]);
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? banks.find((o) => o.id === id)?.name ?? '';
  return rows.map((r) => {
    const ts = transfers.filter((t) => t.useId === r.id);
    const isPayer = (user.role === 'bank' || user.role === 'insurer') && r.payerOrgId === user.orgId;
    const showList = user.role !== 'enterprise';
    const fullIds = isPayer || (user.role === 'hrss' && user.orgId === r.recordedByOrgId);
    const mayCorrect = user.role === 'hrss';
    const decision = files.get(r.id.toString())?.get('decision')?.[0];
    const cash = replenishments.filter((c) => c.replenishUseId === r.id && c.status !== 'closed').at(-1);
    const replenished = !!cash && cash.status === 'arrived' && cash.paidFen >= r.amountFen;
    const status = r.status as DepositUseStatus;
    const rs = r.replenishStatus as UseReplenishStatus;
    return {
      id: r.id.toString(),
      noticeNo: r.noticeNo,
      projectId: r.projectId.toString(),
      projectName: projects.find((p) => p.id === r.projectId)?.name ?? '',
      enterpriseName: orgName(r.enterpriseOrgId),
      hrssName: orgName(r.recordedByOrgId),
      decisionType: r.decisionType as DecisionType,
      decisionNo: r.decisionNo,
      decisionDate: r.decisionDate,
      decisionFile: decision ? toFileRef(decision) : null,
      instrumentType: r.instrumentType as UseInstrumentType,
      instrumentId: r.instrumentId.toString(),
      instrumentLabel: instrumentLabel(r.instrumentType as UseInstrumentType),
      payerOrgId: r.payerOrgId,
      payerName: orgName(r.payerOrgId),
      amount: fenToYuan(r.amountFen),
      paidAmount: fenToYuan(r.paidFen),
      workerCount: ts.length,
      paidCount: ts.filter((t) => t.status === 'paid').length,
      failedCount: ts.filter((t) => t.status === 'failed').length,
      status,
      payDueOn: r.payDueOn,
      replenishStatus: rs,
      replenishAmount: fenToYuan(rs === 'pending' ? r.amountFen : 0n),
      replenishDueOn: r.replenishDueOn,
      replenishCash: cash ? { id: cash.id.toString(), status: cash.status, bankName: orgName(cash.bankOrgId), paidAmount: fenToYuan(cash.paidFen) } : null,
      createdAt: r.createdAt.toISOString(),
      paidAt: r.paidAt?.toISOString() ?? null,
      replenishConfirmedAt: r.replenishConfirmedAt?.toISOString() ?? null,
      transfers: showList ? ts.map((t) => toTransferDto(t, { fullId: fullIds, isPayer, mayCorrect })) : null,
      allowedActions: depositUseWorkflow.allowedActions(status, user.role),
      replenishActions: useReplenishmentWorkflow.allowedActions(rs, user.role, (c) =>
        c === 'replenished' ? replenished : c === 'owner' ? user.role === 'enterprise' && r.enterpriseOrgId === user.orgId : c === 'notReplenishing' ? !cash : true,
      ),
    };
  });
}

function toTransferDto(t: UseTransferRow, o: { fullId: boolean; isPayer: boolean; mayCorrect: boolean }) {
  const status = t.status as UseTransferStatus;
  return {
    id: t.id.toString(),
    seq: t.seq,
    name: t.name,
    idNumber: o.fullId ? t.idNumber : maskIdNumber(t.idNumber),
    bankName: t.bankName,
    cardNo: t.cardNo,
    amount: fenToYuan(t.amountFen),
    status,
    reference: t.reference,
    failReason: t.failReason,
    paidOn: t.paidOn,
    allowedActions: useTransferWorkflow.allowedActions(status, o.isPayer ? 'bank' : o.mayCorrect ? 'hrss' : 'authority').filter((a) => (a === 'correct' ? o.mayCorrect : o.isPayer)),
  };
}

export async function getUse(ctx: DepositUseContext, user: UseUser, id: string): Promise<TDepositUse> {
  return (await toUseDtos(ctx, user, [await loadUse(ctx, user, id)]))[0]!;
}

export async function useDto(ctx: DepositUseContext, user: UseUser, id: bigint): Promise<TDepositUse> {
  return (await toUseDtos(ctx, user, await usesById(ctx.db, [id])))[0]!;
}

export async function listUses(ctx: DepositUseContext, user: UseUser, q: TDepositUseListQuery & { todo?: boolean }) {
  const scope = await scopeOf(ctx.db, user, 'deposit_use');
  const cond = useListCondition({
    scope,
    status: q.status,
    replenishStatus: q.replenishStatus,
    noticeNo: q.noticeNo,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
  });
  const { rows, total } = await listUsePage(ctx.db, cond, { oldestFirst: q.status === 'notified' && (user.role === 'bank' || user.role === 'insurer'), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toUseDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}
