import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zMessageIdParams, zMessageListQuery, zMessagePage, zSmsRecordPage, zSmsRecordQuery, zUnreadCount } from '@benxi/shared';
import { currentUser } from '../../platform/access';
import type { MessageService } from './service';

export const messageRoutes: FastifyPluginAsyncZod<{ messages: MessageService }> = async (app, { messages }) => {
  const tags = ['消息中心'];
  const read = { access: { permission: 'message.read' as const } };
  app.get('/messages', { config: read, schema: { tags, summary: '我的消息', querystring: zMessageListQuery, response: { 200: zMessagePage } } }, async (req) =>
    messages.list(currentUser(req).id, req.query),
  );
  app.get('/messages/unread-count', { config: read, schema: { tags, summary: '未读消息数（页头角标）', response: { 200: zUnreadCount } } }, async (req) => messages.unread(currentUser(req).id));
  app.post('/messages/:id/read', { config: read, schema: { tags, summary: '标为已读', params: zMessageIdParams, response: { 200: zUnreadCount } } }, async (req) =>
    messages.markRead(currentUser(req).id, req.params.id),
  );
  app.post('/messages/read-all', { config: read, schema: { tags, summary: '全部标为已读', response: { 200: zUnreadCount } } }, async (req) => messages.markAllRead(currentUser(req).id));
  app.get(
    '/admin/sms-records',
    { config: { access: { permission: 'sms.read' as const } }, schema: { tags: ['平台运营'], summary: '短信记录（号码脱敏）', querystring: zSmsRecordQuery, response: { 200: zSmsRecordPage } } },
    async (req) => messages.smsRecords(req.query),
  );
};
