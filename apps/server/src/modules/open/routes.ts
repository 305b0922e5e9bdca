import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPEN_CLIENT_ORG_TYPES, zApiClient, zApiClientList, zCreateApiClient, zIdParams, zOpenEvents, zOpenEventsQuery, zPlatformKey } from '@benxi/shared';
import type { Db } from '../../db/client';
import { currentUser, openPrincipal, requestActor } from '../../platform/access';
import type { ApiClientService } from './clients';
import { listOpenEvents } from './events';

const tags = ['开放接口（银行、保险公司）'];

/** `/api/open/v1`: the routes of the open API that belong to no workflow (SPEC §13). */
export const openRoutes: FastifyPluginAsyncZod<{ db: Db; platformPublicKey: string }> = async (app, { db, platformPublicKey }) => {
  app.get(
    '/open/v1/platform-key',
    {
      config: { access: { public: true } },
      schema: { tags, summary: '平台 SM2 公钥（用于验证平台对每个响应的签名；本接口不签名）', security: [], response: { 200: zPlatformKey } },
    },
    async () => ({ publicKey: platformPublicKey }),
  );

  app.get(
    '/open/v1/events',
    {
      config: { access: { open: OPEN_CLIENT_ORG_TYPES } },
      schema: {
        tags,
        summary: '事件（拉取）：本机构的新任务，按游标顺序；下次以 next 作为 after 继续',
        querystring: zOpenEventsQuery,
        response: { 200: zOpenEvents },
      },
    },
    async (req) => listOpenEvents(db, openPrincipal(req), req.query.after, req.query.limit),
  );
};

/** 开放接口 page of the operator. */
export const apiClientAdminRoutes: FastifyPluginAsyncZod<{ clients: ApiClientService }> = async (app, { clients }) => {
  const config = { access: { permission: 'openapi.manage' as const } };
  const admin = ['平台运营'];
  app.get('/admin/api-clients', { config, schema: { tags: admin, summary: '开放接口客户端列表', response: { 200: zApiClientList } } }, async () => clients.list());
  app.get(
    '/admin/api-clients/organizations',
    {
      config,
      schema: {
        tags: admin,
        summary: '可注册开放接口客户端的机构（银行、保险公司）',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string().nullable(), type: z.enum(OPEN_CLIENT_ORG_TYPES) })) }) },
      },
    },
    async () => clients.organizations(),
  );
  app.post(
    '/admin/api-clients',
    { config, schema: { tags: admin, summary: '注册开放接口客户端（机构 + SM2 公钥；appId 由平台生成）', body: zCreateApiClient, response: { 201: zApiClient } } },
    async (req, reply) => reply.code(201).send(await clients.register(currentUser(req), req.body, requestActor(req))),
  );
  app.post(
    '/admin/api-clients/:id/disable',
    { config, schema: { tags: admin, summary: '停用开放接口客户端（立即生效）', params: zIdParams, response: { 200: zApiClient } } },
    async (req) => clients.disable(currentUser(req), req.params.id, requestActor(req)),
  );
};
