import { fenToYuan, returnWorkflow, yuanToFen, type ReturnStatus, type TConfirmReturn, type TReturnConfirmation } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { shanghaiDate } from '../../../platform/clock';
import { fieldError, invalidState } from '../../../platform/errors';
import type { ScopeUser } from '../../../platform/scope';
import type { ClosureContext } from '../context';
import { loadReturn, toReturnDtos } from '../read';
import { findReturn, moveReturn } from '../repository';
import { recordWarningRecheck } from '../../warnings/events';

/**
 * 返还确认 (the bank, in its portal or through the open API): the cash returned (返还日期, 本金, 利息)
 * or the guarantee's original returned.
 */
export async function confirmReturn(ctx: ClosureContext, user: ScopeUser, id: string, body: TConfirmReturn, actor: Actor): Promise<TReturnConfirmation> {
  const action = returnWorkflow.actions.confirm;
  const r = await loadReturn(ctx, user, id, 'act');
  if (!returnWorkflow.can('confirm', r.status as ReturnStatus)) throw invalidState('该确认书已返还确认，不能重复确认');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (body.returnedOn > today) throw fieldError('returnedOn', '返还日期不能晚于今天');
  if (body.returnedOn < shanghaiDate(r.issuedAt)) throw fieldError('returnedOn', '返还日期不能早于确认书出具日期');
  let principalFen: bigint | null = null;
  let interestFen: bigint | null = null;
  if (r.kind === 'cash') {
    if (!body.principal) throw fieldError('principal', '请输入返还本金');
    principalFen = yuanToFen(body.principal);
    interestFen = body.interest ? yuanToFen(body.interest) : 0n;
    if (principalFen !== r.amountFen) throw fieldError('principal', `返还本金应等于存缴金额 ${fenToYuan(r.amountFen)} 元`);
  } else if (body.originalReturned !== true) {
    throw fieldError('originalReturned', '请确认已退还保函原件');
  }
  await ctx.db.transaction(async (tx) => {
    const moved = await moveReturn(tx, r.id, action.from, {
      status: action.to,
      returnedOn: body.returnedOn,
      principalFen,
      interestFen,
      originalReturned: r.kind === 'guarantee' ? true : null,
      confirmedAt: now,
    });
    if (!moved) throw invalidState('该确认书已返还确认，不能重复确认');
    await ctx.audit(tx, actor, now, {
      action: returnWorkflow.auditCode('confirm'),
      targetType: 'return_confirmation',
      targetId: r.id.toString(),
      before: { status: r.status },
      after: { status: action.to, returnedOn: body.returnedOn, principal: body.principal ?? null, interest: body.interest ?? null },
    });
    await recordWarningRecheck(tx, now, r.projectId, 'return_confirmation.confirm');
  });
  const again = await findReturn(ctx.db, r.id);
  return (await toReturnDtos(ctx, user, [again!]))[0]!;
}
