import { queryOptions } from '@tanstack/react-query';
import { formatFileSize, type JobName, type JobRunStatus, type TJobRunRow } from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type JobRunRow = TJobRunRow;

export interface JobRunListParams {
  job?: JobName;
  status?: JobRunStatus;
  page: number;
  pageSize: number;
}

export const jobRunListQueryOptions = (params: JobRunListParams) =>
  queryOptions({
    queryKey: ['admin', 'job-runs', params] as const,
    queryFn: ({ signal }) => api.get<Page<JobRunRow>>('/api/admin/job-runs', { ...params }, signal),
    staleTime: 0,
  });

/** 说明: what a run did, in words (its summary is the job's own JSON). */
export function describeRun(r: Pick<JobRunRow, 'job' | 'status' | 'attempts' | 'summary'>): string {
  const s = (r.summary ?? {}) as Record<string, unknown>;
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
  const tries = r.attempts > 1 ? `（第 ${r.attempts} 次尝试）` : '';
  if (r.status === 'failed') return `失败：${typeof s.error === 'string' ? s.error : '未知错误'}${tries}；当天最多重试 3 次`;
  if (r.job === 'sessions.purge') return `删除 ${n('deleted')} 个会话（已到期 ${n('expired')}，闲置超时 ${n('idle')}）${tries}`;
  if (r.job === 'files.purge-orphans') {
    const more = s.more === true ? '，尚有未清理的将于次日继续' : '';
    return `删除 ${n('deleted')} 个孤立文件，共 ${formatFileSize(n('bytes'))}（上传超过 24 小时且未被引用）${more}${tries}`;
  }
  // issue 15 (ADR 037)
  if (r.job === 'warnings.sweep') return `新增预警 ${n('raised')} 条，解除 ${n('cleared')} 条，巡检后预警中 ${n('open')} 条${tries}`;
  return JSON.stringify(s);
}
