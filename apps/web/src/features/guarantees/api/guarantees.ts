import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  GuaranteeKind,
  GuaranteeStatus,
  OfflineGuaranteeStatus,
  TGuarantee,
  TOfflineGuarantee,
  TOfflineGuaranteeForm,
  TOfflineGuaranteeRequest,
} from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type OfflineGuarantee = TOfflineGuarantee;
export type OfflineGuaranteeFormInfo = TOfflineGuaranteeForm;
export type OfflineGuaranteeRequest = TOfflineGuaranteeRequest;
export type Guarantee = TGuarantee;

export interface OfflineFilters {
  projectId?: string;
  projectName?: string;
  status?: OfflineGuaranteeStatus;
  /** hrss verification queue: 待审核, oldest first */
  queue?: '1';
}
export type OfflineListParams = OfflineFilters & { page: number; pageSize: number };

export interface GuaranteeFilters {
  number?: string;
  kind?: GuaranteeKind;
  status?: GuaranteeStatus;
  projectName?: string;
  projectId?: string;
}
export type GuaranteeListParams = GuaranteeFilters & { page: number; pageSize: number };

export const guaranteeKeys = {
  form: (projectId: string) => ['offline-guarantees', 'form', projectId] as const,
  offlineList: (p: OfflineListParams) => ['offline-guarantees', 'list', p] as const,
  offline: (id: string) => ['offline-guarantees', 'detail', id] as const,
  list: (p: GuaranteeListParams) => ['guarantees', 'list', p] as const,
  detail: (id: string) => ['guarantees', 'detail', id] as const,
};

const offlinePath = (id: string) => `/api/offline-guarantees/${encodeURIComponent(id)}`;

/** GET /api/projects/:id/offline-guarantee-form: 投保人, 工程名称, 保证金应缴金额, the issuers, whether an upload is possible. */
export const useOfflineGuaranteeForm = (projectId: string, enabled = true) =>
  useQuery({
    queryKey: guaranteeKeys.form(projectId),
    queryFn: ({ signal }) => api.get<OfflineGuaranteeFormInfo>(`/api/projects/${encodeURIComponent(projectId)}/offline-guarantee-form`, undefined, signal),
    enabled: enabled && !!projectId,
    staleTime: 0,
  });

export const offlineListQueryOptions = (params: OfflineListParams) =>
  queryOptions({
    queryKey: guaranteeKeys.offlineList(params),
    queryFn: ({ signal }) => api.get<Page<OfflineGuarantee>>('/api/offline-guarantees', { ...params }, signal),
    staleTime: 0,
  });

/** The uploads of one project, newest first (项目详情). */
export const useProjectOfflineGuarantees = (projectId: string, enabled = true) =>
  useQuery({ ...offlineListQueryOptions({ projectId, page: 1, pageSize: 20 }), enabled: enabled && !!projectId });

export const useOfflineGuarantee = (id: string) =>
  useQuery({ queryKey: guaranteeKeys.offline(id), queryFn: ({ signal }) => api.get<OfflineGuarantee>(offlinePath(id), undefined, signal) });

function useOfflineMutation<TVars>(call: (vars: TVars) => Promise<OfflineGuarantee>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (g) => {
      qc.setQueryData(guaranteeKeys.offline(g.id), g);
      void qc.invalidateQueries({ queryKey: ['offline-guarantees'] });
      void qc.invalidateQueries({ queryKey: ['guarantees'] });
      // the project's 保证金状态 (and the deposit card) follow the upload
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['payment'] });
      void qc.invalidateQueries({ queryKey: ['deposit'] });
    },
  });
}

export const useSubmitOfflineGuarantee = () => useOfflineMutation((body: OfflineGuaranteeRequest) => api.post<OfflineGuarantee>('/api/offline-guarantees', body));
export const useApproveOfflineGuarantee = () => useOfflineMutation((id: string) => api.post<OfflineGuarantee>(`${offlinePath(id)}/approve`, {}));
export const useReturnOfflineGuarantee = () =>
  useOfflineMutation(({ id, reason }: { id: string; reason: string }) => api.post<OfflineGuarantee>(`${offlinePath(id)}/return`, { reason }));

export const guaranteeListQueryOptions = (params: GuaranteeListParams) =>
  queryOptions({
    queryKey: guaranteeKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<Guarantee>>('/api/guarantees', { ...params }, signal),
    staleTime: 0,
  });

export const useGuarantee = (id: string) =>
  useQuery({ queryKey: guaranteeKeys.detail(id), queryFn: ({ signal }) => api.get<Guarantee>(`/api/guarantees/${encodeURIComponent(id)}`, undefined, signal) });

export const exportGuarantees = (filters: GuaranteeFilters) => download('/api/guarantees/export', { ...filters }, '保函管理.xlsx');
