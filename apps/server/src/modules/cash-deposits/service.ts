import type { AuthUser } from '../../platform/sessions';
import type { PaymentUser } from '../payment/common';
import type { TCashDepositRequest } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import type { PaymentContext } from '../payment/context';
import { confirmCashArrival, type ConfirmArrivalInput } from './commands/confirm-cash-arrival';
import { submitCashDeposit } from './commands/submit-cash-deposit';
import { getCashDeposit, listCashDeposits, type CashListQuery } from './read';

/** 现金存缴's named commands and queries bound to one payment context, for the portal's and the open API's routes. */
export function createCashDepositService(ctx: PaymentContext) {
  return {
    ctx,
    submit: (user: AuthUser, input: TCashDepositRequest, actor: Actor) => submitCashDeposit(ctx, user, input, actor),
    confirm: (user: PaymentUser, id: string, input: ConfirmArrivalInput, actor: Actor) => confirmCashArrival(ctx, user, id, input, actor),
    get: (user: PaymentUser, id: string) => getCashDeposit(ctx, user, id),
    list: (user: PaymentUser, q: CashListQuery) => listCashDeposits(ctx, user, q),
  };
}

export type CashDepositService = ReturnType<typeof createCashDepositService>;
