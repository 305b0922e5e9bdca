import { certificationWorkflow, type CertificationStatus, type TCertification } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { AppError, invalidState, notFound, uniqueViolation } from '../../../platform/errors';
import { recordEvent } from '../../../platform/outbox';
import { parseResourceId, scopeOf } from '../../../platform/scope';
import type { AuthUser } from '../../../platform/sessions';
import type { CertificationContext } from '../context';
import { getById } from '../read';
import { decideCertificationRow, findCertification } from '../repository';

/**
 * approve and reject (admin): the row locked, its status checked against the definition, one
 * conditional UPDATE decides the race; the loser gets 409. Used by the two named commands.
 */
export async function decideCertification(
  ctx: CertificationContext,
  admin: AuthUser,
  id: string,
  actionName: 'approve' | 'reject',
  reason: string | null,
  actor: Actor,
): Promise<TCertification> {
  const action = certificationWorkflow.actions[actionName];
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const key = parseResourceId('certification', id);
    const before = key === null ? undefined : await findCertification(tx, key as string, await scopeOf(tx, admin, 'certification', 'act'), { forUpdate: true });
    if (!before) throw notFound('认证申请');
    if (!certificationWorkflow.can(actionName, before.status as CertificationStatus)) throw invalidState('该认证申请已审核，不能重复审核');
    const updated = await decideCertificationRow(tx, id, action.from, { status: action.to, rejectReason: reason, decidedAt: now, decidedBy: admin.id, updatedAt: now });
    if (updated !== 1) throw invalidState('该认证申请已审核，不能重复审核');
    if (actionName === 'approve') {
      try {
        await ctx.accounts.certifyOrganization(tx, before.orgId, { name: before.enterpriseName, creditCode: before.creditCode });
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已属于另一家已认证企业');
        throw err;
      }
    }
    await ctx.audit(tx, actor, now, {
      action: certificationWorkflow.auditCode(actionName),
      targetType: 'certification',
      targetId: id,
      before: { status: before.status },
      after: { status: action.to, ...(reason ? { reason } : {}) },
    });
    // The contact is told by SMS after commit (modules/certification/notifications.ts, ADR 016).
    await recordEvent(tx, now, { topic: `certification.${action.to}`, aggregateType: 'certification', aggregateId: id, payload: { contactPhone: before.contactPhone, enterpriseName: before.enterpriseName, reason, orgId: before.orgId } });
    return (await getById(ctx, tx, admin, id))!;
  });
}
