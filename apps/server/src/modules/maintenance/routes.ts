import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zJobRunListQuery, zJobRunRow } from '@benxi/shared';
import type { JobRunService } from './service';

export const maintenanceRoutes: FastifyPluginAsyncZod<{ jobRuns: JobRunService }> = async (app, { jobRuns }) => {
  app.get(
    '/admin/job-runs',
    {
      config: { access: { permission: 'job.read' } },
      schema: { tags: ['平台运营'], summary: '定时任务运行记录（只读）', querystring: zJobRunListQuery, response: { 200: pageOf(zJobRunRow) } },
    },
    async (req) => jobRuns.listRuns(req.query),
  );
};
