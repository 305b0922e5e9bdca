import HomeOutlined from '@ant-design/icons/HomeOutlined';
import SafetyCertificateOutlined from '@ant-design/icons/SafetyCertificateOutlined';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import TeamOutlined from '@ant-design/icons/TeamOutlined';
import FileSearchOutlined from '@ant-design/icons/FileSearchOutlined';
import type { ReactNode } from 'react';
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

/** The menu of each role: only what works today. */
export function menuFor(me: Me): MenuRoute[] {
  switch (me.role) {
    case 'enterprise': {
      const cert: MenuRoute = { path: '/certification', name: '企业认证', icon: <SafetyCertificateOutlined /> };
      return needsCertification(me) ? [cert] : [home, cert];
    }
    case 'admin':
      return [
        home,
        {
          path: '/admin/certifications',
          name: '认证审核',
          icon: <AuditOutlined />,
          routes: [{ path: '/admin/certifications/:id', name: '认证详情', hideInMenu: true }],
        },
        { path: '/admin/users', name: '用户管理', icon: <TeamOutlined /> },
        { path: '/admin/audit', name: '审计日志', icon: <FileSearchOutlined /> },
      ];
    default:
      return [home];
  }
}
