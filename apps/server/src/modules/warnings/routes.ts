import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zWarningExportQuery, zWarningListQuery, zWarningPage } from '@benxi/shared';
import { currentUser } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel } from '../../platform/excel';
import { WARNING_EXPORT_COLUMNS, type WarningService } from './service';

export const warningRoutes: FastifyPluginAsyncZod<{ warnings: WarningService }> = async (app, { warnings }) => {
  const tags = ['预警'];
  const read = { access: { permission: 'warning.read' as const } };
  app.get(
    '/warnings',
    { config: read, schema: { tags, summary: '预警列表（企业：本企业；人社/主管部门：辖区；银行/保险：待其处理的）', querystring: zWarningListQuery, response: { 200: zWarningPage } } },
    async (req) => warnings.list(currentUser(req), req.query),
  );
  app.get('/warnings/export', { config: read, schema: { tags, summary: '导出预警列表（Excel）', querystring: zWarningExportQuery } }, async (req, reply) => {
    const stream = streamExcel('预警', WARNING_EXPORT_COLUMNS, warnings.iterate(currentUser(req), req.query));
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(`预警-${shanghaiDate(new Date())}.xlsx`));
    return reply.send(stream);
  });
};
