import { z } from 'zod';
import { zPageQuery } from './common';

/** The daily jobs of the server (apps/server/src/modules/maintenance), by name. */
export const JOB_NAMES = ['sessions.purge', 'files.purge-orphans', 'warnings.sweep'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const jobLabels: Record<JobName, string> = {
  'sessions.purge': '清理过期会话',
  'warnings.sweep': '预警巡检',
  'files.purge-orphans': '清理孤立上传文件',
};

export const JOB_RUN_STATUSES = ['ok', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];
export const jobRunStatusLabels: Record<JobRunStatus, string> = { ok: '成功', failed: '失败' };

export const zJobRunListQuery = zPageQuery.extend({
  job: z.enum(JOB_NAMES, { error: '任务不正确' }).optional(),
  status: z.enum(JOB_RUN_STATUSES, { error: '结果不正确' }).optional(),
});
export type TJobRunListQuery = z.infer<typeof zJobRunListQuery>;

export const zJobRunRow = z.object({
  id: z.string(),
  job: z.string(),
  /** 中文 name of the job */
  label: z.string(),
  /** the Beijing day the run was for */
  runDate: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(JOB_RUN_STATUSES),
  /** attempts made that day (a failed run is retried, up to 3 times a day) */
  attempts: z.number().int(),
  summary: z.unknown(),
  node: z.string(),
});
export type TJobRunRow = z.infer<typeof zJobRunRow>;
