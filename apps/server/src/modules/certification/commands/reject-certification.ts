import type { TCertification } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import type { AuthUser } from '../../../platform/sessions';
import type { CertificationContext } from '../context';
import { decideCertification } from './decide-certification';

/** 认证审核驳回 (admin, with the reason the enterprise is shown). */
export function rejectCertification(ctx: CertificationContext, admin: AuthUser, id: string, reason: string, actor: Actor): Promise<TCertification> {
  return decideCertification(ctx, admin, id, 'reject', reason, actor);
}
