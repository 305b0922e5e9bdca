import { jobLabels, type JobName, type TJobRunListQuery, type TJobRunRow } from '@benxi/shared';
import type { Db } from '../../db/client';
import type { DailyJob } from '../../platform/jobs';
import type { SessionPolicy } from '../../platform/sessions';
import { purgeOrphanFilesJob, type OrphanFiles } from './orphan-files';
import { purgeSessionsJob } from './purge-sessions';
import { listJobRuns } from './repository';

/** The daily jobs of the platform (platform/jobs.ts runs them, once a Beijing day across processes). */
export function maintenanceJobs(deps: { dataDir: string; sessionPolicy: SessionPolicy; files: OrphanFiles }): DailyJob[] {
  return [purgeSessionsJob(deps.sessionPolicy), purgeOrphanFilesJob({ dataDir: deps.dataDir, files: deps.files })];
}

/** 定时任务 for the operator: the runs, newest first (read-only). */
export function createJobRunService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async listRuns(q: TJobRunListQuery): Promise<{ items: TJobRunRow[]; total: number; page: number; pageSize: number }> {
      const { rows, total } = await listJobRuns(db, { job: q.job, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          job: r.job,
          label: jobLabels[r.job as JobName] ?? r.job,
          runDate: r.runDate,
          startedAt: r.startedAt.toISOString(),
          finishedAt: r.finishedAt.toISOString(),
          status: r.status as 'ok' | 'failed',
          attempts: r.attempts,
          summary: r.summary,
          node: r.node,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}

export type JobRunService = ReturnType<typeof createJobRunService>;
