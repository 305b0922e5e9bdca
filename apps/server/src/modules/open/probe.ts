import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zOpenFile } from '@benxi/shared';
import type { Db } from '../../db/client';
import { openPrincipal } from '../../platform/access';
import { requireAccess } from '../../platform/scope';
import type { FileService } from '../files/service';
import { readOpenFile } from './files';

/**
 * Tests only (OPEN_TEST_PROBE=true, like OUTBOX_TEST_PROBE): open routes with a body, a file and a
 * scoped object, so that the layer is tested before the workflows add their routes. Never registered
 * otherwise; the access, scope and fuzz tests do not see them.
 */
export const openProbeRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileService }> = async (app, { db, files }) => {
  const body = z.object({ text: z.string().max(100).optional(), file: zOpenFile('测试文件').optional() });
  const answer = z.object({ role: z.string(), orgId: z.string(), appId: z.string(), text: z.string().nullable(), fileId: z.string().nullable() });
  const handler = async (req: { body: z.infer<typeof body>; ip: string } & Parameters<typeof openPrincipal>[0]) => {
    const client = openPrincipal(req);
    const fileId = req.body.file ? await readOpenFile({ files }, req.body.file, client, { label: '测试文件', ip: req.ip }) : null;
    return { role: client.role, orgId: client.orgId, appId: client.appId, text: req.body.text ?? null, fileId };
  };
  app.post('/open/v1/test-probe', { config: { access: { open: ['bank', 'insurer'] } }, schema: { body, response: { 200: answer } } }, (req) => handler(req));
  app.post('/open/v1/test-probe/insurer', { config: { access: { open: ['insurer'] } }, schema: { body, response: { 200: answer } } }, (req) => handler(req));
  // a file in the client's scope, as platform/scope.ts sees a portal user of the same organisation
  app.get('/open/v1/test-probe/files/:id', { config: { access: { open: ['bank', 'insurer'] } }, schema: { params: zIdParams, response: { 200: z.object({ id: z.string() }) } } }, async (req) => {
    await requireAccess(db, openPrincipal(req), 'file', req.params.id);
    return { id: req.params.id };
  });
};
