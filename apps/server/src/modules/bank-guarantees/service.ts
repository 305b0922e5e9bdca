import type { AuthUser } from '../../platform/sessions';
import type { PaymentUser } from '../payment/common';
import type { TGuaranteeApplicationRequest } from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import type { PaymentContext } from '../payment/context';
import { acceptGuaranteeApplication, refuseGuaranteeApplication } from './commands/decide-guarantee-application';
import { issueGuarantee, type IssueGuaranteeInput } from './commands/issue-guarantee';
import { submitGuaranteeApplication } from './commands/submit-guarantee-application';
import { getGuaranteeApplication, listGuaranteeApplications, type GuaranteeListQuery } from './read';

/** 银行保函办理's named commands and queries bound to one payment context (portal and open API routes). */
export function createBankGuaranteeService(ctx: PaymentContext) {
  return {
    ctx,
    submit: (user: AuthUser, input: TGuaranteeApplicationRequest, actor: Actor) => submitGuaranteeApplication(ctx, user, input, actor),
    accept: (user: PaymentUser, id: string, actor: Actor) => acceptGuaranteeApplication(ctx, user, id, actor),
    refuse: (user: PaymentUser, id: string, reason: string, actor: Actor) => refuseGuaranteeApplication(ctx, user, id, reason, actor),
    issue: (user: PaymentUser, id: string, input: IssueGuaranteeInput, actor: Actor) => issueGuarantee(ctx, user, id, input, actor),
    get: (user: PaymentUser, id: string) => getGuaranteeApplication(ctx, user, id),
    list: (user: PaymentUser, q: GuaranteeListQuery) => listGuaranteeApplications(ctx, user, q),
  };
}

export type BankGuaranteeService = ReturnType<typeof createBankGuaranteeService>;
