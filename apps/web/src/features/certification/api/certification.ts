import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCertification, TCertificationRequest } from '@benxi/shared';
import { api } from '../../../lib/api';

export type Certification = TCertification;
export type CertificationRequest = Omit<TCertificationRequest, 'licenseFileId'> & { licenseFileId: string };

export const certificationQueryKey = ['certification', 'mine'] as const;

export const certificationQueryOptions = () =>
  queryOptions({
    queryKey: certificationQueryKey,
    queryFn: ({ signal }) => api.get<{ certification: Certification | null }>('/api/certification', undefined, signal),
    // While waiting for review, look again now and then so the approval shows up by itself.
    refetchInterval: (q) => (q.state.data?.certification?.status === 'pending' ? 30_000 : false),
  });

export const useCertification = () => useQuery(certificationQueryOptions());

export function useSubmitCertification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CertificationRequest) => api.post<Certification>('/api/certification', input),
    onSuccess: (certification) => {
      qc.setQueryData(certificationQueryKey, { certification });
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
