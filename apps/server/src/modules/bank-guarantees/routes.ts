import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zGuaranteeApplication, zGuaranteeApplicationRequest, zGuaranteeIssueRequest, zGuaranteeListQuery, zPaymentIdParams, zRefuseGuarantee } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import type { BankGuaranteeService } from './service';

/** 银行保函办理 in the portal: the enterprise applies, its bank 受理 / 不受理 / 出函. */
export const bankGuaranteeRoutes: FastifyPluginAsyncZod<{ guarantees: BankGuaranteeService }> = async (app, { guarantees }) => {
  const tags = ['银行保函办理'];
  const read = { access: { permission: 'payment.read' as const } };
  const apply = { access: { permission: 'payment.apply' as const } };
  const bank = { access: { permission: 'payment.bank' as const } };

  app.post(
    '/guarantee-applications',
    {
      config: apply,
      schema: { tags, summary: '提交银行保函申请（切换缴纳方式时带 confirmSwitch）', body: zGuaranteeApplicationRequest, response: { 201: zGuaranteeApplication } },
    },
    async (req, reply) => reply.code(201).send(await guarantees.submit(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/guarantee-applications',
    { config: read, schema: { tags, summary: '银行保函申请列表；todo=1 为银行待办（最早在前）', querystring: zGuaranteeListQuery, response: { 200: pageOf(zGuaranteeApplication) } } },
    async (req) => guarantees.list(currentUser(req), req.query),
  );
  app.get(
    '/guarantee-applications/:id',
    { config: read, schema: { tags, summary: '银行保函申请详情', params: zPaymentIdParams, response: { 200: zGuaranteeApplication } } },
    async (req) => guarantees.get(currentUser(req), req.params.id),
  );
  app.post(
    '/guarantee-applications/:id/accept',
    { config: bank, schema: { tags, summary: '银行受理', params: zPaymentIdParams, response: { 200: zGuaranteeApplication } } },
    async (req) => guarantees.accept(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/guarantee-applications/:id/refuse',
    { config: bank, schema: { tags, summary: '银行不受理（填写原因）', params: zPaymentIdParams, body: zRefuseGuarantee, response: { 200: zGuaranteeApplication } } },
    async (req) => guarantees.refuse(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );
  app.post(
    '/guarantee-applications/:id/issue',
    { config: bank, schema: { tags, summary: '银行出函（保函号、出函日期、期限、金额、手续费、保函 PDF）', params: zPaymentIdParams, body: zGuaranteeIssueRequest, response: { 200: zGuaranteeApplication } } },
    async (req) => guarantees.issue(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
};
