import HomeOutlined from '@ant-design/icons/HomeOutlined';
import SafetyCertificateOutlined from '@ant-design/icons/SafetyCertificateOutlined';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import FileSearchOutlined from '@ant-design/icons/FileSearchOutlined';
import ProjectOutlined from '@ant-design/icons/ProjectOutlined';
import ApartmentOutlined from '@ant-design/icons/ApartmentOutlined';
import BookOutlined from '@ant-design/icons/BookOutlined';
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

/** The menu of each role: only what works today. */
export function menuFor(me: Me): MenuRoute[] {
  switch (me.role) {
    case 'enterprise': {
      const cert: MenuRoute = { path: '/certification', name: '企业认证', icon: <SafetyCertificateOutlined /> };
      return needsCertification(me) ? [cert] : [home, projects(me.role), cert];
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
        { path: '/admin/users', name: '用户管理', icon: <TeamOutlined /> },
        { path: '/admin/organizations', name: '单位管理', icon: <ApartmentOutlined /> },
        { path: '/admin/dictionaries', name: '字典管理', icon: <BookOutlined /> },
        { path: '/admin/audit', name: '审计日志', icon: <FileSearchOutlined /> },
      ];
    default:
      return can(me.role, 'project.read') ? [home, projects(me.role)] : [home];
  }
}
