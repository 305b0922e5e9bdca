import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, zArrearsListQuery, zArrearsRecord, zCreateArrearsRecord, zIdParams, zOk, zRemoveArrearsRecord, zSetDuties } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import type { ArrearsService } from './service';

export const arrearsRoutes: FastifyPluginAsyncZod<{ arrears: ArrearsService }> = async (app, { arrears }) => {
  const tags = ['欠薪及失信记录'];
  const manage = { access: { permission: 'arrears.manage' as const } };
  app.get(
    '/arrears-records',
    { config: { access: { permission: 'arrears.read' as const } }, schema: { tags, summary: '欠薪及失信记录（本单位、下级单位和上级单位登记的）', querystring: zArrearsListQuery, response: { 200: pageOf(zArrearsRecord) } } },
    async (req) => arrears.list(currentUser(req), req.query),
  );
  app.post('/arrears-records', { config: manage, schema: { tags, summary: '登记欠薪或严重失信记录', body: zCreateArrearsRecord, response: { 201: zArrearsRecord } } }, async (req, reply) =>
    reply.code(201).send(await arrears.create(currentUser(req), req.body, requestActor(req))),
  );
  app.post(
    '/arrears-records/:id/remove',
    { config: manage, schema: { tags, summary: '移出（清偿完毕或移出名单），记录保留；只有登记单位或其上级单位可以移出', params: zIdParams, body: zRemoveArrearsRecord, response: { 200: zArrearsRecord } } },
    async (req) => arrears.remove(currentUser(req), req.params.id, req.body.removedOn, requestActor(req)),
  );
  app.get(
    '/enterprise-duties',
    {
      config: { access: { permission: 'arrears.read' as const } },
      schema: {
        tags,
        summary: '查询企业实名制和工资专用账户落实情况',
        querystring: z.object({ creditCode: z.string({ error: '请输入统一社会信用代码' }).trim().min(1, { error: '请输入统一社会信用代码' }).max(18, { error: '统一社会信用代码应为18位' }) }),
        response: { 200: z.object({ enterpriseName: z.string(), dutiesMet: z.boolean(), updatedAt: z.string().nullable() }) },
      },
    },
    async (req) => arrears.getDuties(req.query.creditCode),
  );
  app.put('/enterprise-duties', { config: manage, schema: { tags, summary: '设置企业是否落实实名制和工资专用账户', body: zSetDuties, response: { 200: zOk } } }, async (req) =>
    arrears.setDuties(currentUser(req), req.body.creditCode, req.body.dutiesMet, requestActor(req)),
  );
};
