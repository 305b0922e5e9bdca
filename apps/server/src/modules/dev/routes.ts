import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zSmsOutbox, zSmsOutboxQuery } from '@benxi/shared';
import type { Db } from '../../db/client';
import { readConsoleOutbox } from '../../platform/sms/console';

/** Registered only while the console SMS provider is configured (development and tests). */
export const devRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/dev/sms-outbox',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['开发'],
        summary: '开发短信：控制台短信通道发出的验证码，最新在前',
        querystring: zSmsOutboxQuery,
        response: { 200: zSmsOutbox },
      },
    },
    async (req) => {
      const rows = await readConsoleOutbox(db, req.query.phone);
      return {
        items: rows.map((r) => ({ phone: r.phone, purpose: r.purpose, code: r.code, content: r.content, sentAt: r.sentAt.toISOString() })),
      };
    },
  );
};
