import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zInsuranceApplicationRequest,
  zInsuranceApplicationResult,
  zInsuranceApproveRequest,
  zInsuranceIdParams,
  zInsuranceInvoiceRequest,
  zInsuranceInvoiceUpload,
  zInsuranceOrder,
  zInsuranceOrderListQuery,
  zInsurancePolicyRequest,
  zInsuranceProduct,
  zInsuranceProductListQuery,
  zInsuranceProductRequest,
  zInsuranceQuoteQuery,
  zInsuranceQuotes,
  zInsuranceRefuseRequest,
  zInsuranceVoucherRequest,
  zInsurer,
  zInsurerAccountRequest,
  zInsurerParams,
  zPaymentIdParams,
} from '@benxi/shared';
import { formatDateTime, insuranceOrderStatusLabels, type TInsuranceOrder } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import type { InsuranceService } from './service';

export const INSURANCE_EXPORT_COLUMNS: ExcelColumn<TInsuranceOrder>[] = [
  { header: '订单编号', width: 22, value: (o) => o.id },
  { header: '业务流水号', width: 20, value: (o) => o.businessNo },
  { header: '工程名称', width: 30, value: (o) => o.projectName },
  { header: '被保险人', width: 28, value: (o) => o.insuredName },
  { header: '保险公司', width: 32, value: (o) => o.insurerName },
  { header: '保险金额（元）', width: 16, value: (o) => Number(o.amount) },
  { header: '保障开始', width: 12, value: (o) => o.startOn },
  { header: '保障结束', width: 12, value: (o) => o.endOn },
  { header: '保费（元）', width: 14, value: (o) => Number(o.finalPremium ?? o.referencePremium) },
  { header: '状态', width: 12, value: (o) => insuranceOrderStatusLabels[o.status] },
  { header: '保单号', width: 22, value: (o) => o.policyNo ?? '' },
  { header: '提交时间', width: 20, value: (o) => formatDateTime(o.submittedAt) },
];

/** 保险办理 in the portal (ADR 024): the catalogue (admin), the enterprise's 投保 and orders, the insurer's 核保 … 发票. */
export const insuranceRoutes: FastifyPluginAsyncZod<{ insurance: InsuranceService }> = async (app, { insurance }) => {
  const tags = ['保险办理'];
  const catalogue = { access: { permission: 'insurance.catalogue' as const } };
  const read = { access: { permission: 'insurance.read' as const } };
  const apply = { access: { permission: 'insurance.apply' as const } };
  const insurer = { access: { permission: 'insurance.insurer' as const } };

  // ---- the catalogue
  app.get('/insurance/insurers', { config: catalogue, schema: { tags, summary: '保险公司及收款账户', response: { 200: z.array(zInsurer) } } }, async () => insurance.listInsurers());
  app.put(
    '/insurance/insurers/:orgId/account',
    { config: catalogue, schema: { tags, summary: '设置保险公司收款账户（开户名、开户银行、银行账号）', params: zInsurerParams, body: zInsurerAccountRequest, response: { 200: zInsurer } } },
    async (req) => insurance.setAccount(req.params.orgId, req.body, requestActor(req)),
  );
  app.get(
    '/insurance/products',
    { config: catalogue, schema: { tags, summary: '保险产品列表', querystring: zInsuranceProductListQuery, response: { 200: pageOf(zInsuranceProduct) } } },
    async (req) => insurance.listProducts(req.query),
  );
  app.post(
    '/insurance/products',
    { config: catalogue, schema: { tags, summary: '新增保险产品', body: zInsuranceProductRequest, response: { 201: zInsuranceProduct } } },
    async (req, reply) => reply.code(201).send(await insurance.createProduct(currentUser(req), req.body, requestActor(req))),
  );
  app.put(
    '/insurance/products/:id',
    { config: catalogue, schema: { tags, summary: '修改保险产品', params: zInsuranceIdParams, body: zInsuranceProductRequest, response: { 200: zInsuranceProduct } } },
    async (req) => insurance.updateProduct(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
  app.post(
    '/insurance/products/:id/withdraw',
    { config: catalogue, schema: { tags, summary: '下架保险产品（已下单的订单不受影响）', params: zInsuranceIdParams, response: { 200: zInsuranceProduct } } },
    async (req) => insurance.withdrawProduct(req.params.id, requestActor(req)),
  );

  // ---- the enterprise
  app.get(
    '/projects/:id/insurance-quotes',
    { config: apply, schema: { tags, summary: '可投保的保险公司及参考保费', params: zPaymentIdParams, querystring: zInsuranceQuoteQuery, response: { 200: zInsuranceQuotes } } },
    async (req) => insurance.quotes(currentUser(req), req.params.id, req.query),
  );
  app.post(
    '/insurance-applications',
    { config: apply, schema: { tags, summary: '提交投保订单（每家保险公司一个订单；切换缴纳方式时带 confirmSwitch）', body: zInsuranceApplicationRequest, response: { 201: zInsuranceApplicationResult } } },
    async (req, reply) => reply.code(201).send(await insurance.submit(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/insurance-orders',
    { config: read, schema: { tags, summary: '投保订单列表；todo=1 为保险公司待办（最早在前）', querystring: zInsuranceOrderListQuery, response: { 200: pageOf(zInsuranceOrder) } } },
    async (req) => insurance.list(currentUser(req), req.query),
  );
  app.get(
    '/insurance-orders/export',
    { config: read, schema: { tags, summary: '导出投保订单（Excel，筛选同列表）', querystring: zInsuranceOrderListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const stream = streamExcel('投保订单', INSURANCE_EXPORT_COLUMNS, insurance.iterate(currentUser(req), req.query));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`投保订单-${shanghaiDate(new Date())}.xlsx`));
      return reply.send(stream);
    },
  );
  app.get(
    '/insurance-orders/:id',
    { config: read, schema: { tags, summary: '投保订单详情', params: zInsuranceIdParams, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.get(currentUser(req), req.params.id),
  );
  app.post(
    '/insurance-orders/:id/pay',
    { config: apply, schema: { tags, summary: '立即支付（其他订单自动关闭）', params: zInsuranceIdParams, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.pay(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/close',
    { config: apply, schema: { tags, summary: '关闭订单', params: zInsuranceIdParams, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.close(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/voucher',
    { config: apply, schema: { tags, summary: '上传支付凭证', params: zInsuranceIdParams, body: zInsuranceVoucherRequest, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.voucher(currentUser(req), req.params.id, req.body.voucherFileId, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/invoice-request',
    { config: apply, schema: { tags, summary: '申请发票（抬头、税号、邮箱）', params: zInsuranceIdParams, body: zInsuranceInvoiceRequest, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.requestInvoice(currentUser(req), req.params.id, req.body, requestActor(req)),
  );

  // ---- the insurer
  app.post(
    '/insurance-orders/:id/approve',
    { config: insurer, schema: { tags, summary: '核保通过（最终费率、保费）', params: zInsuranceIdParams, body: zInsuranceApproveRequest, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.approve(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/refuse',
    { config: insurer, schema: { tags, summary: '核保不通过（填写原因）', params: zInsuranceIdParams, body: zInsuranceRefuseRequest, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.refuse(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/confirm-payment',
    { config: insurer, schema: { tags, summary: '收款确认', params: zInsuranceIdParams, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.confirmPayment(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/issue-policy',
    { config: insurer, schema: { tags, summary: '出单（保单号、保险期间、保单 PDF）', params: zInsuranceIdParams, body: zInsurancePolicyRequest, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.issuePolicy(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
  app.post(
    '/insurance-orders/:id/invoice',
    { config: insurer, schema: { tags, summary: '上传发票', params: zInsuranceIdParams, body: zInsuranceInvoiceUpload, response: { 200: zInsuranceOrder } } },
    async (req) => insurance.invoice(currentUser(req), req.params.id, req.body.invoiceFileId, requestActor(req)),
  );
};
