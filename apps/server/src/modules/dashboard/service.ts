import {
  DEPOSIT_STATUSES,
  depositStatusLabels,
  GUARANTEE_KINDS,
  guaranteeKindLabels,
  WARNING_TYPES,
  warningTypeLabels,
  type DepositStatus,
  type GuaranteeKind,
  type TCalendarStatus,
  type TDashboard,
  type TDashboardFigure,
  type WarningType,
} from '@benxi/shared';
import type { Clock } from '../../platform/clock';
import { shanghaiDate } from '../../platform/clock';
import type { AuthUser } from '../../platform/sessions';
import type { Counts } from './repository';

/**
 * 首页 per role (ADR 039). Every figure is the `total` of the list it links to, asked with the same
 * filters (page 1): a figure and its list cannot disagree — the test opens each link's list and
 * compares. hrss and authority (whose remit is up to every project of the city) read the aggregates
 * the database keeps (`counts`, ADR 046: one statement over a few hundred rows instead of ~30 list
 * totals over a million); the other roles' lists are their own few rows and are still counted.
 */

type Total = Promise<{ total: number }>;
interface Page {
  page: number;
  pageSize: number;
}

export interface DashboardDeps {
  clock: Clock;
  calendarStatus(): Promise<TCalendarStatus>;
  regions(): Promise<{ code: string; name: string }[]>;
  projects(user: AuthUser, q: { depositStatus?: DepositStatus; regionCode?: string } & Page): Total;
  quotaQueue(user: AuthUser, q: { status: 'pending'; queue: '1' } & Page): Total;
  offlineQueue(user: AuthUser, q: { status: 'pending' } & Page): Total;
  guarantees(user: AuthUser, q: { kind?: GuaranteeKind } & Page): Total;
  warnings(user: AuthUser, q: { type?: WarningType; state?: 'open'; raisedFrom?: string; raisedTo?: string } & Page): Total;
  bankGuaranteeTodo(user: AuthUser, q: { todo: '1' } & Page): Total;
  cashTodo(user: AuthUser, q: { todo: '1' } & Page): Total;
  certificationQueue(user: AuthUser, q: { status: 'pending' } & Page): Total;
  // issue 12–14 queues (helper X1, ADR 041)
  filingQueue(user: AuthUser, q: { queue: '1' } & Page): Total;
  cancellationQueue(user: AuthUser, q: { queue: '1' } & Page): Total;
  returns(user: AuthUser, q: { status: 'pending' } & Page): Total;
  paymentNotices(user: AuthUser, q: { status: 'notified' } & Page): Total;
  insuranceOrders(user: AuthUser, q: { status: 'underwriting' | 'paid' } & Page): Total;
  /** hrss / authority: the kept counts of their remit (ADR 046); without it they are counted per request */
  counts?(user: AuthUser): Promise<Counts>;
}

const P1 = { page: 1, pageSize: 10 } as const;
const qs = (o: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return s ? `?${s}` : '';
};

/** the first day of the month `back` months before `today`'s, and the last day of that month */
function monthRange(today: string, back: number): { from: string; to: string; label: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - back;
  const start = new Date(Date.UTC(y, m, 1));
  const end = new Date(Date.UTC(y, m + 1, 0));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(start), to: iso(end), label: `${start.getUTCFullYear()}年${start.getUTCMonth() + 1}月` };
}

export function createDashboardService(deps: DashboardDeps) {
  const figure = async (key: string, label: string, link: string, total: Total): Promise<TDashboardFigure> => ({ key, label, link, value: (await total).total });

  async function warningCharts(user: AuthUser) {
    const byType = await Promise.all(
      WARNING_TYPES.map((t) => figure(`warning:${t}`, warningTypeLabels[t], `/warnings${qs({ type: t, state: 'open' })}`, deps.warnings(user, { type: t, state: 'open', ...P1 }))),
    );
    const today = shanghaiDate(deps.clock.now());
    const months = [5, 4, 3, 2, 1, 0].map((b) => monthRange(today, b));
    const byMonth = await Promise.all(
      months.map((m) => figure(`warning-month:${m.from}`, m.label, `/warnings${qs({ raisedFrom: m.from, raisedTo: m.to })}`, deps.warnings(user, { raisedFrom: m.from, raisedTo: m.to, ...P1 }))),
    );
    return [
      { key: 'warnings-by-type', title: '预警中（按类型）', items: byType },
      { key: 'warnings-by-month', title: '近六个月新增预警（按月）', items: byMonth },
    ];
  }

  async function projectsByDeposit(user: AuthUser, statuses: readonly DepositStatus[]) {
    return Promise.all(
      statuses.map((s) => figure(`deposit:${s}`, depositStatusLabels[s], `/projects${qs({ depositStatus: s })}`, deps.projects(user, { depositStatus: s, ...P1 }))),
    );
  }

  /** The hrss / authority 首页 from the kept counts: the same figures, keys, labels and links as counted below. */
  async function remitFromCounts(user: AuthUser, c: Counts, calendar: TCalendarStatus): Promise<TDashboard> {
    const f = (key: string, label: string, link: string, value: number): TDashboardFigure => ({ key, label, link, value });
    const figures = [
      f('projects', '辖区项目', '/projects', c.sum('project', 'deposit:')),
      ...(user.role === 'hrss'
        ? [
            f('queue:quota', '待审核定额申请', '/quota/review', c.get('quota_pending')),
            f('queue:offline', '待审核保单保函', '/offline-guarantees/review', c.get('offline_pending')),
            // 备案 / 注销 queues (ADR 041): counted per request on their (hrss, status) indexes — pending rows only
            ...(await Promise.all([
              figure('queue:filing', '待审核备案', '/filings/review', deps.filingQueue(user, { queue: '1', ...P1 })),
              figure('queue:cancellation', '待审核注销', '/cancellations/review', deps.cancellationQueue(user, { queue: '1', ...P1 })),
            ])),
          ]
        : []),
      f('warnings-open', '预警中', `/warnings${qs({ state: 'open' })}`, c.sum('warning_open')),
    ];
    const byWay = [
      ...GUARANTEE_KINDS.map((k) => f(`guarantee:${k}`, guaranteeKindLabels[k], `/guarantees${qs({ kind: k })}`, c.get('guarantee', k))),
      ...(['paid', 'exempted', 'deferred'] as const).map((s) => f(`deposit:${s}`, depositStatusLabels[s], `/projects${qs({ depositStatus: s })}`, c.get('project', `deposit:${s}`))),
    ];
    const regions = await deps.regions();
    const today = shanghaiDate(deps.clock.now());
    const months = [5, 4, 3, 2, 1, 0].map((b) => monthRange(today, b));
    const charts = [
      { key: 'deposits-by-way', title: '保证金（按缴纳方式：保函/保单登记数，已缴纳/免缴/缓缴项目数）', items: byWay },
      { key: 'projects-by-region', title: '项目（按地区）', items: regions.map((r) => f(`region:${r.code}`, r.name, `/projects${qs({ regionCode: r.code })}`, c.get('project', `region:${r.code}`))) },
      { key: 'projects-by-deposit', title: '项目（按保证金状态）', items: DEPOSIT_STATUSES.map((s) => f(`deposit:${s}`, depositStatusLabels[s], `/projects${qs({ depositStatus: s })}`, c.get('project', `deposit:${s}`))) },
      { key: 'warnings-by-type', title: '预警中（按类型）', items: WARNING_TYPES.map((t) => f(`warning:${t}`, warningTypeLabels[t], `/warnings${qs({ type: t, state: 'open' })}`, c.get('warning_open', t))) },
      {
        key: 'warnings-by-month',
        title: '近六个月新增预警（按月）',
        items: months.map((m) => f(`warning-month:${m.from}`, m.label, `/warnings${qs({ raisedFrom: m.from, raisedTo: m.to })}`, c.get('warning_month', m.from.slice(0, 7)))),
      },
    ];
    return { role: user.role, figures, charts, calendar };
  }

  return {
    async forUser(user: AuthUser): Promise<TDashboard> {
      const calendar = await deps.calendarStatus();
      const openWarnings = () => figure('warnings-open', '预警中', `/warnings${qs({ state: 'open' })}`, deps.warnings(user, { state: 'open', ...P1 }));
      switch (user.role) {
        case 'enterprise': {
          const figures = await Promise.all([
            figure('projects', '我的项目', '/projects', deps.projects(user, P1)),
            figure('deposit:to_pay', '待缴纳保证金', `/projects${qs({ depositStatus: 'to_pay' })}`, deps.projects(user, { depositStatus: 'to_pay', ...P1 })),
            figure('deposit:none', '未申请定额', `/projects${qs({ depositStatus: 'none' })}`, deps.projects(user, { depositStatus: 'none', ...P1 })),
            openWarnings(),
          ]);
          const charts = [{ key: 'projects-by-deposit', title: '项目（按保证金状态）', items: await projectsByDeposit(user, DEPOSIT_STATUSES) }, ...(await warningCharts(user)).slice(0, 1)];
          return { role: user.role, figures, charts, calendar };
        }
        case 'hrss':
        case 'authority': {
          if (deps.counts) return remitFromCounts(user, await deps.counts(user), calendar);
          const figures = await Promise.all([
            figure('projects', '辖区项目', '/projects', deps.projects(user, P1)),
            ...(user.role === 'hrss'
              ? [
                  figure('queue:quota', '待审核定额申请', '/quota/review', deps.quotaQueue(user, { status: 'pending', queue: '1', ...P1 })),
                  figure('queue:offline', '待审核保单保函', '/offline-guarantees/review', deps.offlineQueue(user, { status: 'pending', ...P1 })),
                  figure('queue:filing', '待审核备案', '/filings/review', deps.filingQueue(user, { queue: '1', ...P1 })),
                  figure('queue:cancellation', '待审核注销', '/cancellations/review', deps.cancellationQueue(user, { queue: '1', ...P1 })),
                ]
              : []),
            openWarnings(),
          ]);
          const byWay = await Promise.all([
            ...GUARANTEE_KINDS.map((k) => figure(`guarantee:${k}`, guaranteeKindLabels[k], `/guarantees${qs({ kind: k })}`, deps.guarantees(user, { kind: k, ...P1 }))),
            ...(['paid', 'exempted', 'deferred'] as const).map((s) => figure(`deposit:${s}`, depositStatusLabels[s], `/projects${qs({ depositStatus: s })}`, deps.projects(user, { depositStatus: s, ...P1 }))),
          ]);
          const regions = await deps.regions();
          const byRegion = await Promise.all(regions.map((r) => figure(`region:${r.code}`, r.name, `/projects${qs({ regionCode: r.code })}`, deps.projects(user, { regionCode: r.code, ...P1 }))));
          const charts = [
            { key: 'deposits-by-way', title: '保证金（按缴纳方式：保函/保单登记数，已缴纳/免缴/缓缴项目数）', items: byWay },
            { key: 'projects-by-region', title: '项目（按地区）', items: byRegion },
            { key: 'projects-by-deposit', title: '项目（按保证金状态）', items: await projectsByDeposit(user, DEPOSIT_STATUSES) },
            ...(await warningCharts(user)),
          ];
          return { role: user.role, figures, charts, calendar };
        }
        case 'bank':
        case 'insurer': {
          const figures = await Promise.all([
            ...(user.role === 'bank'
              ? [
                  figure('todo:guarantee', '待办理的银行保函申请', '/bank/todo', deps.bankGuaranteeTodo(user, { todo: '1', ...P1 })),
                  figure('todo:cash', '待确认到账的现金存缴', '/bank/todo', deps.cashTodo(user, { todo: '1', ...P1 })),
                  figure('todo:return', '待返还确认', `/bank/returns${qs({ status: 'pending' })}`, deps.returns(user, { status: 'pending', ...P1 })),
                ]
              : [
                  figure('todo:underwriting', '待核保', `/insurer/orders${qs({ status: 'underwriting' })}`, deps.insuranceOrders(user, { status: 'underwriting', ...P1 })),
                  figure('todo:policy', '待出单', `/insurer/orders${qs({ status: 'paid' })}`, deps.insuranceOrders(user, { status: 'paid', ...P1 })),
                ]),
            figure('todo:payment-notice', '待支付的支付通知', `/deposit-uses${qs({ status: 'notified' })}`, deps.paymentNotices(user, { status: 'notified', ...P1 })),
            figure('guarantees', '本机构出具的保函（保单）', '/guarantees', deps.guarantees(user, P1)),
            openWarnings(),
          ]);
          return { role: user.role, figures, charts: (await warningCharts(user)).slice(0, 1), calendar };
        }
        case 'admin': {
          const figures = await Promise.all([
            figure('queue:certification', '待审核的企业认证', '/admin/certifications', deps.certificationQueue(user, { status: 'pending', ...P1 })),
            openWarnings(),
          ]);
          return { role: user.role, figures, charts: (await warningCharts(user)).slice(0, 1), calendar };
        }
      }
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
