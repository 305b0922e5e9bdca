import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DepositStatus, LedgerWay, TLedgerDetail, TLedgerPage, TLedgerRow, TLedgerStats } from '@benxi/shared';
import { api, download } from '../../../lib/api';

// issue 15: 台账 and its monthly statistics (ADR 043)

export type LedgerRow = TLedgerRow;
export interface LedgerFilters {
  name?: string;
  regionCode?: string;
  way?: LedgerWay;
  depositStatus?: DepositStatus;
  month?: string;
}
export type LedgerListParams = LedgerFilters & { page: number; pageSize: number };

export const ledgerListQueryOptions = (params: LedgerListParams) =>
  queryOptions({ queryKey: ['ledger', 'list', params] as const, queryFn: ({ signal }) => api.get<TLedgerPage>('/api/ledger', { ...params }, signal), staleTime: 0 });
export const exportLedger = (filters: LedgerFilters) => download('/api/ledger/export', { ...filters }, '保证金台账.xlsx');
export const useLedgerDetail = (projectId: string) =>
  useQuery({ queryKey: ['ledger', 'detail', projectId], queryFn: ({ signal }) => api.get<TLedgerDetail>(`/api/ledger/${projectId}`, undefined, signal), staleTime: 0 });
export const useLedgerStats = (q: { year: number; regionCode?: string }) =>
  useQuery({ queryKey: ['ledger', 'stats', q], queryFn: ({ signal }) => api.get<TLedgerStats>('/api/ledger/stats', { ...q }, signal), staleTime: 0 });
export const exportLedgerStats = (q: { year: number; regionCode?: string }) => download('/api/ledger/stats/export', { ...q }, `保证金月度统计-${q.year}.xlsx`);
