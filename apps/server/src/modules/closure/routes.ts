import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cancellationStatusLabels,
  depositStatusLabels,
  filingStatusLabels,
  formatDateTime,
  pageOf,
  zAuditCheckItem,
  zAuditCheckQuery,
  zCancellation,
  zCancellationExportQuery,
  zCancellationIdParams,
  zCancellationListQuery,
  zCancellationRequest,
  zConfirmReturn,
  zFiling,
  zFilingExportQuery,
  zFilingIdParams,
  zFilingListQuery,
  zProjectClosure,
  zProjectIdParams,
  zRejectReason,
  zReturnConfirmation,
  zReturnIdParams,
  zReturnListQuery,
  zSubmitFiling,
  type TAuditCheckItem,
  type TCancellation,
  type TFiling,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import type { ClosureService } from './service';

const FILING_COLUMNS: ExcelColumn<TFiling>[] = [
  { header: '工程名称', width: 30, value: (f) => f.projectName },
  { header: '工程编号', width: 22, value: (f) => f.projectId },
  { header: '备案类型', width: 16, value: (f) => f.typeLabel },
  { header: '申请状态', width: 10, value: (f) => filingStatusLabels[f.status] },
  { header: '行业主管单位名称', width: 30, value: (f) => f.authorityName },
  { header: '主管地区', width: 14, value: (f) => f.regionName },
  { header: '申请时间', width: 20, value: (f) => formatDateTime(f.submittedAt) },
  { header: '审核期限', width: 12, value: (f) => f.deadline },
  { header: '驳回原因', width: 30, value: (f) => f.rejectReason ?? '' },
];
const CANCELLATION_COLUMNS: ExcelColumn<TCancellation>[] = [
  { header: '工程名称', width: 30, value: (c) => c.projectName },
  { header: '工程编号', width: 22, value: (c) => c.projectId },
  { header: '施工总包单位', width: 30, value: (c) => c.enterpriseName },
  { header: '申请状态', width: 10, value: (c) => cancellationStatusLabels[c.status] },
  { header: '实际竣工日期', width: 12, value: (c) => c.actualCompletion },
  { header: '公示起始日期', width: 12, value: (c) => c.publicityStart },
  { header: '申请时间', width: 20, value: (c) => formatDateTime(c.submittedAt) },
  { header: '审核期限', width: 12, value: (c) => c.deadline },
  { header: '确认书编号', width: 28, value: (c) => c.documentNo ?? '' },
];
const CHECK_COLUMNS: ExcelColumn<TAuditCheckItem>[] = [
  { header: '工程名称', width: 30, value: (p) => p.projectName },
  { header: '工程编号', width: 22, value: (p) => p.projectId },
  { header: '施工总包单位', width: 30, value: (p) => p.enterpriseName },
  { header: '主管地区', width: 14, value: (p) => p.regionName },
  { header: '实际竣工日期', width: 12, value: (p) => p.actualCompletion },
  { header: '竣工天数', width: 10, value: (p) => p.daysSinceCompletion },
  { header: '保证金状态', width: 12, value: (p) => depositStatusLabels[p.depositStatus] },
];

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const closureRoutes: FastifyPluginAsyncZod<{ closure: ClosureService }> = async (app, { closure }) => {
  const filingTags = ['备案申请'];
  const cancelTags = ['注销管理'];
  const fRead = { access: { permission: 'filing.read' as const } };
  const fApply = { access: { permission: 'filing.apply' as const } };
  const fReview = { access: { permission: 'filing.review' as const } };
  const cRead = { access: { permission: 'cancellation.read' as const } };
  const cApply = { access: { permission: 'cancellation.apply' as const } };
  const cReview = { access: { permission: 'cancellation.review' as const } };
  const rConfirm = { access: { permission: 'return.confirm' as const } };

  app.get(
    '/projects/:id/closure',
    { config: fRead, schema: { tags: filingTags, summary: '项目的备案与注销状态（发起备案 / 保证金注销申请 的可用操作）', params: zProjectIdParams, response: { 200: zProjectClosure } } },
    async (req) => closure.closure(currentUser(req), req.params.id),
  );

  // ——— 备案 ———
  app.post(
    '/filings',
    { config: fApply, schema: { tags: filingTags, summary: '发起备案（已缴纳或已缓缴；免缴无需备案）', body: zSubmitFiling, response: { 201: zFiling } } },
    async (req, reply) => reply.code(201).send(await closure.submitFiling(currentUser(req), req.body.projectId, requestActor(req))),
  );
  app.get(
    '/filings',
    { config: fRead, schema: { tags: filingTags, summary: '备案申请列表；queue=1 为人社审核队列（最早在前）', querystring: zFilingListQuery, response: { 200: pageOf(zFiling) } } },
    async (req) => closure.listFilings(currentUser(req), req.query),
  );
  app.get('/filings/export', { config: fRead, schema: { tags: filingTags, summary: '导出备案申请（Excel）', querystring: zFilingExportQuery } }, async (req, reply) => {
    reply.header('content-type', xlsx).header('content-disposition', attachmentHeader(`备案申请-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(streamExcel('备案申请', FILING_COLUMNS, closure.iterateFilings(currentUser(req), req.query)));
  });
  app.get(
    '/filings/:id',
    { config: fRead, schema: { tags: filingTags, summary: '备案申请详情', params: zFilingIdParams, response: { 200: zFiling } } },
    async (req) => closure.getFiling(currentUser(req), req.params.id),
  );
  app.post(
    '/filings/:id/approve',
    { config: fReview, schema: { tags: filingTags, summary: '备案审核通过', params: zFilingIdParams, response: { 200: zFiling } } },
    async (req) => closure.approveFiling(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/filings/:id/reject',
    { config: fReview, schema: { tags: filingTags, summary: '备案审核驳回', params: zFilingIdParams, body: zRejectReason, response: { 200: zFiling } } },
    async (req) => closure.rejectFiling(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );

  // ——— 注销 ———
  app.get('/projects/:id/cancellation-form', { config: cApply, schema: { tags: cancelTags, summary: '下载注销申请表模板（PDF）', params: zProjectIdParams } }, async (req, reply) => {
    const { pdf, fileName } = await closure.formTemplatePdf(currentUser(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentHeader(fileName)).send(pdf);
  });
  app.post(
    '/cancellations',
    { config: cApply, schema: { tags: cancelTags, summary: '保证金注销申请（竣工项目，公示满30天）', body: zCancellationRequest, response: { 201: zCancellation } } },
    async (req, reply) => reply.code(201).send(await closure.submitCancellation(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/cancellations',
    { config: cRead, schema: { tags: cancelTags, summary: '注销申请列表；queue=1 为人社审核队列（最早在前）', querystring: zCancellationListQuery, response: { 200: pageOf(zCancellation) } } },
    async (req) => closure.listCancellations(currentUser(req), req.query),
  );
  app.get('/cancellations/export', { config: cRead, schema: { tags: cancelTags, summary: '导出注销申请（Excel）', querystring: zCancellationExportQuery } }, async (req, reply) => {
    reply.header('content-type', xlsx).header('content-disposition', attachmentHeader(`注销申请-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(streamExcel('注销申请', CANCELLATION_COLUMNS, closure.iterateCancellations(currentUser(req), req.query)));
  });
  app.get(
    '/cancellations/:id',
    { config: cRead, schema: { tags: cancelTags, summary: '注销申请详情', params: zCancellationIdParams, response: { 200: zCancellation } } },
    async (req) => closure.getCancellation(currentUser(req), req.params.id),
  );
  app.get('/cancellations/:id/confirmation.pdf', { config: cRead, schema: { tags: cancelTags, summary: '下载《工资保证金返还（销户）确认书》（PDF）', params: zCancellationIdParams } }, async (req, reply) => {
    const { pdf, fileName } = await closure.confirmationPdf(currentUser(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', attachmentHeader(fileName)).send(pdf);
  });
  app.post(
    '/cancellations/:id/approve',
    { config: cReview, schema: { tags: cancelTags, summary: '注销审核通过（释放保函保单，出具确认书）', params: zCancellationIdParams, response: { 200: zCancellation } } },
    async (req) => closure.approveCancellation(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/cancellations/:id/reject',
    { config: cReview, schema: { tags: cancelTags, summary: '注销审核驳回（书面说明原因）', params: zCancellationIdParams, body: zRejectReason, response: { 200: zCancellation } } },
    async (req) => closure.rejectCancellation(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );

  // ——— 返还确认 (the bank) ———
  app.get(
    '/return-confirmations',
    { config: cRead, schema: { tags: cancelTags, summary: '返还（销户）确认书列表（银行：本行待返还在前）', querystring: zReturnListQuery, response: { 200: pageOf(zReturnConfirmation) } } },
    async (req) => closure.listReturns(currentUser(req), req.query),
  );
  app.get(
    '/return-confirmations/:id',
    { config: cRead, schema: { tags: cancelTags, summary: '返还（销户）确认书详情', params: zReturnIdParams, response: { 200: zReturnConfirmation } } },
    async (req) => closure.getReturn(currentUser(req), req.params.id),
  );
  app.post(
    '/return-confirmations/:id/confirm',
    { config: rConfirm, schema: { tags: cancelTags, summary: '返还确认（现金：返还日期、本金、利息；保函：原件已退还）', params: zReturnIdParams, body: zConfirmReturn, response: { 200: zReturnConfirmation } } },
    async (req) => closure.confirmReturn(currentUser(req), req.params.id, req.body, requestActor(req)),
  );

  // ——— 清查 (hrss) ———
  app.get(
    '/audit-checks',
    { config: cReview, schema: { tags: cancelTags, summary: '清查：已竣工但保证金未注销的项目（竣工最早在前）', querystring: zAuditCheckQuery, response: { 200: pageOf(zAuditCheckItem) } } },
    async (req) => closure.auditCheck(currentUser(req), req.query),
  );
  app.get('/audit-checks/export', { config: cReview, schema: { tags: cancelTags, summary: '导出清查清单（Excel）', querystring: zAuditCheckQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    reply.header('content-type', xlsx).header('content-disposition', attachmentHeader(`清查清单-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(streamExcel('清查清单', CHECK_COLUMNS, closure.iterateAuditCheck(currentUser(req), req.query)));
  });
};
