import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { AuthUser } from '../../platform/sessions';
import type { Snowflake } from '../../platform/snowflake';
import { moveDeposit } from '../deposit/move-deposit';
import { attach, attachedFiles } from '../files/attachments';
import type { RulesService } from '../rules/service';
import { approveQuotaApplication, type ApproveQuotaInput } from './commands/approve-quota-application';
import { rejectQuotaApplication } from './commands/reject-quota-application';
import { submitQuotaApplication, type QuotaInput } from './commands/submit-quota-application';
import { withdrawQuotaApplication } from './commands/withdraw-quota-application';
import type { QuotaContext, QuotaData } from './context';
import { getQuotaApplication, iterateQuotaApplications, listQuotaApplications, parseQuotaId, previewQuota, type QuotaFilter } from './read';

export type { QuotaInput } from './commands/submit-quota-application';

/**
 * The quota module's entry for the routes: one context (db, clock, ids, rules, audit, deposit) and
 * the named commands and queries (commands/*.ts, read.ts) bound to it.
 */
export function createQuotaService(deps: QuotaData & {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  rules: RulesService;
  audit?: QuotaContext['audit'];
  deposit?: QuotaContext['deposit'];
  attachments?: QuotaContext['attachments'];
}) {
  const ctx: QuotaContext = {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    rules: deps.rules,
    projects: deps.projects,
    arrears: deps.arrears,
    accounts: deps.accounts,
    regions: deps.regions,
    audit: deps.audit ?? writeAudit,
    deposit: deps.deposit ?? { move: moveDeposit },
    attachments: deps.attachments ?? { attach, filesOf: attachedFiles },
  };
  return {
    ctx,
    parseId: parseQuotaId,
    preview: (user: AuthUser, input: { projectId: string; contractAmount: string }) => previewQuota(ctx, user, input),
    submit: (user: AuthUser, input: QuotaInput, actor: Actor) => submitQuotaApplication(ctx, user, input, actor),
    get: (user: AuthUser, id: string) => getQuotaApplication(ctx, user, id),
    list: (user: AuthUser, q: QuotaFilter & { queue?: string; page: number; pageSize: number }) => listQuotaApplications(ctx, user, q),
    iterate: (user: AuthUser, q: QuotaFilter) => iterateQuotaApplications(ctx, user, q),
    approve: (user: AuthUser, id: string, body: ApproveQuotaInput, actor: Actor) => approveQuotaApplication(ctx, user, id, body, actor),
    reject: (user: AuthUser, id: string, reason: string, actor: Actor) => rejectQuotaApplication(ctx, user, id, reason, actor),
    withdraw: (user: AuthUser, id: string, actor: Actor) => withdrawQuotaApplication(ctx, user, id, actor),
  };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
