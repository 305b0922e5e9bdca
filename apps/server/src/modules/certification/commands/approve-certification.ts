import type { TCertification } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import type { AuthUser } from '../../../platform/sessions';
import type { CertificationContext } from '../context';
import { decideCertification } from './decide-certification';

/** 认证审核通过 (admin): the enterprise becomes certified under the name and credit code it submitted. */
export function approveCertification(ctx: CertificationContext, admin: AuthUser, id: string, actor: Actor): Promise<TCertification> {
  return decideCertification(ctx, admin, id, 'approve', null, actor);
}
