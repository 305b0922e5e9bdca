import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export interface SmsOutboxItem {
  phone: string;
  purpose: string;
  code: string;
  content: string;
  sentAt: string;
}

export const outboxQueryKey = (phone?: string) => ['dev-sms-outbox', phone ?? ''] as const;

export const fetchOutbox = (phone?: string, signal?: AbortSignal) =>
  api.get<{ items: SmsOutboxItem[] }>('/api/dev/sms-outbox', { phone }, signal);

/**
 * The outbox exists only while the console SMS provider is configured (404 otherwise, and then
 * the panel stays hidden). Polled every 3 s while the panel is open.
 */
export function useOutbox(phone: string | undefined, open: boolean) {
  return useQuery({
    queryKey: outboxQueryKey(phone),
    queryFn: ({ signal }) => fetchOutbox(phone, signal),
    retry: false,
    staleTime: 0,
    refetchInterval: open ? 3000 : false,
    refetchOnWindowFocus: open,
  });
}
