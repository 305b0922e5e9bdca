import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zBankOfferParams, zBankOfferRequest, zBankOption, zBankOptionsQuery, zDepositCard, zProjectIdParams } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import type { PaymentService } from './service';

/** 定额保证金 card of a project, the banks a project may use, and the operator's 银行业务 settings. */
export const paymentRoutes: FastifyPluginAsyncZod<{ payment: PaymentService }> = async (app, { payment }) => {
  const tags = ['缴纳管理'];
  app.get(
    '/projects/:id/deposit',
    {
      config: { access: { permission: 'payment.read' } },
      schema: { tags, summary: '定额保证金（缴纳方式、金额、办理进度、备案状态、可发起的缴纳）', params: zProjectIdParams, response: { 200: zDepositCard } },
    },
    async (req) => payment.card(currentUser(req), req.params.id),
  );
  app.get(
    '/projects/:id/banks',
    {
      config: { access: { permission: 'payment.apply' } },
      schema: { tags, summary: '本项目可选的经办银行（service=cash 开立专用账户 / guarantee 银行保函）', params: zProjectIdParams, querystring: zBankOptionsQuery, response: { 200: z.array(zBankOption) } },
    },
    async (req) => payment.banks(currentUser(req), req.params.id, req.query.service),
  );
  const bankOffer = zBankOption.extend({ enabled: z.boolean() });
  app.get(
    '/admin/bank-offers',
    { config: { access: { permission: 'organization.manage' } }, schema: { tags, summary: '银行业务设置（服务地区、专用账户、保函、开户须知）', response: { 200: z.array(bankOffer) } } },
    async () => payment.bankOffers(),
  );
  app.put(
    '/admin/bank-offers/:orgId',
    {
      config: { access: { permission: 'organization.manage' } },
      schema: { tags, summary: '设置银行业务', params: zBankOfferParams, body: zBankOfferRequest, response: { 200: zBankOption } },
    },
    async (req) => payment.saveBankOffer(req.params.orgId, req.body, requestActor(req)),
  );
};
