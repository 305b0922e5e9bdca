import { fenToYuan, offlineGuaranteeWorkflow, type OfflineGuaranteeStatus, type TOfflineGuarantee } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { invalidState } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { GuaranteeContext } from '../context';
import { getOfflineGuarantee, loadOffline, requiredFenOf } from '../read';
import { lockOfflineGuarantee, moveOfflineGuarantee } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

const alreadyDecided = (s: string) =>
  invalidState(s === 'approved' ? '该保单保函已审核通过，不能重复审核' : s === 'returned' ? '该保单保函已退回，不能再审核' : '该保单保函已关闭（企业已切换缴纳方式），不能再审核');

/**
 * 通过 (hrss of the project's remit): the upload becomes 已通过, its guarantee is registered in
 * 保函管理 (409 GUARANTEE_NO_IN_FORCE if its number came into force meanwhile — checked again here,
 * under the register's number lock), and when its 保额 covers the deposit's required amount the
 * payment attempt is covered: the deposit becomes 已缴纳. One transaction; of two decisions at once
 * one wins and the other gets 409.
 */
export async function approveOfflineGuarantee(ctx: GuaranteeContext, user: AuthUser, id: string, actor: Actor): Promise<TOfflineGuarantee> {
  const action = offlineGuaranteeWorkflow.actions.approve;
  const g = await loadOffline(ctx, user, id, 'act');
  if (!offlineGuaranteeWorkflow.can('approve', g.status as OfflineGuaranteeStatus)) throw alreadyDecided(g.status);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockOfflineGuarantee(tx, g.id);
    if (!row || !offlineGuaranteeWorkflow.can('approve', row.status as OfflineGuaranteeStatus)) throw alreadyDecided(row?.status ?? '');
    const file = (await ctx.attachments.filesOf(tx, 'offline_guarantee', [row.id.toString()])).get(row.id.toString())?.get('letter')?.[0];
    const registered = await ctx.register(tx, {
      kind: 'offline_guarantee',
      number: row.guaranteeNo,
      projectId: row.projectId,
      enterpriseOrgId: row.enterpriseOrgId,
      hrssOrgId: row.hrssOrgId,
      authorityOrgId: row.authorityOrgId,
      issuerOrgId: row.issuerOrgId,
      issuerName: row.issuerName,
      amountFen: row.amountFen,
      feeFen: row.feeFen,
      issuedOn: row.issuedOn,
      validFrom: row.validFrom,
      validTo: row.validTo,
      sourceType: 'offline_guarantee',
      sourceId: row.id.toString(),
      fileId: file?.id ?? null,
      actor,
      at: now,
    });
    const moved = await moveOfflineGuarantee(tx, row.id, action.from, { status: action.to, decidedAt: now, decidedBy: user.id, guaranteeId: registered.id, updatedAt: now });
    if (moved !== 1) throw alreadyDecided('');
    // the amount to cover now (the quota's 核定金额); 保额 was checked against it on upload
    const required = (await requiredFenOf(ctx, row.projectId, tx)) ?? row.requiredFen;
    const covered = row.amountFen >= required;
    const deposit = covered ? await ctx.payments.cover(tx, { projectId: row.projectId, way: 'offline_guarantee', refId: row.id.toString(), actor, at: now }) : null;
    await ctx.audit(tx, actor, now, {
      action: offlineGuaranteeWorkflow.auditCode('approve'),
      targetType: 'offline_guarantee',
      targetId: row.id.toString(),
      before: { status: row.status, projectDepositStatus: deposit?.depositBefore ?? null },
      after: { status: action.to, guaranteeId: registered.id.toString(), amount: fenToYuan(row.amountFen), required: fenToYuan(required), covered, projectDepositStatus: deposit?.depositAfter ?? null },
    });
    await recordWarningRecheck(tx, now, row.projectId, 'offline_guarantee.approve');
  });
  return getOfflineGuarantee(ctx, user, id);
}
