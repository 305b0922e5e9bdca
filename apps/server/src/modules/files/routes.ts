import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zFileRef, zIdParams } from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { MAX_FILE_BYTES } from './storage';
import { toFileRef, type FileService } from './service';

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so Chinese names survive. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const INLINE_FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export const fileRoutes: FastifyPluginAsyncZod<{ files: FileService; uploadsPerMinute: number }> = async (app, { files, uploadsPerMinute }) => {
  const tags = ['文件'];

  app.post(
    '/files',
    {
      config: {
        access: { permission: 'file.upload', allowUncertified: true },
        // per account (not per IP), counted once the session is known: every attempt, refused ones too
        rateLimit: {
          max: uploadsPerMinute,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req) => `file-upload:${currentUser(req).id}`,
          errorResponseBuilder: (_req, ctx) =>
            new AppError('RATE_LIMITED', `上传过于频繁：每个账户每分钟最多上传 ${uploadsPerMinute} 个文件，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再上传`),
        },
      },
      schema: {
        tags,
        summary: '上传文件（multipart，字段 file；PDF/JPG/PNG，≤100MB）',
        consumes: ['multipart/form-data'],
        response: { 201: zFileRef },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 上传文件');
      const length = Number(req.headers['content-length']);
      await files.checkRoom(currentUser(req), Number.isFinite(length) ? length : undefined);
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      } catch (err) {
        // busboy's own errors ("Boundary not found", "Unexpected end of form") carry no status: the body is malformed
        if ((err as { statusCode?: number }).statusCode) throw err;
        throw new AppError('BAD_REQUEST', '上传内容格式不正确，请重新选择文件上传');
      }
      if (!part) throw new AppError('BAD_REQUEST', '请选择要上传的文件');
      const row = await files.upload(currentUser(req), part.file, part.filename, requestActor(req));
      return reply.code(201).send(toFileRef(row));
    },
  );

  app.get(
    '/files/:id',
    {
      config: { access: { permission: 'file.read', allowUncertified: true } },
      schema: {
        tags,
        summary: '下载文件（?inline=1 在浏览器中查看）',
        params: zIdParams,
        querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
      },
    },
    async (req, reply) => {
      const { file, stream } = await files.open(currentUser(req), req.params.id);
      // ?inline=1 is also shown inside the platform's own pages (a reviewer reads the letter beside
      // the form, ADR 023): framing by the same origin only, and nothing in the file may load
      // anything (an uploaded PDF carries no script, files/inspect.ts)
      if (req.query.inline === '1') reply.header('content-security-policy', INLINE_FILE_CSP).header('x-frame-options', 'SAMEORIGIN');
      reply
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(req.query.inline === '1' ? 'inline' : 'attachment', file.originalName))
        .header('cache-control', 'private, no-store');
      return reply.send(stream);
    },
  );
};
