import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zAdminDictionaries,
  zCreateDictItem,
  zCreateMapping,
  zCreateOrganization,
  zCreateUser,
  zIdParams,
  zOk,
  zOrganization,
  zOrganizationListQuery,
  zRegionParams,
  zUpdateDictItem,
  zUpdateOrganization,
  zUpdateRegion,
  zUserRow,
} from '@benxi/shared';
import { requestActor } from '../../platform/access';
import type { AdminService } from './service';
import type { ManageService } from './manage';

export const manageRoutes: FastifyPluginAsyncZod<{ manage: ManageService; admin: AdminService }> = async (app, { manage, admin }) => {
  const dict = { access: { permission: 'dictionary.manage' as const } };
  const orgs = { access: { permission: 'organization.manage' as const } };
  const users = { access: { permission: 'user.manage' as const } };
  const tags = ['平台运营'];

  app.get('/admin/dictionaries', { config: dict, schema: { tags, summary: '全部字典、地区与单位映射', response: { 200: zAdminDictionaries } } }, async () =>
    manage.dictionaryView(),
  );
  app.post('/admin/dict-items', { config: dict, schema: { tags, summary: '新增字典条目', body: zCreateDictItem, response: { 201: zAdminDictionaries } } }, async (req, reply) =>
    reply.code(201).send(await manage.createDictItem(req.body, requestActor(req))),
  );
  app.patch(
    '/admin/dict-items/:id',
    { config: dict, schema: { tags, summary: '修改或停用字典条目', params: zIdParams, body: zUpdateDictItem, response: { 200: zAdminDictionaries } } },
    async (req) => manage.updateDictItem(req.params.id, req.body, requestActor(req)),
  );
  app.delete(
    '/admin/dict-items/:id',
    { config: dict, schema: { tags, summary: '删除字典条目（已使用的只能停用）', params: zIdParams, response: { 200: zAdminDictionaries } } },
    async (req) => manage.deleteDictItem(req.params.id, requestActor(req)),
  );
  app.patch(
    '/admin/regions/:code',
    { config: dict, schema: { tags, summary: '修改或停用地区', params: zRegionParams, body: zUpdateRegion, response: { 200: zAdminDictionaries } } },
    async (req) => manage.updateRegion(req.params.code, req.body, requestActor(req)),
  );
  app.post(
    '/admin/supervision-mappings',
    { config: dict, schema: { tags, summary: '新增单位映射（类型、地区 → 行业主管单位 / 地区 → 人社监管单位）', body: zCreateMapping, response: { 201: zAdminDictionaries } } },
    async (req, reply) => reply.code(201).send(await manage.createMapping(req.body, requestActor(req))),
  );
  app.delete(
    '/admin/supervision-mappings/:id',
    { config: dict, schema: { tags, summary: '删除单位映射（已建项目不受影响）', params: zIdParams, response: { 200: zAdminDictionaries } } },
    async (req) => manage.deleteMapping(req.params.id, requestActor(req)),
  );

  app.get('/admin/organizations', { config: orgs, schema: { tags, summary: '单位列表', querystring: zOrganizationListQuery, response: { 200: pageOf(zOrganization) } } }, async (req) =>
    manage.listOrganizations(req.query),
  );
  app.post('/admin/organizations', { config: orgs, schema: { tags, summary: '新增单位', body: zCreateOrganization, response: { 201: zOrganization } } }, async (req, reply) =>
    reply.code(201).send(await manage.createOrganization(req.body, requestActor(req))),
  );
  app.patch(
    '/admin/organizations/:id',
    { config: orgs, schema: { tags, summary: '修改、停用单位', params: zIdParams, body: zUpdateOrganization, response: { 200: zOrganization } } },
    async (req) => manage.updateOrganization(req.params.id, req.body, requestActor(req)),
  );

  app.post('/admin/users', { config: users, schema: { tags, summary: '新增用户（初始密码以短信发送，首次登录须修改）', body: zCreateUser, response: { 201: zUserRow } } }, async (req, reply) => {
    const id = await manage.createUser(req.body, requestActor(req));
    const list = await admin.listUsers({ keyword: req.body.phone, page: 1, pageSize: 10 });
    return reply.code(201).send(list.items.find((u) => u.id === id)!);
  });
  app.post(
    '/admin/users/:id/reset-password',
    { config: users, schema: { tags, summary: '重置密码（临时密码以短信发送，同时解锁）', params: zIdParams, response: { 200: zOk } } },
    async (req) => {
      await manage.resetUserPassword(req.params.id, requestActor(req));
      return { ok: true as const };
    },
  );
};
