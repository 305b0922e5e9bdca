import type { TCancellationRequest, TConfirmReturn } from '@benxi/shared';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { ScopeUser } from '../../platform/scope';
import type { Snowflake } from '../../platform/snowflake';
import { moveDeposit } from '../deposit/move-deposit';
import { attach, attachedFiles } from '../files/attachments';
import { recordOpenEvents } from '../open/events';
import type { RulesService } from '../rules/service';
import { approveCancellation, rejectCancellation, submitCancellation } from './commands/cancellation';
import { approveFiling, rejectFiling, submitFiling } from './commands/filing';
import { confirmReturn } from './commands/return';
import type { ClosureContext, ClosureData } from './context';
import { cancellationFormTemplatePdf, returnConfirmationPdf } from './documents';
import {
  auditCheckList,
  getCancellation,
  getFiling,
  iterateAuditCheck,
  iterateCancellations,
  iterateFilings,
  listCancellations,
  listFilings,
  listReturns,
  loadReturn,
  projectClosure,
  toReturnDtos,
  type ClosureFilter,
} from './read';

type Page = { page: number; pageSize: number };
type Reviewer = ScopeUser & { id: string };

/** 备案 / 注销 / 返还 (issue 13): one context and the commands and queries bound to it. */
export function createClosureService(deps: ClosureData & { db: Db; clock: Clock; ids: Snowflake; rules: Pick<RulesService, 'workCalendar'> } & Partial<Pick<ClosureContext, 'audit' | 'deposit' | 'attachments' | 'openEvents'>>) {
  const ctx: ClosureContext = {
    ...deps,
    audit: deps.audit ?? writeAudit,
    deposit: deps.deposit ?? { move: moveDeposit },
    attachments: deps.attachments ?? { attach, filesOf: attachedFiles },
    openEvents: deps.openEvents ?? { record: recordOpenEvents },
  };
  return {
    ctx,
    closure: (user: ScopeUser, projectId: string) => projectClosure(ctx, user, projectId),
    // 备案
    submitFiling: (user: ScopeUser, projectId: string, actor: Actor) => submitFiling(ctx, user, projectId, actor),
    getFiling: (user: ScopeUser, id: string) => getFiling(ctx, user, id),
    listFilings: (user: ScopeUser, q: ClosureFilter & Page) => listFilings(ctx, user, q),
    iterateFilings: (user: ScopeUser, q: ClosureFilter) => iterateFilings(ctx, user, q),
    approveFiling: (user: Reviewer, id: string, actor: Actor) => approveFiling(ctx, user, id, actor),
    rejectFiling: (user: Reviewer, id: string, reason: string, actor: Actor) => rejectFiling(ctx, user, id, reason, actor),
    // 注销
    submitCancellation: (user: ScopeUser, input: TCancellationRequest, actor: Actor) => submitCancellation(ctx, user, input, actor),
    getCancellation: (user: ScopeUser, id: string) => getCancellation(ctx, user, id),
    listCancellations: (user: ScopeUser, q: ClosureFilter & Page) => listCancellations(ctx, user, q),
    iterateCancellations: (user: ScopeUser, q: ClosureFilter) => iterateCancellations(ctx, user, q),
    approveCancellation: (user: Reviewer, id: string, actor: Actor) => approveCancellation(ctx, user, id, actor),
    rejectCancellation: (user: Reviewer, id: string, reason: string, actor: Actor) => rejectCancellation(ctx, user, id, reason, actor),
    confirmationPdf: (user: ScopeUser, cancellationId: string) => returnConfirmationPdf(ctx, user, cancellationId),
    formTemplatePdf: (user: ScopeUser, projectId: string) => cancellationFormTemplatePdf(ctx, user, projectId),
    // 返还
    listReturns: (user: ScopeUser, q: { projectName?: string; status?: string } & Page) => listReturns(ctx, user, q),
    getReturn: async (user: ScopeUser, id: string) => (await toReturnDtos(ctx, user, [await loadReturn(ctx, user, id, 'read')]))[0]!,
    confirmReturn: (user: ScopeUser, id: string, body: TConfirmReturn, actor: Actor) => confirmReturn(ctx, user, id, body, actor),
    // 清查
    auditCheck: (user: ScopeUser, q: { projectName?: string; regionCode?: string } & Page) => auditCheckList(ctx, user, q),
    iterateAuditCheck: (user: ScopeUser, q: { projectName?: string; regionCode?: string }) => iterateAuditCheck(ctx, user, q),
  };
}

export type ClosureService = ReturnType<typeof createClosureService>;
