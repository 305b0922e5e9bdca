import { type TBankOfferRequest, type TBankOption } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import { fieldError, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { bankOptionsFor, loadProject } from './common';
import type { PaymentContext } from './context';
import { allBankOffers, bankOffersOf, upsertBankOffer } from './repository';

/** The 经办银行 the enterprise may choose for this project (its region's, with the service). */
export async function banksForProject(ctx: PaymentContext, user: AuthUser, projectId: string, service?: 'cash' | 'guarantee'): Promise<TBankOption[]> {
  const project = await loadProject(ctx, user, projectId, 'act');
  return bankOptionsFor(ctx, project, service);
}

/** 机构管理 › 银行业务 (admin): every bank organisation and its offer (none yet: everything off). */
export async function listBankOffers(ctx: PaymentContext): Promise<(TBankOption & { enabled: boolean })[]> {
  const [{ rows }, offers] = await Promise.all([ctx.accounts.listOrganizations(ctx.db, { type: 'bank', limit: 500, offset: 0 }), allBankOffers(ctx.db)]);
  return rows.map(({ o }) => {
    const offer = offers.find((x) => x.orgId === o.id);
    return {
      orgId: o.id,
      name: o.name ?? '',
      enabled: o.enabled,
      regions: offer?.regions ?? [],
      offersCashAccount: offer?.offersCashAccount ?? false,
      offersGuarantee: offer?.offersGuarantee ?? false,
      accountInstructions: offer?.accountInstructions ?? '',
      accountBank: offer?.accountBank ?? null,
      contactName: offer?.contactName ?? null,
      contactPhone: offer?.contactPhone ?? null,
    };
  });
}

/** Sets what a bank offers (admin), audited with the real before → after. */
export async function saveBankOffer(ctx: PaymentContext, orgId: string, input: TBankOfferRequest, actor: Actor): Promise<TBankOption> {
  const org = await ctx.accounts.findOrganization(ctx.db, orgId);
  if (!org || org.type !== 'bank') throw notFound('银行');
  if (input.offersCashAccount && !input.accountInstructions.trim()) throw fieldError('accountInstructions', '开立工资保证金专用账户的银行须填写开户须知');
  const now = ctx.clock.now();
  const values = {
    orgId,
    regions: [...new Set(input.regions)],
    offersCashAccount: input.offersCashAccount,
    offersGuarantee: input.offersGuarantee,
    accountInstructions: input.accountInstructions.trim(),
    accountBank: input.accountBank?.trim() || null,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone?.trim() || null,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    const [before] = await bankOffersOf(tx, [orgId]);
    await upsertBankOffer(tx, values);
    const { updatedAt: _b, ...was } = before ?? ({} as Partial<typeof values>);
    const { updatedAt: _a, ...now_ } = values;
    await ctx.audit(tx, actor, now, { action: 'bank_offer.update', targetType: 'organization', targetId: orgId, before: before ? was : null, after: now_ });
  });
  const { updatedAt: _u, ...rest } = values;
  return { ...rest, name: org.name ?? '' };
}
