import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArrearsKind } from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

/** One entry of the 欠薪及失信记录 register (feeds the quota rules engine). */
export interface ArrearsRecord {
  id: string;
  enterpriseOrgId: string;
  enterpriseName: string;
  creditCode: string | null;
  kind: ArrearsKind;
  regionCode: string;
  occurredOn: string;
  removedOn: string | null;
  sourceDocument: string;
  note: string | null;
  enteredByPhone: string;
  enteredByOrg: string;
  createdAt: string;
  /** still listed and entered by the user's unit or one under it: only then may the user remove it */
  canRemove: boolean;
}

export interface ArrearsListParams {
  keyword?: string;
  kind?: ArrearsKind;
  page: number;
  pageSize: number;
}

export interface CreateArrearsInput {
  creditCode: string;
  kind: ArrearsKind;
  regionCode: string;
  occurredOn: string;
  sourceDocument: string;
  note?: string;
}

export const arrearsKeys = {
  all: ['arrears'] as const,
  list: (p: ArrearsListParams) => ['arrears', 'list', p] as const,
};

export const arrearsListQueryOptions = (params: ArrearsListParams) =>
  queryOptions({
    queryKey: arrearsKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<ArrearsRecord>>('/api/arrears-records', { ...params }, signal),
    staleTime: 0,
  });

function useArrearsMutation<TVars, TOut>(call: (vars: TVars) => Promise<TOut>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: arrearsKeys.all });
      // the engine's figures of later previews change with the register
      void qc.invalidateQueries({ queryKey: ['quota', 'preview'] });
    },
  });
}

export const useCreateArrears = () => useArrearsMutation((input: CreateArrearsInput) => api.post<ArrearsRecord>('/api/arrears-records', input));

export const useRemoveArrears = () =>
  useArrearsMutation(({ id, removedOn }: { id: string; removedOn: string }) =>
    api.post<ArrearsRecord>(`/api/arrears-records/${encodeURIComponent(id)}/remove`, { removedOn }),
  );

export const useSetDuties = () =>
  useArrearsMutation((input: { creditCode: string; dutiesMet: boolean }) => api.put<{ ok: true }>('/api/enterprise-duties', input));
