import { jobLabels } from '@benxi/shared';
import type { DailyJob } from '../../platform/jobs';
import { purgeSessions, type SessionPolicy } from '../../platform/sessions';

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
      const { expired, idle } = await purgeSessions(tx, now, idleSince);
      return { summary: { deleted: expired + idle, expired, idle, idleMinutes: Math.round(policy.idleMs / 60_000) } };
    },
  };
}
