import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zDashboard } from '@benxi/shared';
import { currentUser } from '../../platform/access';
import type { DashboardService } from './service';

export const dashboardRoutes: FastifyPluginAsyncZod<{ dashboard: DashboardService }> = async (app, { dashboard }) => {
  app.get(
    '/dashboard',
    { config: { access: { permission: 'dashboard.read' as const } }, schema: { tags: ['首页'], summary: '首页：本角色的待办、预警与统计（每个数字等于其链接列表的总数）', response: { 200: zDashboard } } },
    async (req) => dashboard.forUser(currentUser(req)),
  );
};
