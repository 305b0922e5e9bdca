import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { smsOutbox } from '../../db/schema/index';
import type { Clock } from '../clock';
import type { SmsProvider } from './provider';

/**
 * Development and tests: "sends" by writing to the sms_outbox table (shared by every app process)
 * and the log; the 开发短信 panel and GET /api/dev/sms-outbox read it back.
 */
export function createConsoleSmsProvider(deps: { db: Db; clock: Clock; log?: (line: string) => void }): SmsProvider {
  return {
    name: 'console',
    async send(message) {
      await deps.db.insert(smsOutbox).values({
        phone: message.phone,
        purpose: message.purpose,
        code: message.code,
        content: message.content,
        sentAt: deps.clock.now(),
      });
      deps.log?.(`[SMS → ${message.phone}] ${message.content}`);
    },
  };
}

/** The latest 20 messages the console provider "sent" (to one phone, if given), newest first. */
export async function readConsoleOutbox(tx: Tx, phone?: string): Promise<(typeof smsOutbox.$inferSelect)[]> {
  return tx
    .select()
    .from(smsOutbox)
    .where(phone ? eq(smsOutbox.phone, phone) : undefined)
    .orderBy(desc(smsOutbox.id))
    .limit(20);
}
