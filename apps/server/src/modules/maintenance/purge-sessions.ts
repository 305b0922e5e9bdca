import { sql } from 'drizzle-orm';
import { jobLabels } from '@benxi/shared';
import type { DailyJob } from '../../platform/jobs';
import type { SessionPolicy } from '../../platform/sessions';

/**
 * 清理过期会话: sessions that `loadSession` would refuse anyway — past their absolute expiry, or
 * unused for longer than the idle limit (by the stored last_seen_at) — are deleted, so the table
 * holds live sessions only. Each deletion notifies the other processes like any other logout.
 */
export function purgeSessionsJob(policy: SessionPolicy, at = '03:00'): DailyJob {
  return {
    name: 'sessions.purge',
    label: jobLabels['sessions.purge'],
    at,
    async run({ tx, now }) {
      const idleSince = new Date(now.getTime() - policy.idleMs);
      const res = (await tx.execute(sql`
        with gone as (
          delete from sessions
          where expires_at <= ${now} or last_seen_at < ${idleSince}
          returning expires_at <= ${now} as expired
        )
        select count(*) filter (where expired)::int as expired, count(*) filter (where not expired)::int as idle from gone`)) as unknown as {
        rows: { expired: number; idle: number }[];
      };
      const { expired = 0, idle = 0 } = res.rows[0] ?? {};
      return { summary: { deleted: expired + idle, expired, idle, idleMinutes: Math.round(policy.idleMs / 60_000) } };
    },
  };
}
