import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zCashConfirmRequest, zCashDeposit, zCashDepositListQuery, zCashDepositRequest, zPaymentIdParams } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import type { CashDepositService } from './service';

/** 现金存缴 in the portal: the enterprise submits, its bank confirms arrivals; everyone in scope reads. */
export const cashDepositRoutes: FastifyPluginAsyncZod<{ cash: CashDepositService }> = async (app, { cash }) => {
  const tags = ['现金存缴'];
  const read = { access: { permission: 'payment.read' as const } };
  const apply = { access: { permission: 'payment.apply' as const } };
  const bank = { access: { permission: 'payment.bank' as const } };

  app.post(
    '/cash-deposits',
    {
      config: apply,
      schema: { tags, summary: '提交现金存缴（选择经办银行、上传存款协议书；切换缴纳方式时带 confirmSwitch）', body: zCashDepositRequest, response: { 201: zCashDeposit } },
    },
    async (req, reply) => reply.code(201).send(await cash.submit(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/cash-deposits',
    { config: read, schema: { tags, summary: '现金存缴列表；todo=1 为银行待办（最早在前）', querystring: zCashDepositListQuery, response: { 200: pageOf(zCashDeposit) } } },
    async (req) => cash.list(currentUser(req), req.query),
  );
  app.get(
    '/cash-deposits/:id',
    { config: read, schema: { tags, summary: '现金存缴详情（到账记录、差额/超额）', params: zPaymentIdParams, response: { 200: zCashDeposit } } },
    async (req) => cash.get(currentUser(req), req.params.id),
  );
  app.post(
    '/cash-deposits/:id/confirm',
    { config: bank, schema: { tags, summary: '银行确认到账（账号、金额、到账日期、付款人名称、凭证）', params: zPaymentIdParams, body: zCashConfirmRequest, response: { 200: zCashDeposit } } },
    async (req) => cash.confirm(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
};
