import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CertificationStatus, TCertification } from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type Certification = TCertification;

export interface CertificationListParams {
  status?: CertificationStatus;
  keyword?: string;
  page: number;
  pageSize: number;
}

export const adminCertificationKeys = {
  all: ['admin', 'certifications'] as const,
  list: (p: CertificationListParams) => ['admin', 'certifications', 'list', p] as const,
  detail: (id: string) => ['admin', 'certifications', 'detail', id] as const,
};

export const certificationListQueryOptions = (params: CertificationListParams) =>
  queryOptions({
    queryKey: adminCertificationKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<Certification>>('/api/admin/certifications', { ...params }, signal),
    staleTime: 0,
  });

export const certificationDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: adminCertificationKeys.detail(id),
    queryFn: ({ signal }) => api.get<Certification>(`/api/admin/certifications/${encodeURIComponent(id)}`, undefined, signal),
  });

export const useCertificationDetail = (id: string) => useQuery(certificationDetailQueryOptions(id));

function useDecision<TVars>(call: (vars: TVars) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => qc.invalidateQueries({ queryKey: adminCertificationKeys.all }),
  });
}

export const useApproveCertification = () =>
  useDecision((id: string) => api.post<unknown>(`/api/admin/certifications/${encodeURIComponent(id)}/approve`));

export const useRejectCertification = () =>
  useDecision(({ id, reason }: { id: string; reason: string }) =>
    api.post<unknown>(`/api/admin/certifications/${encodeURIComponent(id)}/reject`, { reason }),
  );
