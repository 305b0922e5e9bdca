import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAuditCheckItem, TCancellation, TCancellationRequest, TConfirmReturn, TFiling, TProjectClosure, TReturnConfirmation } from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';

/** 备案 / 注销 / 返还 (issue 13): the server's DTOs. */
export type Filing = TFiling;
export type Cancellation = TCancellation;
export type ReturnConfirmation = TReturnConfirmation;
export type ProjectClosure = TProjectClosure;
export type AuditCheckItem = TAuditCheckItem;

export interface ClosureFilters {
  projectName?: string;
  regionCode?: string;
  status?: string;
  queue?: '1';
}
type Paged<F> = F & { page: number; pageSize: number };

export const closureKeys = {
  all: ['closure'] as const,
  project: (id: string) => ['closure', 'project', id] as const,
  filings: (p: Paged<ClosureFilters>) => ['closure', 'filings', p] as const,
  cancellations: (p: Paged<ClosureFilters>) => ['closure', 'cancellations', p] as const,
  returns: (p: Paged<{ projectName?: string; status?: string }>) => ['closure', 'returns', p] as const,
  checks: (p: Paged<{ projectName?: string; regionCode?: string }>) => ['closure', 'checks', p] as const,
};

/** `version`: what of the project the answer depends on beyond the closure's own rows (its 工程进度), so an edit reloads it. */
export const useProjectClosure = (projectId: string, version = '') =>
  useQuery({
    queryKey: [...closureKeys.project(projectId), version],
    queryFn: ({ signal }) => api.get<ProjectClosure>(`/api/projects/${encodeURIComponent(projectId)}/closure`, undefined, signal),
  });

export const filingListQueryOptions = (p: Paged<ClosureFilters>) =>
  queryOptions({ queryKey: closureKeys.filings(p), queryFn: ({ signal }) => api.get<Page<Filing>>('/api/filings', { ...p }, signal), staleTime: 0 });
export const cancellationListQueryOptions = (p: Paged<ClosureFilters>) =>
  queryOptions({ queryKey: closureKeys.cancellations(p), queryFn: ({ signal }) => api.get<Page<Cancellation>>('/api/cancellations', { ...p }, signal), staleTime: 0 });
export const returnListQueryOptions = (p: Paged<{ projectName?: string; status?: string }>) =>
  queryOptions({ queryKey: closureKeys.returns(p), queryFn: ({ signal }) => api.get<Page<ReturnConfirmation>>('/api/return-confirmations', { ...p }, signal), staleTime: 0 });
export const auditCheckQueryOptions = (p: Paged<{ projectName?: string; regionCode?: string }>) =>
  queryOptions({ queryKey: closureKeys.checks(p), queryFn: ({ signal }) => api.get<Page<AuditCheckItem>>('/api/audit-checks', { ...p }, signal), staleTime: 0 });

export const exportFilings = (f: ClosureFilters) => download('/api/filings/export', { ...f }, '备案申请.xlsx');
export const exportCancellations = (f: ClosureFilters) => download('/api/cancellations/export', { ...f }, '注销申请.xlsx');
export const exportAuditChecks = (f: { projectName?: string; regionCode?: string }) => download('/api/audit-checks/export', { ...f }, '清查清单.xlsx');
export const downloadConfirmation = (cancellationId: string) => download(`/api/cancellations/${encodeURIComponent(cancellationId)}/confirmation.pdf`, undefined, '工资保证金返还（销户）确认书.pdf');
export const downloadFormTemplate = (projectId: string) => download(`/api/projects/${encodeURIComponent(projectId)}/cancellation-form`, undefined, '工资保证金注销申请表.pdf');

function useClosureMutation<V, R>(call: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: closureKeys.all });
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['payment'] });
    },
  });
}

export const useSubmitFiling = () => useClosureMutation((projectId: string) => api.post<Filing>('/api/filings', { projectId }));
export const useDecideFiling = () =>
  useClosureMutation(({ id, approve, reason }: { id: string; approve: boolean; reason?: string }) =>
    approve ? api.post<Filing>(`/api/filings/${id}/approve`) : api.post<Filing>(`/api/filings/${id}/reject`, { reason }),
  );
export const useSubmitCancellation = () => useClosureMutation((body: TCancellationRequest) => api.post<Cancellation>('/api/cancellations', body));
export const useDecideCancellation = () =>
  useClosureMutation(({ id, approve, reason }: { id: string; approve: boolean; reason?: string }) =>
    approve ? api.post<Cancellation>(`/api/cancellations/${id}/approve`) : api.post<Cancellation>(`/api/cancellations/${id}/reject`, { reason }),
  );
export const useConfirmReturn = () => useClosureMutation(({ id, body }: { id: string; body: TConfirmReturn }) => api.post<ReturnConfirmation>(`/api/return-confirmations/${id}/confirm`, body));
