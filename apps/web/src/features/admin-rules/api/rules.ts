import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TRatioParamsBody, TRatioParamsView } from '@benxi/shared';
import { api } from '../../../lib/api';

/** GET /api/admin/ratio-params: one row per region (percents as strings, amounts in yuan). */
export type RatioParamsView = TRatioParamsView;
export type RatioParamsBody = TRatioParamsBody;

export interface CalendarOverride {
  date: string;
  workday: boolean;
  note?: string;
}

export const rulesKeys = {
  params: ['admin', 'ratio-params'] as const,
  calendar: ['admin', 'calendar-overrides'] as const,
};

export const ratioParamsQueryOptions = () =>
  queryOptions({
    queryKey: rulesKeys.params,
    queryFn: ({ signal }) => api.get<RatioParamsView[]>('/api/admin/ratio-params', undefined, signal),
    staleTime: 0,
  });

export const useRatioParams = () => useQuery(ratioParamsQueryOptions());

export function useSaveRatioParams() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: RatioParamsBody }) =>
      api.put<RatioParamsView>(`/api/admin/ratio-params/${encodeURIComponent(code)}`, body),
    onSuccess: (row) => {
      qc.setQueryData<RatioParamsView[]>(rulesKeys.params, (rows) => rows?.map((r) => (r.regionCode === row.regionCode ? row : r)));
      void qc.invalidateQueries({ queryKey: rulesKeys.params });
      void qc.invalidateQueries({ queryKey: ['quota', 'preview'] });
    },
  });
}

export const useCalendarOverrides = () =>
  useQuery({
    queryKey: rulesKeys.calendar,
    queryFn: ({ signal }) => api.get<CalendarOverride[]>('/api/admin/calendar-overrides', undefined, signal),
    staleTime: 0,
  });

export function useSetCalendarOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: CalendarOverride) => api.put<CalendarOverride[]>('/api/admin/calendar-overrides', o),
    onSuccess: (list) => qc.setQueryData(rulesKeys.calendar, list),
  });
}

export function useDeleteCalendarOverride() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.del<CalendarOverride[]>(`/api/admin/calendar-overrides/${encodeURIComponent(date)}`),
    onSuccess: (list) => qc.setQueryData(rulesKeys.calendar, list),
  });
}
