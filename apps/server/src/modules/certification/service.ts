import type { CertificationStatus, TCertificationRequest } from '@benxi/shared';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { AuthUser } from '../../platform/sessions';
import type { FileService } from '../files/service';
import { approveCertification } from './commands/approve-certification';
import { rejectCertification } from './commands/reject-certification';
import { submitCertification } from './commands/submit-certification';
import type { CertificationAccounts, CertificationContext } from './context';
import { currentCertification, getCertification, listCertifications } from './read';

export { newBizCode } from './commands/submit-certification';

/** The certification module's entry for the routes: one context and the named commands and queries bound to it. */
export function createCertificationService(deps: { db: Db; clock: Clock; files: FileService; accounts: CertificationAccounts; audit?: CertificationContext['audit'] }) {
  const ctx: CertificationContext = { db: deps.db, clock: deps.clock, files: deps.files, accounts: deps.accounts, audit: deps.audit ?? writeAudit };
  return {
    ctx,
    current: (user: AuthUser) => currentCertification(ctx, user),
    submit: (user: AuthUser, input: TCertificationRequest, actor: Actor) => submitCertification(ctx, user, input, actor),
    list: (user: AuthUser, query: { status?: CertificationStatus; keyword?: string; page: number; pageSize: number }) => listCertifications(ctx, user, query),
    get: (user: AuthUser, id: string) => getCertification(ctx, user, id),
    approve: (admin: AuthUser, id: string, actor: Actor) => approveCertification(ctx, admin, id, actor),
    reject: (admin: AuthUser, id: string, reason: string, actor: Actor) => rejectCertification(ctx, admin, id, reason, actor),
  };
}

export type CertificationService = ReturnType<typeof createCertificationService>;
