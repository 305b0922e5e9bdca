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
import type { ReactNode } from 'react';
import { can, type Role } from '@benxi/shared';
import type { Me } from '../../features/auth/api/me';
import { needsCertification } from '../guards';

export interface MenuRoute {
  path: string;
  name: string;
  icon?: ReactNode;
  hideInMenu?: boolean;
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
      { path: '/projects/:id', name: '项目详情', hideInMenu: true },
      { path: '/projects/:id/edit', name: '编辑基础信息', hideInMenu: true },
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
  routes: [{ path: '/quota', name: '定额申请', routes: [quotaDetail] }],
};

/** hrss: 定额审核 queue and its detail pages. */
const quotaReview: MenuRoute = {
  path: '/quota/review',
  name: '定额审核',
  icon: <AuditOutlined />,
  routes: [{ path: '/quota/review/:id', name: '定额审核详情', hideInMenu: true }],
};

const arrears: MenuRoute = { path: '/arrears', name: '欠薪及失信记录', icon: <AlertOutlined /> };

/** The menu of each role: only what works today. */
export function menuFor(me: Me): MenuRoute[] {
  switch (me.role) {
    case 'enterprise': {
      const cert: MenuRoute = { path: '/certification', name: '企业认证', icon: <SafetyCertificateOutlined /> };
      return needsCertification(me) ? [cert] : [home, projects(me.role), applications, cert];
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
        { path: '/admin/audit', name: '审计日志', icon: <FileSearchOutlined /> },
        { path: '/admin/job-runs', name: '定时任务', icon: <ScheduleOutlined /> },
      ];
    case 'hrss':
      return [home, projects(me.role), quotaReview, arrears];
    case 'authority':
      return [home, projects(me.role), quotaList];
    default:
      return can(me.role, 'project.read') ? [home, projects(me.role)] : [home];
  }
}
