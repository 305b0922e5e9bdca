import HomeOutlined from '@ant-design/icons/HomeOutlined';
import SafetyCertificateOutlined from '@ant-design/icons/SafetyCertificateOutlined';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import FileSearchOutlined from '@ant-design/icons/FileSearchOutlined';
import ProjectOutlined from '@ant-design/icons/ProjectOutlined';
import ApartmentOutlined from '@ant-design/icons/ApartmentOutlined';
import BookOutlined from '@ant-design/icons/BookOutlined';
import FileDoneOutlined from '@ant-design/icons/FileDoneOutlined';
import FormOutlined from '@ant-design/icons/FormOutlined';
import AlertOutlined from '@ant-design/icons/AlertOutlined';
import PercentageOutlined from '@ant-design/icons/PercentageOutlined';
import CalendarOutlined from '@ant-design/icons/CalendarOutlined';
import ScheduleOutlined from '@ant-design/icons/ScheduleOutlined';
import BellOutlined from '@ant-design/icons/BellOutlined';
import SafetyOutlined from '@ant-design/icons/SafetyOutlined';
import BankOutlined from '@ant-design/icons/BankOutlined';
import ApiOutlined from '@ant-design/icons/ApiOutlined';
import FileProtectOutlined from '@ant-design/icons/FileProtectOutlined';
import InsuranceOutlined from '@ant-design/icons/InsuranceOutlined';
import PayCircleOutlined from '@ant-design/icons/PayCircleOutlined';
import WarningOutlined from '@ant-design/icons/WarningOutlined';
import AccountBookOutlined from '@ant-design/icons/AccountBookOutlined';
import MessageOutlined from '@ant-design/icons/MessageOutlined';
import type { ReactNode } from 'react';
import { can, type Role } from '@benxi/shared';
import type { Me } from '../../features/auth/api/me';
import { needsCertification } from '../guards';

export interface MenuRoute {
  path: string;
  name: string;
  icon?: ReactNode;
  hideInMenu?: boolean;
  /** a menu group without a page of its own (申请管理): not a link in the breadcrumb */
  group?: boolean;
  routes?: MenuRoute[];
}

const home: MenuRoute = { path: '/', name: '首页', icon: <HomeOutlined /> };

/** The project list is the enterprise's 项目管理, the supervisors' 项目监管 and the operator's 项目查询. */
export function projectMenuName(role: Role): string {
  if (can(role, 'project.create')) return '项目管理';
  if (role === 'admin') return '项目查询';
  return '项目监管';
}

function projects(role: Role): MenuRoute {
  return {
    path: '/projects',
    name: projectMenuName(role),
    icon: <ProjectOutlined />,
    routes: [
      { path: '/projects/new', name: '新建项目', hideInMenu: true },
      {
        path: '/projects/:id',
        name: '项目详情',
        hideInMenu: true,
        routes: [
          { path: '/projects/:id/edit', name: '编辑基础信息', hideInMenu: true },
          // 保险办理 (issue 12)
          { path: '/projects/:id/insurance', name: '保险办理', hideInMenu: true },
        ],
      },
    ],
  };
}

const quotaDetail: MenuRoute = { path: '/quota/:id', name: '定额申请详情', hideInMenu: true };

/** 定额申请 list (read-only for authority and admin). */
const quotaList: MenuRoute = { path: '/quota', name: '定额申请', icon: <FileDoneOutlined />, routes: [quotaDetail] };

/** The enterprise's 申请管理 › 定额申请. */
const applications: MenuRoute = {
  path: '/applications',
  name: '申请管理',
  icon: <FormOutlined />,
  group: true,
  routes: [
    { path: '/quota', name: '定额申请', routes: [quotaDetail] },
    // issue 13
    { path: '/filings', name: '备案申请' },
    { path: '/cancellations', name: '注销申请' },
  ],
};

/** hrss: 备案审核, 注销审核, 清查 (issue 13). */
const closureReview: MenuRoute[] = [
  { path: '/filings/review', name: '备案审核', icon: <FileDoneOutlined /> },
  { path: '/cancellations/review', name: '注销审核', icon: <AuditOutlined /> },
  { path: '/audit-checks', name: '清查', icon: <FileSearchOutlined /> },
];

/** hrss: 定额审核 queue and its detail pages. */
const quotaReview: MenuRoute = {
  path: '/quota/review',
  name: '定额审核',
  icon: <AuditOutlined />,
  routes: [{ path: '/quota/review/:id', name: '定额审核详情', hideInMenu: true }],
};

const arrears: MenuRoute = { path: '/arrears', name: '欠薪及失信记录', icon: <AlertOutlined /> };

/** 保函管理 (enterprise, hrss, authority, bank, insurer): the guarantees register of the user's scope. */
const guarantees: MenuRoute = {
  path: '/guarantees',
  name: '保函管理',
  icon: <SafetyOutlined />,
  routes: [{ path: '/guarantees/:id', name: '保函详情', hideInMenu: true }],
};

/** hrss: 保单保函审核 queue; its detail page (also reached from 项目详情 by the enterprise and the supervisors). */
const offlineReview: MenuRoute = {
  path: '/offline-guarantees/review',
  name: '保单保函审核',
  icon: <FileProtectOutlined />,
  routes: [{ path: '/offline-guarantees/:id', name: '保单保函详情', hideInMenu: true }],
};
const offlineDetail: MenuRoute = { path: '/offline-guarantees/:id', name: '保单保函详情', hideInMenu: true };

/** The bank's portal (SPEC §6): 待办, 保函办理, 现金存缴 (保函管理 is the guarantees register's page). */
const bankPortal: MenuRoute[] = [
  { path: '/bank/todo', name: '待办', icon: <BellOutlined /> },
  {
    path: '/bank/guarantees',
    name: '保函办理',
    icon: <SafetyOutlined />,
    routes: [{ path: '/bank/guarantees/:id', name: '保函申请详情', hideInMenu: true }],
  },
  {
    path: '/bank/cash-deposits',
    name: '现金存缴',
    icon: <BankOutlined />,
    routes: [{ path: '/bank/cash-deposits/:id', name: '现金存缴详情', hideInMenu: true }],
  },
  // issue 13
  { path: '/bank/returns', name: '返还确认', icon: <FileProtectOutlined /> },
];

/** 保险办理 (issue 12): an order's page (查看投保详情), the insurer's portal, the operator's catalogue. */
const insuranceOrderDetail: MenuRoute = { path: '/insurance-orders/:id', name: '投保订单详情', hideInMenu: true };
const insurerPortal: MenuRoute[] = [
  { path: '/insurer/todo', name: '待办', icon: <BellOutlined /> },
  { path: '/insurer/orders', name: '投保订单', icon: <InsuranceOutlined />, routes: [insuranceOrderDetail] },
];

/** 保证金动用 (SPEC §9): hrss and the enterprise; the bank's or insurer's 支付通知 (the notices addressed to it). */
const depositUses = (name: string): MenuRoute => ({
  path: '/deposit-uses',
  name,
  icon: <PayCircleOutlined />,
  routes: [{ path: '/deposit-uses/:id', name: name === '支付通知' ? '支付通知书' : '动用详情', hideInMenu: true }],
});
// issue 15: 预警 (every role), 消息中心 (from the header's bell, not in the menu), 短信记录 (admin)
const warningsMenu: MenuRoute = { path: '/warnings', name: '预警', icon: <WarningOutlined /> };
const messagesMenu: MenuRoute = { path: '/messages', name: '消息中心', hideInMenu: true };
// issue 15: 台账 (hrss, authority; ADR 043) with its 月度统计 and each project's ledger
const ledgerMenu: MenuRoute = {
  path: '/ledger',
  name: '台账',
  icon: <AccountBookOutlined />,
  routes: [
    { path: '/ledger/stats', name: '月度统计', hideInMenu: true },
    { path: '/ledger/:projectId', name: '项目台账', hideInMenu: true },
  ],
};

/** The menu of each role: only what works today. */
export function menuFor(me: Me): MenuRoute[] {
  switch (me.role) {
    case 'enterprise': {
      const cert: MenuRoute = { path: '/certification', name: '企业认证', icon: <SafetyCertificateOutlined /> };
      return needsCertification(me) ? [cert] : [home, projects(me.role), applications, guarantees, depositUses('保证金动用'), warningsMenu, cert, offlineDetail, insuranceOrderDetail, messagesMenu];
    }
    case 'admin':
      return [
        home,
        projects(me.role),
        {
          path: '/admin/certifications',
          name: '认证审核',
          icon: <AuditOutlined />,
          routes: [{ path: '/admin/certifications/:id', name: '认证详情', hideInMenu: true }],
        },
        quotaList,
        { path: '/admin/ratio-params', name: '比例参数', icon: <PercentageOutlined /> },
        { path: '/admin/calendar', name: '工作日调整', icon: <CalendarOutlined /> },
        { path: '/admin/users', name: '用户管理', icon: <TeamOutlined /> },
        { path: '/admin/organizations', name: '单位管理', icon: <ApartmentOutlined /> },
        { path: '/admin/dictionaries', name: '字典管理', icon: <BookOutlined /> },
        { path: '/admin/open-api', name: '开放接口', icon: <ApiOutlined /> },
        { path: '/admin/insurance', name: '保险产品', icon: <InsuranceOutlined /> },
        insuranceOrderDetail,
        { path: '/admin/audit', name: '审计日志', icon: <FileSearchOutlined /> },
        { path: '/admin/job-runs', name: '定时任务', icon: <ScheduleOutlined /> },
        warningsMenu,
        { path: '/admin/sms-records', name: '短信记录', icon: <MessageOutlined /> },
        messagesMenu,
      ];
    case 'hrss':
      return [home, projects(me.role), quotaReview, offlineReview, ...closureReview, guarantees, depositUses('保证金动用'), warningsMenu, ledgerMenu, arrears, insuranceOrderDetail, messagesMenu];
    case 'authority':
      return [home, projects(me.role), quotaList, guarantees, depositUses('保证金动用'), warningsMenu, ledgerMenu, offlineDetail, insuranceOrderDetail, messagesMenu];
    case 'bank':
      return [home, ...bankPortal, depositUses('支付通知'), guarantees, warningsMenu, messagesMenu];
    case 'insurer':
      return [home, ...insurerPortal, depositUses('支付通知'), guarantees, warningsMenu, messagesMenu];
    default:
      return can(me.role, 'project.read') ? [home, projects(me.role)] : [home];
  }
}

export interface Crumb {
  title: string;
  /** where the crumb leads; none for a menu group (申请管理) or the page itself */
  linkPath?: string;
}

/** The values of a route pattern's `:params` in a pathname, or null when it does not match. */
function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (pattern === '/') return pathname === '/' ? {} : null;
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) {
      if (!got[i]) return null;
      params[want[i]!.slice(1)] = got[i]!;
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

const fill = (pattern: string, params: Record<string, string>) => pattern.replace(/:(\w+)/g, (_, k: string) => params[k] ?? `:${k}`);

/**
 * 面包屑 from the menu: 首页 / the menu entries down to the page, e.g. 首页 / 申请管理 / 定额申请 /
 * 定额申请详情. A route without `:params` wins over one with (定额审核 before 定额申请详情 :id).
 */
export function breadcrumbFor(menu: MenuRoute[], pathname: string): Crumb[] {
  const chains: { chain: MenuRoute[]; params: Record<string, string> }[] = [];
  const walk = (routes: MenuRoute[], up: MenuRoute[]) => {
    for (const r of routes) {
      const params = matchPath(r.path, pathname);
      if (params) chains.push({ chain: [...up, r], params });
      if (r.routes) walk(r.routes, [...up, r]);
    }
  };
  walk(menu, []);
  chains.sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  const found = chains[0];
  // an enterprise that is not certified yet has no 首页 to go back to
  const root: Crumb[] = menu.includes(home) ? [{ title: home.name, linkPath: '/' }] : [];
  if (pathname === '/') return [{ title: home.name }];
  if (!found) return root;
  const crumbs = found.chain
    .filter((r) => r !== home)
    .map((r, i, all) => ({ title: r.name, linkPath: i < all.length - 1 && !r.group ? fill(r.path, found.params) : undefined }));
  return [...root, ...crumbs];
}
