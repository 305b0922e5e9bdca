import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  depositStatusLabels,
  formatDateTime,
  pageOf,
  projectStatusLabels,
  zCreateProjectRequest,
  zProgressRequest,
  zProject,
  zProjectExportQuery,
  zProjectIdParams,
  zProjectListQuery,
  zProjectRow,
  zUpdateProjectRequest,
  type TProject,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import { shanghaiDate } from '../../platform/clock';
import type { ProjectService } from './service';

const EXPORT_COLUMNS: ExcelColumn<TProject>[] = [
  { header: '工程名称', width: 32, value: (p) => p.name },
  { header: '工程编号', width: 22, value: (p) => p.code },
  { header: '工程地区', width: 14, value: (p) => p.projectRegionName },
  { header: '主管地区', width: 14, value: (p) => p.regionName },
  { header: '行业主管单位', width: 30, value: (p) => p.authorityOrg.name },
  { header: '人社监管单位', width: 30, value: (p) => p.hrssOrg.name },
  { header: '施工总承包单位', width: 30, value: (p) => p.contractorName },
  { header: '施工合同金额（元）', width: 18, value: (p) => Number(p.contractAmount) },
  { header: '工程状态', width: 10, value: (p) => projectStatusLabels[p.status] },
  { header: '保证金状态', width: 12, value: (p) => depositStatusLabels[p.depositStatus] },
  { header: '创建时间', width: 20, value: (p) => formatDateTime(p.createdAt) },
];

export const projectRoutes: FastifyPluginAsyncZod<{ projects: ProjectService }> = async (app, { projects }) => {
  const tags = ['项目管理'];
  const read = { access: { permission: 'project.read' as const } };
  const write = { access: { permission: 'project.update' as const } };

  app.get(
    '/projects',
    {
      config: read,
      schema: { tags, summary: '项目列表（企业：本企业；人社/行业主管：本单位及下辖区县）', querystring: zProjectListQuery, response: { 200: pageOf(zProjectRow) } },
    },
    async (req) => projects.list(currentUser(req), req.query),
  );

  app.get(
    '/projects/export',
    { config: read, schema: { tags, summary: '导出筛选后的全部项目（Excel）', querystring: zProjectExportQuery } },
    async (req, reply) => {
      const user = currentUser(req);
      const stream = streamExcel('项目列表', EXPORT_COLUMNS, projects.iterate(user, req.query));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`项目列表-${shanghaiDate(new Date())}.xlsx`))
        .header('cache-control', 'no-store');
      return reply.send(stream);
    },
  );

  app.get(
    '/projects/:id',
    { config: read, schema: { tags, summary: '项目详情', params: zProjectIdParams, response: { 200: zProject } } },
    async (req) => projects.get(currentUser(req), req.params.id),
  );

  app.post(
    '/projects',
    {
      config: { access: { permission: 'project.create' as const } },
      schema: { tags, summary: '新建项目', body: zCreateProjectRequest, response: { 201: zProject } },
    },
    async (req, reply) => reply.code(201).send(await projects.create(currentUser(req), req.body, requestActor(req))),
  );

  app.patch(
    '/projects/:id',
    {
      config: write,
      schema: { tags, summary: '修改项目（基础信息仅在首次定额申请前可改；联系人随时可改）', params: zProjectIdParams, body: zUpdateProjectRequest, response: { 200: zProject } },
    },
    async (req) => projects.update(currentUser(req), req.params.id, req.body, requestActor(req)),
  );

  app.put(
    '/projects/:id/progress',
    {
      config: write,
      schema: { tags, summary: '编辑工程进度（实际竣工日期不晚于今天即为竣工）', params: zProjectIdParams, body: zProgressRequest, response: { 200: zProject } },
    },
    async (req) => projects.updateProgress(currentUser(req), req.params.id, req.body, requestActor(req)),
  );
};
