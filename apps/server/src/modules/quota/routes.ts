import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applyTypeLabels,
  formatDateTime,
  pageOf,
  payMethodLabels,
  quotaStatusLabels,
  zApproveQuota,
  zQuotaApplication,
  zQuotaExportQuery,
  zQuotaIdParams,
  zQuotaListQuery,
  zQuotaPreview,
  zQuotaPreviewRequest,
  zQuotaRequest,
  zRejectQuota,
  type TQuotaApplication,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import type { QuotaService } from './service';

const EXPORT_COLUMNS: ExcelColumn<TQuotaApplication>[] = [
  { header: '工程名称', width: 30, value: (q) => q.projectName },
  { header: '工程编号', width: 22, value: (q) => q.projectId },
  { header: '申请批次号', width: 22, value: (q) => q.batchNo },
  { header: '保证金应缴金额（元）', width: 18, value: (q) => Number(q.appliedAmount) },
  { header: '规定应缴金额（元）', width: 18, value: (q) => Number(q.requirement.requiredAmount) },
  { header: '申请类型', width: 10, value: (q) => applyTypeLabels[q.applyType] },
  { header: '缴纳方式', width: 10, value: (q) => (q.payMethod ? payMethodLabels[q.payMethod] : '-') },
  { header: '申请状态', width: 10, value: (q) => quotaStatusLabels[q.status] },
  { header: '施工总包单位', width: 30, value: (q) => q.contractorName },
  { header: '主管地区', width: 14, value: (q) => q.regionName },
  { header: '申请时间', width: 20, value: (q) => formatDateTime(q.submittedAt) },
];

export const quotaRoutes: FastifyPluginAsyncZod<{ quota: QuotaService }> = async (app, { quota }) => {
  const tags = ['定额申请'];
  const read = { access: { permission: 'quota.read' as const } };
  const apply = { access: { permission: 'quota.apply' as const } };
  const review = { access: { permission: 'quota.review' as const } };

  app.post(
    '/quota-applications/preview',
    { config: read, schema: { tags, summary: '按规定计算应缴比例与金额（含依据）', body: zQuotaPreviewRequest, response: { 200: zQuotaPreview } } },
    async (req) => quota.preview(currentUser(req), req.body),
  );
  app.post(
    '/quota-applications',
    { config: apply, schema: { tags, summary: '提交定额申请（驳回后修改重提时带 previousId）', body: zQuotaRequest, response: { 201: zQuotaApplication } } },
    async (req, reply) => reply.code(201).send(await quota.submit(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/quota-applications',
    { config: read, schema: { tags, summary: '定额申请列表；queue=1 为人社审核队列（最早在前）', querystring: zQuotaListQuery, response: { 200: pageOf(zQuotaApplication) } } },
    async (req) => quota.list(currentUser(req), req.query),
  );
  app.get('/quota-applications/export', { config: read, schema: { tags, summary: '导出定额申请（Excel）', querystring: zQuotaExportQuery } }, async (req, reply) => {
    const stream = streamExcel('定额申请', EXPORT_COLUMNS, quota.iterate(currentUser(req), req.query));
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(`定额申请-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(stream);
  });
  app.get(
    '/quota-applications/:id',
    { config: read, schema: { tags, summary: '定额申请详情（含规则计算、企业记录、附件）', params: zQuotaIdParams, response: { 200: zQuotaApplication } } },
    async (req) => quota.get(currentUser(req), req.params.id),
  );
  app.post(
    '/quota-applications/:id/withdraw',
    { config: apply, schema: { tags, summary: '撤回申请中的定额申请', params: zQuotaIdParams, response: { 200: zQuotaApplication } } },
    async (req) => quota.withdraw(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/quota-applications/:id/approve',
    { config: review, schema: { tags, summary: '人社审核通过（可核定金额）', params: zQuotaIdParams, body: zApproveQuota, response: { 200: zQuotaApplication } } },
    async (req) => quota.approve(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
  app.post(
    '/quota-applications/:id/reject',
    { config: review, schema: { tags, summary: '人社审核驳回', params: zQuotaIdParams, body: zRejectQuota, response: { 200: zQuotaApplication } } },
    async (req) => quota.reject(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );
};
