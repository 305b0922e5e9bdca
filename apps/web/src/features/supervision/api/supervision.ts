import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCalendarStatus, TCalendarYearBody, TCalendarYearView, TDashboard, TMessage, TWarning, WarningState, WarningType, MessageKind } from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';
import { rulesKeys } from '../../admin-rules/api/rules';

// issue 15: 预警, 消息中心, 短信记录, 首页, 节假日安排 (ADR 036–039)

export type Warning = TWarning;
export interface WarningFilters {
  type?: WarningType;
  state?: WarningState;
  projectName?: string;
  projectId?: string;
  raisedFrom?: string;
  raisedTo?: string;
}
export type WarningListParams = WarningFilters & { page: number; pageSize: number };

export const supervisionKeys = {
  warnings: (p: WarningListParams) => ['warnings', 'list', p] as const,
  messages: (p: object) => ['messages', 'list', p] as const,
  unread: ['messages', 'unread'] as const,
  dashboard: ['dashboard'] as const,
  calendarStatus: ['calendar', 'status'] as const,
  calendarYears: ['calendar', 'years'] as const,
  smsRecords: (p: object) => ['sms-records', p] as const,
};

export const warningListQueryOptions = (params: WarningListParams) =>
  queryOptions({ queryKey: supervisionKeys.warnings(params), queryFn: ({ signal }) => api.get<Page<Warning>>('/api/warnings', { ...params }, signal), staleTime: 0 });
export const exportWarnings = (filters: WarningFilters) => download('/api/warnings/export', { ...filters }, '预警.xlsx');
export const useProjectWarnings = (projectId: string) => useQuery(warningListQueryOptions({ projectId, state: 'open', page: 1, pageSize: 50 }));

export type Message = TMessage;
export interface MessageListParams {
  unread?: '1' | '0';
  kind?: MessageKind;
  page: number;
  pageSize: number;
}
export const messageListQueryOptions = (params: MessageListParams) =>
  queryOptions({ queryKey: supervisionKeys.messages(params), queryFn: ({ signal }) => api.get<Page<Message>>('/api/messages', { ...params }, signal), staleTime: 0 });

/** 页头角标: polled every minute while the page is open. */
export const useUnreadCount = () =>
  useQuery({ queryKey: supervisionKeys.unread, queryFn: ({ signal }) => api.get<{ unread: number }>('/api/messages/unread-count', undefined, signal), refetchInterval: 60_000 });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ unread: number }>(`/api/messages/${encodeURIComponent(id)}/read`, {}),
    onSuccess: (r) => {
      qc.setQueryData(supervisionKeys.unread, r);
      void qc.invalidateQueries({ queryKey: ['messages', 'list'] });
    },
  });
}
export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ unread: number }>('/api/messages/read-all', {}),
    onSuccess: (r) => {
      qc.setQueryData(supervisionKeys.unread, r);
      void qc.invalidateQueries({ queryKey: ['messages', 'list'] });
    },
  });
}

export const useDashboard = () => useQuery({ queryKey: supervisionKeys.dashboard, queryFn: ({ signal }) => api.get<TDashboard>('/api/dashboard', undefined, signal), staleTime: 0 });

/** The confirmed years (for "（节假日安排未确认）" after a deadline); cached for the session's pages. */
export const useCalendarStatus = () =>
  useQuery({ queryKey: supervisionKeys.calendarStatus, queryFn: ({ signal }) => api.get<TCalendarStatus>('/api/calendar/status', undefined, signal), staleTime: 10 * 60_000 });

export const useCalendarYears = () =>
  useQuery({ queryKey: supervisionKeys.calendarYears, queryFn: ({ signal }) => api.get<TCalendarYearView[]>('/api/admin/calendar-years', undefined, signal) });
export function useSaveCalendarYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: TCalendarYearBody }) => api.put<TCalendarYearView>(`/api/admin/calendar-years/${year}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['calendar'] });
      void qc.invalidateQueries({ queryKey: supervisionKeys.dashboard });
      // the year's days are the 工作日调整 rows of that year (ADR 036)
      void qc.invalidateQueries({ queryKey: rulesKeys.calendar });
    },
  });
}

export interface SmsRecord {
  id: string;
  phoneMasked: string;
  template: string;
  templateLabel: string;
  content: string;
  status: 'queued' | 'held' | 'sent' | 'failed' | 'skipped';
  result: string | null;
  warningId: string | null;
  createdAt: string;
  sentAt: string | null;
}
export const smsRecordQueryOptions = (params: { status?: string; phone?: string; page: number; pageSize: number }) =>
  queryOptions({ queryKey: supervisionKeys.smsRecords(params), queryFn: ({ signal }) => api.get<Page<SmsRecord>>('/api/admin/sms-records', { ...params }, signal), staleTime: 0 });
