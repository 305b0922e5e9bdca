import { depositStatusLabels, fenToYuan, type DepositStatus, type TDepositUseListQuery, type TDepositUseRequest, type TReplenishCashRequest, type TUseCoverage } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { scopeOf } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { confirmReplenishment } from './commands/confirm-replenishment';
import { correctTransfer } from './commands/correct-transfer';
import { recordDepositUse, USABLE_DEPOSIT } from './commands/record-deposit-use';
import { recordTransfers, type TransferResult } from './commands/record-transfers';
import { replenishByCash } from './commands/replenish-by-cash';
import type { DepositUseContext } from './context';
import { coveredFen, instrumentsOf, toInstrumentDto } from './coverage';
import { importWorkers, workerTemplate } from './excel';
import { noticePdf } from './notice';
import { getUse, listUses, parseNo, type UseUser } from './read';

/** The projects of the hrss user's remit with a covered deposit (the dialog's project choice). */
async function usableProjects(ctx: DepositUseContext, user: AuthUser, name?: string) {
  const rows = await ctx.projects.projectsWithDepositIn(ctx.db, await scopeOf(ctx.db, user, 'project'), USABLE_DEPOSIT, { name, limit: 50 });
  return rows.map((p) => ({ id: p.id.toString(), name: p.name, depositStatus: p.depositStatus, depositStatusLabel: depositStatusLabels[p.depositStatus as DepositStatus] ?? p.depositStatus, needsReplenish: p.needsReplenish }));
}

/** What covers a project's deposit now, instrument by instrument. */
async function coverage(ctx: DepositUseContext, user: AuthUser, projectId: string): Promise<TUseCoverage> {
  const p = await ctx.projects.findProject(ctx.db, parseNo(projectId), await scopeOf(ctx.db, user, 'project'));
  if (!p) throw notFound('项目');
  const xs = await instrumentsOf(ctx, ctx.db, p.id);
  const [org] = await ctx.accounts.organizationsByIds(ctx.db, [p.enterpriseOrgId]);
  return {
    projectId: p.id.toString(),
    projectName: p.name,
    enterpriseName: org?.name ?? '',
    depositStatus: p.depositStatus,
    needsReplenish: p.needsReplenish,
    covered: fenToYuan(coveredFen(xs)),
    instruments: xs.map(toInstrumentDto),
  };
}

/** 保证金动用's commands and queries bound to one context, for the portal's and the open API's routes. */
export function createDepositUseService(ctx: DepositUseContext) {
  return {
    ctx,
    record: (user: AuthUser, input: TDepositUseRequest, actor: Actor) => recordDepositUse(ctx, user, input, actor),
    transfers: (user: UseUser, id: string, results: TransferResult[], actor: Actor) => recordTransfers(ctx, user, id, results, actor),
    correct: (user: AuthUser, id: string, transferId: string, input: { bankName: string; cardNo: string }, actor: Actor) => correctTransfer(ctx, user, id, transferId, input, actor),
    replenishCash: (user: AuthUser, id: string, input: TReplenishCashRequest, actor: Actor) => replenishByCash(ctx, user, id, input, actor),
    confirmReplenishment: (user: AuthUser, id: string, actor: Actor) => confirmReplenishment(ctx, user, id, actor),
    get: (user: UseUser, id: string) => getUse(ctx, user, id),
    list: (user: UseUser, q: TDepositUseListQuery) => listUses(ctx, user, q),
    usableProjects: (user: AuthUser, name?: string) => usableProjects(ctx, user, name),
    coverage: (user: AuthUser, projectId: string) => coverage(ctx, user, projectId),
    notice: (user: UseUser, id: string) => noticePdf(ctx, user, id),
    template: () => workerTemplate(),
    importWorkers: (bytes: Buffer) => importWorkers(bytes),
  };
}

export type DepositUseService = ReturnType<typeof createDepositUseService>;
