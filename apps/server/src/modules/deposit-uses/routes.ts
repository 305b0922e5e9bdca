import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zCorrectTransferRequest,
  zDepositUse,
  zDepositUseListQuery,
  zDepositUseRequest,
  zFailTransferRequest,
  zFilterText,
  zPayTransferRequest,
  zProjectIdParams,
  zReplenishCashRequest,
  zUseCoverage,
  zUseIdParams,
  zUseWorkerImport,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import { decisionTypeLabels, depositUseStatusLabels, formatDateTime, useReplenishStatusLabels, type TDepositUse } from '@benxi/shared';
import type { DepositUseService } from './service';
import { WORKER_TEMPLATE_NAME } from './excel';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const USE_EXPORT_COLUMNS: ExcelColumn<TDepositUse>[] = [
  { header: '通知书文号', width: 26, value: (u) => u.noticeNo },
  { header: '工程名称', width: 30, value: (u) => u.projectName },
  { header: '施工总承包单位', width: 28, value: (u) => u.enterpriseName },
  { header: '行政处理决定', width: 14, value: (u) => decisionTypeLabels[u.decisionType] },
  { header: '决定书文号', width: 22, value: (u) => u.decisionNo },
  { header: '决定日期', width: 12, value: (u) => u.decisionDate },
  { header: '支付机构', width: 28, value: (u) => u.payerName },
  { header: '动用金额（元）', width: 16, value: (u) => u.amount },
  { header: '已支付（元）', width: 16, value: (u) => u.paidAmount },
  { header: '农民工人数', width: 10, value: (u) => u.workerCount },
  { header: '支付状态', width: 10, value: (u) => depositUseStatusLabels[u.status] },
  { header: '支付期限', width: 12, value: (u) => u.payDueOn },
  { header: '补足状态', width: 10, value: (u) => useReplenishStatusLabels[u.replenishStatus] },
  { header: '补足期限', width: 12, value: (u) => u.replenishDueOn },
  { header: '动用时间', width: 20, value: (u) => formatDateTime(u.createdAt) },
];

/**
 * 保证金动用 in the portal: hrss records a use (with the Excel template and import), follows the
 * payments, corrects a failed worker and confirms the replenishment; the bank or insurer the notice
 * is addressed to reports each worker's transfer; the enterprise sees its uses and replenishes.
 */
export const depositUseRoutes: FastifyPluginAsyncZod<{ uses: DepositUseService }> = async (app, { uses }) => {
  const tags = ['保证金动用'];
  const read = { access: { permission: 'use.read' as const } };
  const manage = { access: { permission: 'use.manage' as const } };
  const pay = { access: { permission: 'use.pay' as const } };
  const replenish = { access: { permission: 'use.replenish' as const } };

  app.get(
    '/use-projects',
    {
      config: manage,
      schema: {
        tags,
        summary: '可动用保证金的项目（本单位监管范围内、保证金已缴纳）',
        querystring: z.object({ name: zFilterText }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), depositStatus: z.string(), depositStatusLabel: z.string(), needsReplenish: z.boolean() })) },
      },
    },
    async (req) => uses.usableProjects(currentUser(req), req.query.name),
  );
  app.get(
    '/projects/:id/use-coverage',
    { config: manage, schema: { tags, summary: '项目当前可动用的保证金（现金存缴、保函、保单，逐项可动用金额）', params: zProjectIdParams, response: { 200: zUseCoverage } } },
    async (req) => uses.coverage(currentUser(req), req.params.id),
  );
  app.get('/use-workers/template', { config: manage, schema: { tags, summary: '下载农民工名单 Excel 模板' } }, async (_req, reply) => {
    const buf = await uses.template();
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(WORKER_TEMPLATE_NAME))
      .send(buf);
  });
  app.post(
    '/use-workers/import',
    {
      config: manage,
      schema: { tags, summary: '导入农民工名单（multipart，字段 file，.xlsx；任一行有误则整份不导入，details.rows 列出行和列）', consumes: ['multipart/form-data'], response: { 200: zUseWorkerImport } },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传 Excel 文件');
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode) throw err;
        throw new AppError('BAD_REQUEST', '上传内容格式不正确，请重新选择文件');
      }
      if (!part) throw new AppError('BAD_REQUEST', '请选择要导入的 Excel 文件');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', 'Excel 文件超过5MB，请拆分后分批导入');
        // busboy's own errors (a truncated body) carry no status: the upload is malformed
        if ((err as { statusCode?: number }).statusCode) throw err;
        throw new AppError('BAD_REQUEST', '上传内容不完整，请重新选择 Excel 文件导入');
      }
      return uses.importWorkers(bytes);
    },
  );
  app.post(
    '/deposit-uses',
    { config: manage, schema: { tags, summary: '保证金动用：行政处理决定、农民工名单，出具支付通知书', body: zDepositUseRequest, response: { 201: zDepositUse } } },
    async (req, reply) => reply.code(201).send(await uses.record(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/deposit-uses',
    { config: read, schema: { tags, summary: '保证金动用列表（人社：本单位范围；银行/保险公司：发给本机构的支付通知；企业：本企业项目）', querystring: zDepositUseListQuery, response: { 200: pageOf(zDepositUse) } } },
    async (req) => uses.list(currentUser(req), req.query),
  );
  app.get('/use-list/export', { config: read, schema: { tags, summary: '导出保证金动用列表（Excel，筛选条件同列表）', querystring: zDepositUseListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const user = currentUser(req);
    async function* batches() {
      for (let page = 1; page <= 200; page++) {
        const p = await uses.list(user, { ...req.query, page, pageSize: 100 });
        if (p.items.length) yield p.items;
        if (p.items.length < 100) return;
      }
    }
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader('保证金动用.xlsx'))
      .send(streamExcel('保证金动用', USE_EXPORT_COLUMNS, batches()));
  });
  app.get(
    '/deposit-uses/:id',
    { config: read, schema: { tags, summary: '保证金动用详情（支付通知书）', params: zUseIdParams, response: { 200: zDepositUse } } },
    async (req) => uses.get(currentUser(req), req.params.id),
  );
  app.get(
    '/deposit-uses/:id/notice.pdf',
    { config: read, schema: { tags, summary: '下载《农民工工资保证金支付通知书》（PDF；银行/保险公司留存联显示完整身份证号）', params: zUseIdParams } },
    async (req, reply) => {
      const { name, pdf } = await uses.notice(currentUser(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentHeader(name)).send(pdf);
    },
  );
  app.post(
    '/deposit-uses/:id/pay',
    { config: pay, schema: { tags, summary: '银行/保险公司：某农民工已支付（transferId、支付日期、交易流水号）', params: zUseIdParams, body: zPayTransferRequest, response: { 200: zDepositUse } } },
    async (req) =>
      uses.transfers(currentUser(req), req.params.id, [{ transferId: req.body.transferId, outcome: 'paid', paidOn: req.body.paidOn, reference: req.body.reference }], requestActor(req)),
  );
  app.post(
    '/deposit-uses/:id/fail',
    { config: pay, schema: { tags, summary: '银行/保险公司：某农民工支付失败（transferId、原因）', params: zUseIdParams, body: zFailTransferRequest, response: { 200: zDepositUse } } },
    async (req) => uses.transfers(currentUser(req), req.params.id, [{ transferId: req.body.transferId, outcome: 'failed', reason: req.body.reason }], requestActor(req)),
  );
  app.post(
    '/deposit-uses/:id/correct',
    { config: manage, schema: { tags, summary: '人社：更正支付失败的农民工收款信息（transferId、开户银行、银行卡号；重新支付）', params: zUseIdParams, body: zCorrectTransferRequest, response: { 200: zDepositUse } } },
    async (req) => uses.correct(currentUser(req), req.params.id, req.body.transferId, req.body, requestActor(req)),
  );
  app.post(
    '/deposit-uses/:id/replenish-cash',
    { config: replenish, schema: { tags, summary: '企业：以现金存缴补足（经办银行、存款协议书）', params: zUseIdParams, body: zReplenishCashRequest, response: { 200: zDepositUse } } },
    async (req) => uses.replenishCash(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
  app.post(
    '/deposit-uses/:id/confirm-replenishment',
    { config: manage, schema: { tags, summary: '人社：确认补足（解除待补足）', params: zUseIdParams, response: { 200: zDepositUse } } },
    async (req) => uses.confirmReplenishment(currentUser(req), req.params.id, requestActor(req)),
  );
};
