import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpenClientOrgType, TApiClient, TCreateApiClient } from '@benxi/shared';
import { api } from '../../../lib/api';

export type ApiClient = TApiClient;

export const apiClientKeys = {
  all: ['admin', 'api-clients'] as const,
  list: ['admin', 'api-clients', 'list'] as const,
  organizations: ['admin', 'api-clients', 'organizations'] as const,
};

export const apiClientListQueryOptions = () =>
  queryOptions({
    queryKey: apiClientKeys.list,
    queryFn: ({ signal }) => api.get<{ items: ApiClient[] }>('/api/admin/api-clients', undefined, signal),
    staleTime: 0,
  });

export const useApiClients = () => useQuery(apiClientListQueryOptions());

/** The banks and insurers a client may be registered for. */
export const useApiClientOrganizations = (enabled: boolean) =>
  useQuery({
    queryKey: apiClientKeys.organizations,
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string | null; type: OpenClientOrgType }[] }>('/api/admin/api-clients/organizations', undefined, signal),
    enabled,
    staleTime: 30_000,
  });

function useApiClientChange<TVars>(call: (vars: TVars) => Promise<ApiClient>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void qc.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}

export const useRegisterApiClient = () => useApiClientChange((input: TCreateApiClient) => api.post<ApiClient>('/api/admin/api-clients', input));
export const useDisableApiClient = () => useApiClientChange((id: string) => api.post<ApiClient>(`/api/admin/api-clients/${encodeURIComponent(id)}/disable`, {}));
