import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zAuditListQuery, zAuditRow, zIdParams, zUserListQuery, zUserRow } from '@benxi/shared';
import { requestActor } from '../../platform/access';
import type { AdminService } from './service';

export const adminRoutes: FastifyPluginAsyncZod<{ admin: AdminService }> = async (app, { admin }) => {
  const users = { access: { permission: 'user.manage' as const } };
  const tags = ['平台运营'];

  app.get(
    '/admin/users',
    { config: users, schema: { tags, summary: '用户列表', querystring: zUserListQuery, response: { 200: pageOf(zUserRow) } } },
    async (req) => admin.listUsers(req.query),
  );
  app.post(
    '/admin/users/:id/unlock',
    { config: users, schema: { tags, summary: '解除账户锁定', params: zIdParams, response: { 200: zUserRow } } },
    async (req) => admin.unlock(req.params.id, requestActor(req)),
  );
  app.post(
    '/admin/users/:id/disable',
    { config: users, schema: { tags, summary: '停用账户（结束其全部会话）', params: zIdParams, response: { 200: zUserRow } } },
    async (req) => admin.disable(req.params.id, requestActor(req)),
  );
  app.post(
    '/admin/users/:id/enable',
    { config: users, schema: { tags, summary: '启用账户', params: zIdParams, response: { 200: zUserRow } } },
    async (req) => admin.enable(req.params.id, requestActor(req)),
  );
  app.get(
    '/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, summary: '审计日志（只读）', querystring: zAuditListQuery, response: { 200: pageOf(zAuditRow) } },
    },
    async (req) => admin.listAudit(req.query),
  );
};
