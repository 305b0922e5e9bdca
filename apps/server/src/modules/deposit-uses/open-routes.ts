import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zOpenFailedRequest, zOpenNoParams, zOpenPaidRequest, zOpenPaymentNotice, zOpenPaymentNoticeListQuery, type TDepositUse, type TOpenPaymentNotice } from '@benxi/shared';
import { openPrincipal, requestActor } from '../../platform/access';
import type { DepositUseService } from './service';

const toOpenNotice = (u: TDepositUse): TOpenPaymentNotice => ({
  no: u.id,
  noticeNo: u.noticeNo,
  status: u.status,
  projectNo: u.projectId,
  projectName: u.projectName,
  enterpriseName: u.enterpriseName,
  hrssName: u.hrssName,
  decisionType: u.decisionType,
  decisionNo: u.decisionNo,
  decisionDate: u.decisionDate,
  instrumentType: u.instrumentType,
  instrumentNo: u.instrumentId,
  amount: u.amount,
  paidAmount: u.paidAmount,
  dueOn: u.payDueOn,
  issuedAt: u.createdAt,
  transfers: (u.transfers ?? []).map((t) => ({
    name: t.name,
    idNumber: t.idNumber,
    bankName: t.bankName,
    cardNo: t.cardNo,
    amount: t.amount,
    status: t.status,
    reference: t.reference,
    failReason: t.failReason,
    paidOn: t.paidOn,
  })),
});

/**
 * 支付通知书 through the signed open API (SPEC §13 payment-notices), for the bank or insurer it is
 * addressed to: the same command as the portal's per-worker buttons (ADR 021, 032).
 */
export const depositUseOpenRoutes: FastifyPluginAsyncZod<{ uses: DepositUseService }> = async (app, { uses }) => {
  const tags = ['开放接口（银行、保险公司）'];
  const open = { access: { open: ['bank', 'insurer'] as const } };
  app.get(
    '/open/v1/payment-notices',
    { config: open, schema: { tags, summary: '发给本机构的支付通知书（status=notified|paid）', querystring: zOpenPaymentNoticeListQuery, response: { 200: pageOf(zOpenPaymentNotice) } } },
    async (req) => {
      const p = await uses.list(openPrincipal(req), { ...req.query, projectName: undefined, noticeNo: undefined });
      return { ...p, items: p.items.map(toOpenNotice) };
    },
  );
  app.get(
    '/open/v1/payment-notices/:no/notice',
    {
      config: open,
      schema: { tags, summary: '《农民工工资保证金支付通知书》PDF（银行/保险公司留存联，完整身份证号；JSON 内 Base64）', params: zOpenNoParams, response: { 200: z.object({ name: z.string(), contentBase64: z.string() }) } },
    },
    async (req) => {
      const { name, pdf } = await uses.notice(openPrincipal(req), req.params.no);
      return { name, contentBase64: pdf.toString('base64') };
    },
  );
  app.post(
    '/open/v1/payment-notices/:no/paid',
    {
      config: open,
      schema: { tags, summary: '已支付 { paidOn, transfers: [{ idNumber, amount, reference }] }（按农民工身份证号，金额须与通知书一致）', params: zOpenNoParams, body: zOpenPaidRequest, response: { 200: zOpenPaymentNotice } },
    },
    async (req) =>
      toOpenNotice(
        await uses.transfers(
          openPrincipal(req),
          req.params.no,
          req.body.transfers.map((t) => ({ idNumber: t.idNumber, outcome: 'paid' as const, paidOn: req.body.paidOn, reference: t.reference, amount: t.amount })),
          requestActor(req),
        ),
      ),
  );
  app.post(
    '/open/v1/payment-notices/:no/failed',
    { config: open, schema: { tags, summary: '支付失败 { transfers: [{ idNumber, reason }] }（人社部门更正后重新支付）', params: zOpenNoParams, body: zOpenFailedRequest, response: { 200: zOpenPaymentNotice } } },
    async (req) =>
      toOpenNotice(await uses.transfers(openPrincipal(req), req.params.no, req.body.transfers.map((t) => ({ idNumber: t.idNumber, outcome: 'failed' as const, reason: t.reason })), requestActor(req))),
  );
};
