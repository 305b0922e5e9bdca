import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { AuthUser } from '../../platform/sessions';
import type { Snowflake } from '../../platform/snowflake';
import { attach, attachedFiles } from '../files/attachments';
import { approveOfflineGuarantee } from './commands/approve-offline-guarantee';
import { returnOfflineGuarantee } from './commands/return-offline-guarantee';
import { submitOfflineGuarantee, type OfflineGuaranteeInput } from './commands/submit-offline-guarantee';
import type { GuaranteeContext, GuaranteeData } from './context';
import {
  getGuarantee,
  getOfflineGuarantee,
  iterateGuarantees,
  listGuarantees,
  listOfflineGuarantees,
  offlineGuaranteeForm,
  type GuaranteeFilter,
  type OfflineFilter,
} from './read';
import { registerGuarantee } from './register';

export type { OfflineGuaranteeInput } from './commands/submit-offline-guarantee';

/**
 * The guarantees module's entry for the routes: 保单保函上传 (submit, hrss 通过 / 退回) and 保函管理
 * (the register's list, detail, export), bound to one context.
 */
export function createGuaranteeService(
  deps: GuaranteeData & {
    db: Db;
    clock: Clock;
    ids: Snowflake;
    rules: GuaranteeContext['rules'];
    payments: GuaranteeContext['payments'];
    audit?: GuaranteeContext['audit'];
    attachments?: GuaranteeContext['attachments'];
  },
) {
  const ctx: GuaranteeContext = {
    db: deps.db,
    clock: deps.clock,
    ids: deps.ids,
    rules: deps.rules,
    projects: deps.projects,
    quotas: deps.quotas,
    accounts: deps.accounts,
    payments: deps.payments,
    audit: deps.audit ?? writeAudit,
    register: registerGuarantee,
    attachments: deps.attachments ?? { attach, filesOf: attachedFiles },
  };
  return {
    ctx,
    offlineForm: (user: AuthUser, projectId: string) => offlineGuaranteeForm(ctx, user, projectId),
    submitOffline: (user: AuthUser, input: OfflineGuaranteeInput, actor: Actor) => submitOfflineGuarantee(ctx, user, input, actor),
    getOffline: (user: AuthUser, id: string) => getOfflineGuarantee(ctx, user, id),
    listOffline: (user: AuthUser, q: OfflineFilter & { page: number; pageSize: number }) => listOfflineGuarantees(ctx, user, q),
    approveOffline: (user: AuthUser, id: string, actor: Actor) => approveOfflineGuarantee(ctx, user, id, actor),
    returnOffline: (user: AuthUser, id: string, reason: string, actor: Actor) => returnOfflineGuarantee(ctx, user, id, reason, actor),
    list: (user: AuthUser, q: GuaranteeFilter & { page: number; pageSize: number }) => listGuarantees(ctx, user, q),
    iterate: (user: AuthUser, q: GuaranteeFilter) => iterateGuarantees(ctx, user, q),
    get: (user: AuthUser, id: string) => getGuarantee(ctx, user, id),
  };
}

export type GuaranteeService = ReturnType<typeof createGuaranteeService>;
