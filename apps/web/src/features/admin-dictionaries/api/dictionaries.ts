import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DictType } from '@benxi/shared';
import { api } from '../../../lib/api';

export interface AdminRegion {
  code: string;
  name: string;
  parentCode: string | null;
  enabled: boolean;
}

export interface AdminDictItem {
  id: string;
  dictType: DictType;
  code: string;
  label: string;
  enabled: boolean;
  sort: number;
  inUse: boolean;
}

export type SupervisionKind = 'authority' | 'hrss';

export interface SupervisionMapping {
  id: string;
  kind: SupervisionKind;
  industryType: string | null;
  regionCode: string;
  orgId: string;
  orgName: string;
  isDefault: boolean;
}

/** GET /api/admin/dictionaries; every change answers with the whole view again. */
export interface AdminDictionaries {
  regions: AdminRegion[];
  items: AdminDictItem[];
  mappings: SupervisionMapping[];
}

export const adminDictionaryKey = ['admin', 'dictionaries'] as const;

export const adminDictionariesQueryOptions = () =>
  queryOptions({
    queryKey: adminDictionaryKey,
    queryFn: ({ signal }) => api.get<AdminDictionaries>('/api/admin/dictionaries', undefined, signal),
    staleTime: 0,
  });

export const useAdminDictionaries = () => useQuery(adminDictionariesQueryOptions());

/** A change: the answer replaces the view; the forms' dictionaries are read again. */
function useDictionaryChange<TVars>(call: (vars: TVars) => Promise<AdminDictionaries>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => {
      qc.setQueryData(adminDictionaryKey, view);
      void qc.invalidateQueries({ queryKey: ['dictionaries'] });
    },
  });
}

export const useCreateDictItem = () =>
  useDictionaryChange((input: { dictType: DictType; code: string; label: string; sort: number }) =>
    api.post<AdminDictionaries>('/api/admin/dict-items', input),
  );

export const useUpdateDictItem = () =>
  useDictionaryChange(({ id, patch }: { id: string; patch: { label?: string; enabled?: boolean; sort?: number } }) =>
    api.patch<AdminDictionaries>(`/api/admin/dict-items/${encodeURIComponent(id)}`, patch),
  );

export const useDeleteDictItem = () =>
  useDictionaryChange((id: string) => api.del<AdminDictionaries>(`/api/admin/dict-items/${encodeURIComponent(id)}`));

export const useUpdateRegion = () =>
  useDictionaryChange(({ code, patch }: { code: string; patch: { name?: string; enabled?: boolean } }) =>
    api.patch<AdminDictionaries>(`/api/admin/regions/${encodeURIComponent(code)}`, patch),
  );

export const useCreateMapping = () =>
  useDictionaryChange((input: { kind: SupervisionKind; industryType?: string | null; regionCode: string; orgId: string; isDefault: boolean }) =>
    api.post<AdminDictionaries>('/api/admin/supervision-mappings', input),
  );

export const useDeleteMapping = () =>
  useDictionaryChange((id: string) => api.del<AdminDictionaries>(`/api/admin/supervision-mappings/${encodeURIComponent(id)}`));

export const supervisionKindLabels: Record<SupervisionKind, string> = { authority: '行业主管单位', hrss: '人社监管单位' };
