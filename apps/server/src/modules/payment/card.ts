import {
  isPayableDeposit,
  cashDepositStatusLabels,
  DEPOSIT_STATUSES,
  fenToYuan,
  guaranteeApplicationStatusLabels,
  payMethodLabels,
  paymentAttemptStatusLabels,
  paymentWayLabels,
  PAYMENT_START_ACTIONS,
  type ApplyType,
  type AttemptCloseReason,
  type DepositStatus,
  type PaymentAttemptStatus,
  type PaymentStartAction,
  type PaymentWay,
  type PayMethod,
  type TDepositCard,
} from '@benxi/shared';
import type { AuthUser } from '../../platform/sessions';
import { cashDepositsById, toCashDtos } from '../cash-deposits/read';
import { guaranteeApplicationsById, toGuaranteeDtos } from '../bank-guarantees/read';
import { loadProject } from './common';
import type { PaymentContext } from './context';


const filingStateOf = (s: DepositStatus): TDepositCard['filingState'] => (s === 'filing' ? 'filing' : s === 'filed' || s === 'cancelling' || s === 'cancelled' ? 'filed' : 'none');

const ratioText = (ppm: number) => `${(ppm / 10_000).toFixed(2)}%`;

const GUARANTEE_WAYS: readonly PaymentWay[] = ['bank_guarantee', 'offline_guarantee', 'insurance'];

/**
 * 定额保证金 (the manual's card of 2.2): the approved quota's figures, 缴纳方式 and its amount, 备案状态,
 * the current way's progress (到账 so far and 差额 / 超额, or "等待银行回传办理结果"), the latest record
 * of each way, the attempts so far, and what the user may start (allowedActions).
 */
export async function depositCard(ctx: PaymentContext, user: AuthUser, projectId: string): Promise<TDepositCard> {
  const project = await loadProject(ctx, user, projectId);
  const depositStatus = (DEPOSIT_STATUSES as readonly string[]).includes(project.depositStatus) ? (project.depositStatus as DepositStatus) : 'none';
  const [quota, attempts] = await Promise.all([ctx.quota.approvedQuotaOfProject(ctx.db, project.id), ctx.payments.attemptsOf(ctx.db, project.id)]);
  const current = attempts.find((a) => a.status === 'open') ?? attempts.find((a) => a.status === 'covered') ?? null;
  const latest = (way: PaymentWay) => (current?.way === way ? current : attempts.find((a) => a.way === way));
  const cashRef = latest('cash')?.refId;
  const guaranteeRef = latest('bank_guarantee')?.refId;
  const [cashRows, guaranteeRows] = await Promise.all([
    cashRef ? cashDepositsById(ctx.db, [BigInt(cashRef)]) : [],
    guaranteeRef ? guaranteeApplicationsById(ctx.db, [BigInt(guaranteeRef)]) : [],
  ]);
  const [cash, guarantee] = await Promise.all([toCashDtos(ctx, user, cashRows), toGuaranteeDtos(ctx, user, guaranteeRows)]);
  const c = cash[0] ?? null;
  const g = guarantee[0] ?? null;

  const requiredFen = quota ? (quota.approvedFen ?? quota.appliedFen) : 0n;
  const quotaPay = (quota?.payMethod as PayMethod | null) ?? null;
  const way = (current?.way as PaymentWay | undefined) ?? null;
  const guaranteeLike = way ? GUARANTEE_WAYS.includes(way) : quotaPay === 'guarantee';
  let amount = fenToYuan(requiredFen);
  if (way === 'bank_guarantee' && g) amount = g.issuedAmount ?? g.amount;

  let progress: TDepositCard['progress'] = null;
  if (current && way === 'cash' && c) {
    progress = {
      statusLabel: cashDepositStatusLabels[c.status],
      paidAmount: c.paidAmount,
      differenceAmount: c.differenceAmount,
      overAmount: c.overAmount,
      note: c.status === 'awaiting' ? '等待银行确认到账' : null,
    };
  } else if (current && way === 'bank_guarantee' && g) {
    progress = {
      statusLabel: guaranteeApplicationStatusLabels[g.status],
      paidAmount: null,
      differenceAmount: null,
      overAmount: null,
      note: g.status === 'issued' ? null : '等待银行回传办理结果',
    };
  } else if (current && way) {
    progress = { statusLabel: paymentAttemptStatusLabels[current.status as PaymentAttemptStatus], paidAmount: null, differenceAmount: null, overAmount: null, note: null };
  }

  const owner = user.role === 'enterprise' && project.enterpriseOrgId === user.orgId;
  const mayStart = owner && !!quota && quota.applyType !== 'exempt' && isPayableDeposit(depositStatus) && !attempts.some((a) => a.status === 'covered');
  const allowedActions: PaymentStartAction[] = mayStart ? [...PAYMENT_START_ACTIONS] : [];

  return {
    projectId: project.id.toString(),
    projectName: project.name,
    depositStatus,
    filingState: filingStateOf(depositStatus),
    quota: quota
      ? {
          batchNo: quota.id.toString(),
          contractAmount: fenToYuan(quota.contractAmountFen),
          ratioText: ratioText(quota.prepayRatioPpm),
          requiredAmount: fenToYuan(requiredFen),
          applyType: quota.applyType as ApplyType,
          payMethod: quotaPay,
          handlerName: quota.handlerName,
          handlerPhone: quota.handlerPhone,
          decidedAt: quota.decidedAt?.toISOString() ?? null,
          submittedAt: quota.submittedAt.toISOString(),
        }
      : null,
    payWayLabel: way ? paymentWayLabels[way] : quotaPay ? payMethodLabels[quotaPay] : '-',
    amountLabel: guaranteeLike ? '保函金额' : '现金金额',
    amount,
    currentWay: way,
    attempt: current
      ? { id: current.id.toString(), way: current.way as PaymentWay, refId: current.refId, status: current.status as PaymentAttemptStatus, openedAt: current.openedAt.toISOString() }
      : null,
    progress,
    cash: c,
    guarantee: g,
    history: attempts.map((a) => ({
      id: a.id.toString(),
      way: a.way as PaymentWay,
      refId: a.refId,
      status: a.status as PaymentAttemptStatus,
      openedAt: a.openedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
      closedReason: (a.closedReason as AttemptCloseReason | null) ?? null,
    })),
    allowedActions,
  };
}
