import { fenToYuan, guaranteeApplicationWorkflow, type GuaranteeApplicationStatus, type TGuaranteeApplication } from '@benxi/shared';
import { notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode } from '../../platform/scope';
import { toFileRef } from '../files/attachments';
import { orgNames, parseNo, projectNames, type PaymentUser } from '../payment/common';
import type { PaymentContext } from '../payment/context';
import { findGuaranteeApplication, guaranteeApplicationsById, guaranteeListCondition, listGuaranteePage, type GuaranteeApplicationRow } from './repository';

export type { GuaranteeApplicationRow } from './repository';

/** The application, if the user may read it (`act`: its enterprise or the bank it is addressed to). */
export async function loadGuaranteeApplication(ctx: PaymentContext, user: PaymentUser, id: string, mode: ScopeMode = 'read'): Promise<GuaranteeApplicationRow> {
  const row = await findGuaranteeApplication(ctx.db, parseNo(id, '保函申请'), await scopeOf(ctx.db, user, 'guarantee_application', mode));
  if (!row) throw notFound('保函申请');
  return row;
}

const money = (fen: bigint | null) => (fen === null ? null : fenToYuan(fen));
const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function toGuaranteeDtos(ctx: PaymentContext, user: PaymentUser, rows: GuaranteeApplicationRow[]): Promise<TGuaranteeApplication[]> {
  if (rows.length === 0) return [];
  const [orgName, projectName, files] = await Promise.all([
    orgNames(ctx, rows.flatMap((r) => [r.enterpriseOrgId, r.bankOrgId])),
    projectNames(ctx, rows.map((r) => r.projectId)),
    ctx.attachments.filesOf(ctx.db, 'guarantee_application', rows.map((r) => r.id.toString())),
  ]);
  return rows.map((r) => {
    const letter = files.get(r.id.toString())?.get('letter')?.[0];
    const mayAct = user.role === 'bank' ? r.bankOrgId === user.orgId : user.role === 'enterprise' && r.enterpriseOrgId === user.orgId;
    return {
      id: r.id.toString(),
      projectId: r.projectId.toString(),
      projectName: projectName(r.projectId),
      enterpriseName: orgName(r.enterpriseOrgId),
      bankOrgId: r.bankOrgId,
      bankName: orgName(r.bankOrgId),
      status: r.status as GuaranteeApplicationStatus,
      requiredAmount: fenToYuan(r.requiredFen),
      amount: fenToYuan(r.amountFen),
      beneficiaryName: r.beneficiaryName,
      termFrom: r.termFrom,
      termTo: r.termTo,
      handlerName: r.handlerName,
      handlerPhone: r.handlerPhone,
      remark: r.remark,
      submittedAt: r.submittedAt.toISOString(),
      acceptedAt: iso(r.acceptedAt),
      refusedAt: iso(r.refusedAt),
      refuseReason: r.refuseReason,
      issuedAt: iso(r.issuedAt),
      guaranteeNo: r.guaranteeNo,
      issuedOn: r.issuedOn,
      validFrom: r.validFrom,
      validTo: r.validTo,
      issuedAmount: money(r.issuedAmountFen),
      fee: money(r.feeFen),
      // the letter once issued (the bank and the parties read it; SPEC §6: downloadable once issued)
      letterFile: letter ? toFileRef(letter) : null,
      closedAt: iso(r.closedAt),
      allowedActions: mayAct ? guaranteeApplicationWorkflow.allowedActions(r.status as GuaranteeApplicationStatus, user.role) : [],
    };
  });
}

export async function getGuaranteeApplication(ctx: PaymentContext, user: PaymentUser, id: string): Promise<TGuaranteeApplication> {
  return (await toGuaranteeDtos(ctx, user, [await loadGuaranteeApplication(ctx, user, id)]))[0]!;
}

export async function guaranteeApplicationDto(ctx: PaymentContext, user: PaymentUser, id: bigint): Promise<TGuaranteeApplication> {
  return (await toGuaranteeDtos(ctx, user, await guaranteeApplicationsById(ctx.db, [id])))[0]!;
}

export interface GuaranteeListQuery {
  status?: GuaranteeApplicationStatus;
  projectId?: string;
  projectName?: string;
  todo?: '1';
  page: number;
  pageSize: number;
}

/** The bank's 待办: applications it may still 受理 or 出函. */
export const GUARANTEE_TODO = [...new Set([...guaranteeApplicationWorkflow.actions.accept.from, ...guaranteeApplicationWorkflow.actions.issue.from])];

export async function listGuaranteeApplications(ctx: PaymentContext, user: PaymentUser, q: GuaranteeListQuery) {
  const scope = await scopeOf(ctx.db, user, 'guarantee_application');
  const cond = guaranteeListCondition({
    scope,
    statuses: q.status ? [q.status] : q.todo ? GUARANTEE_TODO : undefined,
    projectId: q.projectId ? BigInt(q.projectId) : undefined,
    projectIds: q.projectName ? ctx.projects.projectIdsMatching(ctx.db, { name: q.projectName }) : undefined,
  });
  const { rows, total } = await listGuaranteePage(ctx.db, cond, { oldestFirst: !!q.todo, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toGuaranteeDtos(ctx, user, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The card's read of this way's records (payment/card.ts), this module's own query. */
export { guaranteeApplicationsById } from './repository';
