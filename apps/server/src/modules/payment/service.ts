import type { TBankOfferRequest } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/sessions';
import { banksForProject, listBankOffers, saveBankOffer } from './banks';
import { depositCard } from './card';
import type { PaymentContext } from './context';

/** The deposit card and the banks' offers, bound to one payment context. */
export function createPaymentService(ctx: PaymentContext) {
  return {
    ctx,
    card: (user: AuthUser, projectId: string) => depositCard(ctx, user, projectId),
    banks: (user: AuthUser, projectId: string, service?: 'cash' | 'guarantee') => banksForProject(ctx, user, projectId, service),
    bankOffers: () => listBankOffers(ctx),
    saveBankOffer: (orgId: string, input: TBankOfferRequest, actor: Actor) => saveBankOffer(ctx, orgId, input, actor),
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
