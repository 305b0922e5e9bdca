import { maskPhone, smsRecordStatusLabels, type MessageKind, type TMessage, type TMessageListQuery } from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import * as repo from './repository';

export interface MessageDeps {
  db: Db;
  clock: Clock;
  members: { activeUserIdsOf(tx: Tx, orgIds: string[]): Promise<{ id: string; orgId: string }[]> };
}

export interface NewMessage {
  kind: MessageKind;
  title: string;
  body: string;
  link?: string | null;
  /** the same key for a redelivery of the same event: no second message */
  dedupeKey: string;
}

/** Template labels of the 短信记录 page. */
export const smsTemplateLabels: Record<string, string> = { warning: '预警提醒' };

/**
 * Gives a message to every active account of the organisations (the user's own objects are their
 * organisation's: an enterprise's 认证, 定额, …). Idempotent by dedupe key. Called by the
 * after-commit handlers (notifications.ts); a workflow's decision becomes a message the same way.
 */
export async function deliverToOrganizations(tx: Tx, deps: Pick<MessageDeps, 'members'>, orgIds: string[], m: NewMessage, at: Date): Promise<number> {
  const users = await deps.members.activeUserIdsOf(tx, [...new Set(orgIds)]);
  return repo.insertMessages(
    tx,
    users.map((u) => ({ userId: u.id, kind: m.kind, title: m.title, body: m.body, link: m.link ?? null, dedupeKey: m.dedupeKey, createdAt: at })),
  );
}

const toDto = (r: repo.MessageRow): TMessage => ({
  id: String(r.id),
  kind: r.kind as MessageKind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export function createMessageService(deps: MessageDeps) {
  const { db, clock } = deps;
  return {
    async list(userId: string, q: Omit<TMessageListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number }) {
      const cond = repo.messageCondition(userId, { unread: q.unread === '1' ? true : q.unread === '0' ? false : undefined, kind: q.kind });
      const { rows, total } = await repo.listMessagePage(db, cond, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
    },
    async unread(userId: string) {
      return { unread: await repo.unreadCount(db, userId) };
    },
    async markRead(userId: string, id: string) {
      if (!(await repo.markRead(db, userId, BigInt(id), clock.now()))) throw notFound('消息');
      return { unread: await repo.unreadCount(db, userId) };
    },
    async markAllRead(userId: string) {
      await repo.markAllRead(db, userId, clock.now());
      return { unread: 0 };
    },
    /** 短信记录 (admin): the phone masked. */
    async smsRecords(q: { status?: string; phone?: string; page: number; pageSize: number }) {
      const { rows, total } = await repo.listSmsRecordPage(db, repo.smsRecordCondition(q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          phoneMasked: maskPhone(r.phone),
          template: r.template,
          templateLabel: smsTemplateLabels[r.template] ?? r.template,
          content: r.content,
          status: r.status as keyof typeof smsRecordStatusLabels,
          result: r.result,
          warningId: r.warningId === null ? null : String(r.warningId),
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
