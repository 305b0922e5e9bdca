import type { TBankOption } from '@benxi/shared';
import { fieldError, invalidState, notFound } from '../../platform/errors';
import { scopeOf, type ScopeMode, type ScopeUser } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import type { ProjectRow } from '../projects/repository';
import type { QuotaRow } from '../quota/repository';
import type { PaymentContext } from './context';
import { bankOffersOf, bankOffersServing, type BankOfferRow } from './repository';

export type { ProjectRow } from '../projects/repository';
export type { QuotaRow } from '../quota/repository';

/**
 * Who acts on a payment record: a portal user, or a bank's API client acting for its organisation
 * (the scope rules look at the role and the organisation only; an API client has no user id).
 */
export type PaymentUser = ScopeUser & { id?: string | null };

/** The city's code: a bank serving 210500 serves every district of Benxi. */
export const CITY_REGION = '210500';

/** A 19-digit number from a path, or 404 (a number that cannot exist names nothing). */
export function parseNo(id: string, label: string): bigint {
  if (!/^\d{1,19}$/.test(id)) throw notFound(label);
  const n = BigInt(id);
  if (n > 9223372036854775807n) throw notFound(label);
  return n;
}

/** The project, if the user may read it (`act`: its enterprise). */
export async function loadProject(ctx: PaymentContext, user: AuthUser, projectId: string, mode: ScopeMode = 'read'): Promise<ProjectRow> {
  const p = await ctx.projects.findProject(ctx.db, parseNo(projectId, '项目'), await scopeOf(ctx.db, user, 'project', mode));
  if (!p) throw notFound('项目');
  return p;
}

/** The project the enterprise pays for and its approved quota (the amount to cover). */
export async function loadPayable(ctx: PaymentContext, user: AuthUser, projectId: string): Promise<{ project: ProjectRow; quota: QuotaRow; requiredFen: bigint }> {
  const project = await loadProject(ctx, user, projectId, 'act');
  const quota = await ctx.quota.approvedQuotaOfProject(ctx.db, project.id);
  if (!quota || quota.applyType === 'exempt') throw invalidState(quota ? '该项目已免缴保证金，无需缴纳' : '定额申请审核通过后方可缴纳保证金');
  return { project, quota, requiredFen: quota.approvedFen ?? quota.appliedFen };
}

const regionsOf = (p: Pick<ProjectRow, 'regionCode'>) => [...new Set([p.regionCode, CITY_REGION])];

function toOption(o: BankOfferRow, name: string): TBankOption {
  return {
    orgId: o.orgId,
    name,
    regions: o.regions,
    offersCashAccount: o.offersCashAccount,
    offersGuarantee: o.offersGuarantee,
    accountInstructions: o.accountInstructions,
    accountBank: o.accountBank,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
  };
}

/** The 经办银行 serving the project's region with the service, enabled, by name. */
export async function bankOptionsFor(ctx: PaymentContext, project: Pick<ProjectRow, 'regionCode'>, service?: 'cash' | 'guarantee'): Promise<TBankOption[]> {
  const offers = await bankOffersServing(ctx.db, regionsOf(project), service);
  const orgs = await ctx.accounts.organizationsByIds(ctx.db, offers.map((o) => o.orgId));
  return offers
    .flatMap((o) => {
      const org = orgs.find((x) => x.id === o.orgId);
      return org?.enabled && org.name ? [toOption(o, org.name)] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The bank the enterprise chose, if it offers the service in the project's region (a field error otherwise). */
export async function chosenBank(ctx: PaymentContext, project: Pick<ProjectRow, 'regionCode'>, bankOrgId: string, service: 'cash' | 'guarantee'): Promise<TBankOption> {
  const bank = (await bankOptionsFor(ctx, project, service)).find((b) => b.orgId === bankOrgId);
  if (!bank) {
    throw fieldError('bankOrgId', service === 'cash' ? '所选银行不在本项目所在地区开立工资保证金专用账户，请重新选择经办银行' : '所选银行不在本项目所在地区办理银行保函，请重新选择经办银行');
  }
  return bank;
}

/** The offers of some banks (their 开户须知 on a deposit). */
export async function offersByBank(ctx: PaymentContext, orgIds: string[]): Promise<Map<string, BankOfferRow>> {
  return new Map((await bankOffersOf(ctx.db, [...new Set(orgIds)])).map((o) => [o.orgId, o]));
}

/** Names of organisations by id ('' when unknown). */
export async function orgNames(ctx: PaymentContext, ids: string[]): Promise<(id: string) => string> {
  const orgs = await ctx.accounts.organizationsByIds(ctx.db, [...new Set(ids)]);
  return (id) => orgs.find((o) => o.id === id)?.name ?? '';
}

/** Names of projects by id. */
export async function projectNames(ctx: PaymentContext, ids: bigint[]): Promise<(id: bigint) => string> {
  const ps = ids.length ? await ctx.projects.projectSummaries(ctx.db, [...new Set(ids)]) : [];
  return (id) => ps.find((p) => p.id === id)?.name ?? '';
}
