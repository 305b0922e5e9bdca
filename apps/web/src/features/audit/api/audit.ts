import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export interface AuditRow {
  id: string;
  at: string;
  actorPhone: string | null;
  actorRole: string | null;
  /** an open API call: the API client's appId */
  actorClient: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** Name of the target resolved by the server; null when unknown or deleted. */
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditListParams {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const auditListQueryOptions = (params: AuditListParams) =>
  queryOptions({
    queryKey: ['admin', 'audit', params] as const,
    queryFn: ({ signal }) => api.get<Page<AuditRow>>('/api/admin/audit', { ...params }, signal),
    staleTime: 0,
  });

/** Chinese names of the kinds of audited objects. */
export const auditTargetTypeLabels: Record<string, string> = {
  user: '用户',
  certification: '企业认证',
  file: '文件',
  organization: '单位',
  project: '工程项目',
  quota_application: '保证金额度申请',
  session: '会话',
  api_client: '开放接口客户端',
};
