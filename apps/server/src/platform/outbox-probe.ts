import { sql } from 'drizzle-orm';
import type { OutboxHandler } from './outbox';

/**
 * Tests only (OUTBOX_TEST_PROBE=true): a deliberately non-idempotent handler for topic `test.probe`
 * that appends a row to table `outbox_probe` (created by the test) on every call, so a reliability
 * test can count how often each event was really handled, across processes.
 */
export const TEST_PROBE_TOPIC = 'test.probe';

export const outboxProbeHandler: OutboxHandler = {
  name: 'test.probe',
  topics: [TEST_PROBE_TOPIC],
  async handle(event, { db, node }) {
    await db.execute(sql`insert into outbox_probe (event_id, node, at) values (${event.id}, ${node}, clock_timestamp())`);
  },
};
