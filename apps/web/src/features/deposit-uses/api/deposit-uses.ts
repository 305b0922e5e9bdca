import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DepositUseStatus, TDepositUse, TDepositUseRequest, TReplenishCashRequest, TUseCoverage, UseReplenishStatus } from '@benxi/shared';
import { api, ApiError, download, getCsrfToken } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type DepositUse = TDepositUse;
export type UseCoverage = TUseCoverage;
export interface UseWorkerRow {
  name: string;
  idNumber: string;
  bankName: string;
  cardNo: string;
  amount: string;
}
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export const useKeys = {
  all: ['deposit-uses'] as const,
  list: (q: UseListParams) => ['deposit-uses', 'list', q] as const,
  detail: (id: string) => ['deposit-uses', 'detail', id] as const,
  projects: (name: string) => ['deposit-uses', 'projects', name] as const,
  coverage: (projectId: string) => ['deposit-uses', 'coverage', projectId] as const,
};

export interface UseListParams {
  status?: DepositUseStatus;
  replenishStatus?: UseReplenishStatus;
  projectName?: string;
  noticeNo?: string;
  page: number;
  pageSize: number;
}

export const useListQueryOptions = (q: UseListParams) =>
  queryOptions({ queryKey: useKeys.list(q), queryFn: ({ signal }) => api.get<Page<DepositUse>>('/api/deposit-uses', { ...q }, signal), staleTime: 0 });

export const useDepositUse = (id: string) =>
  useQuery({ queryKey: useKeys.detail(id), queryFn: ({ signal }) => api.get<DepositUse>(`/api/deposit-uses/${encodeURIComponent(id)}`, undefined, signal) });

export interface UsableProject {
  id: string;
  name: string;
  depositStatus: string;
  depositStatusLabel: string;
  needsReplenish: boolean;
}
export const useUsableProjects = (name: string, enabled: boolean) =>
  useQuery({ queryKey: useKeys.projects(name), queryFn: ({ signal }) => api.get<UsableProject[]>('/api/use-projects', { name }, signal), enabled });

export const useCoverage = (projectId: string | undefined) =>
  useQuery({
    queryKey: useKeys.coverage(projectId ?? ''),
    queryFn: ({ signal }) => api.get<UseCoverage>(`/api/projects/${encodeURIComponent(projectId!)}/use-coverage`, undefined, signal),
    enabled: !!projectId,
    staleTime: 0,
  });

function useUseMutation<V>(run: (v: V) => Promise<DepositUse>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (u) => {
      qc.setQueryData(useKeys.detail(u.id), u);
      void qc.invalidateQueries({ queryKey: useKeys.all });
      void qc.invalidateQueries({ queryKey: ['guarantees'] });
      void qc.invalidateQueries({ queryKey: ['payment'] });
    },
  });
}

export const useRecordUse = () => useUseMutation((body: TDepositUseRequest) => api.post<DepositUse>('/api/deposit-uses', body));
export const usePayTransfer = (id: string) => useUseMutation((b: { transferId: string; paidOn: string; reference: string }) => api.post<DepositUse>(`/api/deposit-uses/${id}/pay`, b));
export const useFailTransfer = (id: string) => useUseMutation((b: { transferId: string; reason: string }) => api.post<DepositUse>(`/api/deposit-uses/${id}/fail`, b));
export const useCorrectTransfer = (id: string) => useUseMutation((b: { transferId: string; bankName: string; cardNo: string }) => api.post<DepositUse>(`/api/deposit-uses/${id}/correct`, b));
export const useReplenishCash = (id: string) => useUseMutation((b: TReplenishCashRequest) => api.post<DepositUse>(`/api/deposit-uses/${id}/replenish-cash`, b));
export const useConfirmReplenishment = (id: string) => useUseMutation(() => api.post<DepositUse>(`/api/deposit-uses/${id}/confirm-replenishment`));

export const downloadWorkerTemplate = () => download('/api/use-workers/template', undefined, '农民工工资支付名单模板.xlsx');
export const downloadNotice = (id: string) => download(`/api/deposit-uses/${encodeURIComponent(id)}/notice.pdf`, undefined, '农民工工资保证金支付通知书.pdf');
export const exportUses = (q: Omit<UseListParams, 'page' | 'pageSize'>) => download('/api/use-list/export', { ...q }, '保证金动用.xlsx');

/** POST the Excel file; the rows, or an ApiError whose details.rows name every wrong cell. */
export async function importWorkers(file: File): Promise<{ workers: UseWorkerRow[]; total: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch('/api/use-workers/import', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }
  const body = (await res.json().catch(() => undefined)) as { code?: string; message?: string; details?: unknown } | undefined;
  if (!res.ok) throw new ApiError(res.status, { code: body?.code ?? `HTTP_${res.status}`, message: body?.message ?? '导入失败，请稍后重试', details: body?.details });
  return body as unknown as { workers: UseWorkerRow[]; total: string };
}

export const importErrors = (e: unknown): ImportRowError[] => {
  const d = e instanceof ApiError ? (e.details as { rows?: ImportRowError[] } | undefined) : undefined;
  return Array.isArray(d?.rows) ? d.rows : [];
};
