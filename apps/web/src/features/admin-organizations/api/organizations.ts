import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgType } from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export interface Organization {
  id: string;
  type: OrgType;
  name: string | null;
  creditCode: string | null;
  regionCode: string | null;
  parentId: string | null;
  parentName: string | null;
  industryType: string | null;
  enabled: boolean;
  certified: boolean;
  userCount: number;
  createdAt: string;
}

export interface OrganizationListParams {
  type?: OrgType;
  keyword?: string;
  page: number;
  pageSize: number;
}

/** Organisations `admin` creates; enterprises come from registration and certification. */
export const CREATABLE_ORG_TYPES = ['hrss', 'authority', 'bank', 'insurer', 'platform'] as const;
export type CreatableOrgType = (typeof CREATABLE_ORG_TYPES)[number];

export interface CreateOrganizationInput {
  type: CreatableOrgType;
  name: string;
  regionCode?: string | null;
  parentId?: string | null;
  industryType?: string | null;
}

export const adminOrganizationKeys = {
  all: ['admin', 'organizations'] as const,
  list: (p: OrganizationListParams) => ['admin', 'organizations', 'list', p] as const,
};

export const organizationListQueryOptions = (params: OrganizationListParams) =>
  queryOptions({
    queryKey: adminOrganizationKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<Organization>>('/api/admin/organizations', { ...params }, signal),
    staleTime: 0,
  });

/** The organisations of one type for a Select (searchable by name; the first 100). */
export function useOrganizationOptions(type: OrgType | undefined, keyword?: string) {
  return useQuery({
    ...organizationListQueryOptions({ type, keyword: keyword?.trim() || undefined, page: 1, pageSize: 100 }),
    enabled: !!type,
    staleTime: 30_000,
  });
}

function useOrganizationChange<TVars>(call: (vars: TVars) => Promise<Organization>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminOrganizationKeys.all });
      // unit names appear in the mappings and the forms
      void qc.invalidateQueries({ queryKey: ['admin', 'dictionaries'] });
      void qc.invalidateQueries({ queryKey: ['dictionaries'] });
    },
  });
}

export const useCreateOrganization = () =>
  useOrganizationChange((input: CreateOrganizationInput) => api.post<Organization>('/api/admin/organizations', input));

export const useUpdateOrganization = () =>
  useOrganizationChange(({ id, patch }: { id: string; patch: { name?: string; enabled?: boolean; parentId?: string | null } }) =>
    api.patch<Organization>(`/api/admin/organizations/${encodeURIComponent(id)}`, patch),
  );
