import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuotaStatus, TQuotaApplication, TQuotaRequest } from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type QuotaApplication = TQuotaApplication;
export type Requirement = TQuotaApplication['requirement'];
export type EnterpriseRecord = TQuotaApplication['record'];
export type QuotaRequest = TQuotaRequest;

/** POST /api/quota-applications/preview: what the regulation requires, and the record it used. */
export interface QuotaPreview {
  requirement: Requirement;
  record: EnterpriseRecord;
}

export interface QuotaFilters {
  projectName?: string;
  regionCode?: string;
  status?: QuotaStatus;
  projectId?: string;
  /** hrss review queue: oldest first */
  queue?: '1';
}

export type QuotaListParams = QuotaFilters & { page: number; pageSize: number };

export const quotaKeys = {
  all: ['quota'] as const,
  list: (p: QuotaListParams) => ['quota', 'list', p] as const,
  detail: (id: string) => ['quota', 'detail', id] as const,
  chain: (id: string) => ['quota', 'chain', id] as const,
  preview: (projectId: string, contractAmount: string) => ['quota', 'preview', projectId, contractAmount] as const,
};

const path = (id: string) => `/api/quota-applications/${encodeURIComponent(id)}`;

export const quotaListQueryOptions = (params: QuotaListParams) =>
  queryOptions({
    queryKey: quotaKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<QuotaApplication>>('/api/quota-applications', { ...params }, signal),
    staleTime: 0,
  });

export const quotaDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: quotaKeys.detail(id),
    queryFn: ({ signal }) => api.get<QuotaApplication>(path(id), undefined, signal),
  });

export const useQuota = (id: string) => useQuery(quotaDetailQueryOptions(id));

/** Every application of one project, newest first (the 定额申请记录 of 项目详情). */
export const useProjectQuotas = (projectId: string | undefined) =>
  useQuery({ ...quotaListQueryOptions({ projectId: projectId ?? '', page: 1, pageSize: 50 }), enabled: !!projectId });

/** The applications that corrected `id` (directly or in turn), newest first, from the project's list. */
export function successorsOf(id: string, projectApps: QuotaApplication[]): QuotaApplication[] {
  const byId = new Map(projectApps.map((a) => [a.id, a]));
  return projectApps.filter((a) => {
    let prev = a.previousId;
    for (let i = 0; prev && i < 50; i++) {
      if (prev === id) return true;
      prev = byId.get(prev)?.previousId ?? null;
    }
    return false;
  });
}

/** The application and the ones it corrected (previousId), newest first. */
export const useQuotaChain = (q: QuotaApplication | undefined) =>
  useQuery({
    queryKey: quotaKeys.chain(q?.id ?? ''),
    enabled: !!q,
    queryFn: async ({ signal }) => {
      const chain: QuotaApplication[] = [q!];
      let prev = q!.previousId;
      while (prev && chain.length < 50) {
        const p = await api.get<QuotaApplication>(path(prev), undefined, signal);
        chain.push(p);
        prev = p.previousId;
      }
      return chain;
    },
  });

export const quotaPreviewQueryOptions = (projectId: string, contractAmount: string) =>
  queryOptions({
    queryKey: quotaKeys.preview(projectId, contractAmount),
    queryFn: () => api.post<QuotaPreview>('/api/quota-applications/preview', { projectId, contractAmount }),
    staleTime: 30_000,
  });

/** The engine's result for the amount being typed (the caller debounces). */
export const useQuotaPreview = (projectId: string, contractAmount: string | null) =>
  useQuery({
    ...quotaPreviewQueryOptions(projectId, contractAmount ?? ''),
    enabled: !!contractAmount,
    placeholderData: keepPreviousData,
  });

export const exportQuotas = (filters: QuotaFilters) =>
  download('/api/quota-applications/export', { ...filters }, '定额申请.xlsx');

function useQuotaMutation<TVars>(call: (vars: TVars) => Promise<QuotaApplication>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (q) => {
      qc.setQueryData(quotaKeys.detail(q.id), q);
      void qc.invalidateQueries({ queryKey: ['quota', 'list'] });
      void qc.invalidateQueries({ queryKey: ['quota', 'chain'] });
      // the project's 保证金状态 and edit lock follow the application
      void qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export const useSubmitQuota = () => useQuotaMutation((body: QuotaRequest) => api.post<QuotaApplication>('/api/quota-applications', body));

export const useWithdrawQuota = () => useQuotaMutation((id: string) => api.post<QuotaApplication>(`${path(id)}/withdraw`));

export interface ApproveInput {
  approvedAmount?: string;
  acceptJustification?: boolean;
  comment?: string;
}

export const useApproveQuota = () =>
  useQuotaMutation(({ id, body }: { id: string; body: ApproveInput }) => api.post<QuotaApplication>(`${path(id)}/approve`, body));

export const useRejectQuota = () =>
  useQuotaMutation(({ id, reason }: { id: string; reason: string }) => api.post<QuotaApplication>(`${path(id)}/reject`, { reason }));
