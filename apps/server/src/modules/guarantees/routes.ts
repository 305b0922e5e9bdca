import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  formatDateTime,
  guaranteeKindLabels,
  guaranteeStatusLabels,
  pageOf,
  zApproveOfflineGuarantee,
  zGuarantee,
  zGuaranteeRegisterExportQuery,
  zGuaranteeIdParams,
  zGuaranteeRegisterQuery,
  zOfflineGuarantee,
  zOfflineGuaranteeForm,
  zOfflineGuaranteeIdParams,
  zOfflineGuaranteeListQuery,
  zOfflineGuaranteeRequest,
  zProjectIdParams,
  zReturnOfflineGuarantee,
  type TGuarantee,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import type { GuaranteeService } from './service';

export const GUARANTEE_EXPORT_COLUMNS: ExcelColumn<TGuarantee>[] = [
  { header: '保函号/保单号', width: 24, value: (g) => g.number },
  { header: '类型', width: 14, value: (g) => guaranteeKindLabels[g.kind] },
  { header: '出具机构', width: 32, value: (g) => g.issuerName },
  { header: '工程名称', width: 30, value: (g) => g.projectName },
  { header: '投保人', width: 28, value: (g) => g.enterpriseName },
  { header: '金额（元）', width: 18, value: (g) => Number(g.amount) },
  { header: '期限开始', width: 12, value: (g) => g.validFrom },
  { header: '期限结束', width: 12, value: (g) => g.validTo },
  { header: '状态', width: 10, value: (g) => guaranteeStatusLabels[g.status] },
  { header: '已理赔金额（元）', width: 16, value: (g) => Number(g.claimedAmount) },
  { header: '出函日期', width: 12, value: (g) => g.issuedOn },
  { header: '登记时间', width: 20, value: (g) => formatDateTime(g.createdAt) },
];

export const guaranteeRoutes: FastifyPluginAsyncZod<{ guarantees: GuaranteeService }> = async (app, { guarantees }) => {
  const upload = { access: { permission: 'guarantee.upload' as const } };
  const review = { access: { permission: 'guarantee.review' as const } };
  const read = { access: { permission: 'guarantee.read' as const } };
  const offlineRead = { access: { permission: 'guarantee.offline-read' as const } };
  const offline = ['保单保函上传'];
  const register = ['保函管理'];

  app.get(
    '/projects/:id/offline-guarantee-form',
    { config: upload, schema: { tags: offline, summary: '保单保函上传表单所需信息（投保人、工程名称、应缴金额、承保出单机构）', params: zProjectIdParams, response: { 200: zOfflineGuaranteeForm } } },
    async (req) => guarantees.offlineForm(currentUser(req), req.params.id),
  );
  app.post(
    '/offline-guarantees',
    {
      config: upload,
      schema: {
        tags: offline,
        summary: '保单保函上传（提交人社审核；已在办理其他缴纳方式时须 confirmSwitch）',
        body: zOfflineGuaranteeRequest,
        response: { 201: zOfflineGuarantee },
      },
    },
    async (req, reply) => reply.code(201).send(await guarantees.submitOffline(currentUser(req), req.body, requestActor(req))),
  );
  app.get(
    '/offline-guarantees',
    {
      config: offlineRead,
      schema: { tags: offline, summary: '保单保函列表；queue=1 为人社审核队列（待审核，最早在前）', querystring: zOfflineGuaranteeListQuery, response: { 200: pageOf(zOfflineGuarantee) } },
    },
    async (req) => guarantees.listOffline(currentUser(req), req.query),
  );
  app.get(
    '/offline-guarantees/:id',
    { config: offlineRead, schema: { tags: offline, summary: '保单保函详情（含保函文件）', params: zOfflineGuaranteeIdParams, response: { 200: zOfflineGuarantee } } },
    async (req) => guarantees.getOffline(currentUser(req), req.params.id),
  );
  app.post(
    '/offline-guarantees/:id/approve',
    { config: review, schema: { tags: offline, summary: '人社审核通过（登记入保函管理，保额足额时保证金已缴纳）', params: zOfflineGuaranteeIdParams, body: zApproveOfflineGuarantee, response: { 200: zOfflineGuarantee } } },
    async (req) => guarantees.approveOffline(currentUser(req), req.params.id, requestActor(req)),
  );
  app.post(
    '/offline-guarantees/:id/return',
    { config: review, schema: { tags: offline, summary: '人社审核退回（须填写退回原因）', params: zOfflineGuaranteeIdParams, body: zReturnOfflineGuarantee, response: { 200: zOfflineGuarantee } } },
    async (req) => guarantees.returnOffline(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );

  app.get(
    '/guarantees',
    { config: read, schema: { tags: register, summary: '保函管理：保函/保单列表（状态按平台日期计算）', querystring: zGuaranteeRegisterQuery, response: { 200: pageOf(zGuarantee) } } },
    async (req) => guarantees.list(currentUser(req), req.query),
  );
  app.get('/guarantees/export', { config: read, schema: { tags: register, summary: '导出保函管理列表（Excel）', querystring: zGuaranteeRegisterExportQuery } }, async (req, reply) => {
    const stream = streamExcel('保函管理', GUARANTEE_EXPORT_COLUMNS, guarantees.iterate(currentUser(req), req.query));
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(`保函管理-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(stream);
  });
  app.get(
    '/guarantees/:id',
    { config: read, schema: { tags: register, summary: '保函详情（含保函文件下载）', params: zGuaranteeIdParams, response: { 200: zGuarantee } } },
    async (req) => guarantees.get(currentUser(req), req.params.id),
  );
};
