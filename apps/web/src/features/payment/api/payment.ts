import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CashDepositStatus,
  GuaranteeApplicationStatus,
  TBankOption,
  TCashConfirmRequest,
  TCashDeposit,
  TCashDepositRequest,
  TDepositCard,
  TGuaranteeApplication,
  TGuaranteeApplicationRequest,
  TGuaranteeIssueRequest,
} from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type DepositCard = TDepositCard;
export type CashDeposit = TCashDeposit;
export type GuaranteeApplication = TGuaranteeApplication;
export type BankOption = TBankOption;

export const paymentKeys = {
  all: ['payment'] as const,
  card: (projectId: string) => ['payment', 'card', projectId] as const,
  banks: (projectId: string, service: 'cash' | 'guarantee') => ['payment', 'banks', projectId, service] as const,
  cashList: (q: PaymentListParams<CashDepositStatus>) => ['payment', 'cash', 'list', q] as const,
  cash: (id: string) => ['payment', 'cash', 'detail', id] as const,
  guaranteeList: (q: PaymentListParams<GuaranteeApplicationStatus>) => ['payment', 'guarantee', 'list', q] as const,
  guarantee: (id: string) => ['payment', 'guarantee', 'detail', id] as const,
};

export interface PaymentListParams<S extends string> {
  status?: S;
  projectName?: string;
  /** the bank's 待办: what it still has to act on, oldest first */
  todo?: '1';
  page: number;
  pageSize: number;
}

/** GET /api/projects/:id/deposit — the 定额保证金 card. */
export const useDepositCard = (projectId: string, enabled = true) =>
  useQuery({
    queryKey: paymentKeys.card(projectId),
    queryFn: ({ signal }) => api.get<DepositCard>(`/api/projects/${encodeURIComponent(projectId)}/deposit`, undefined, signal),
    enabled,
  });

/** The 经办银行 of the project's region with the service. */
export const useProjectBanks = (projectId: string, service: 'cash' | 'guarantee', enabled = true) =>
  useQuery({
    queryKey: paymentKeys.banks(projectId, service),
    queryFn: ({ signal }) => api.get<BankOption[]>(`/api/projects/${encodeURIComponent(projectId)}/banks`, { service }, signal),
    enabled,
    staleTime: 60_000,
  });

export const cashListQueryOptions = (q: PaymentListParams<CashDepositStatus>) =>
  queryOptions({ queryKey: paymentKeys.cashList(q), queryFn: ({ signal }) => api.get<Page<CashDeposit>>('/api/cash-deposits', { ...q }, signal), staleTime: 0 });

export const guaranteeListQueryOptions = (q: PaymentListParams<GuaranteeApplicationStatus>) =>
  queryOptions({
    queryKey: paymentKeys.guaranteeList(q),
    queryFn: ({ signal }) => api.get<Page<GuaranteeApplication>>('/api/guarantee-applications', { ...q }, signal),
    staleTime: 0,
  });

export const useCashList = (q: PaymentListParams<CashDepositStatus>) => useQuery(cashListQueryOptions(q));
export const useGuaranteeList = (q: PaymentListParams<GuaranteeApplicationStatus>) => useQuery(guaranteeListQueryOptions(q));

export const useCashDeposit = (id: string) =>
  useQuery({ queryKey: paymentKeys.cash(id), queryFn: ({ signal }) => api.get<CashDeposit>(`/api/cash-deposits/${encodeURIComponent(id)}`, undefined, signal) });

export const useGuaranteeApplication = (id: string) =>
  useQuery({
    queryKey: paymentKeys.guarantee(id),
    queryFn: ({ signal }) => api.get<GuaranteeApplication>(`/api/guarantee-applications/${encodeURIComponent(id)}`, undefined, signal),
  });

/** Every payment mutation refreshes the card, the lists and the project (its 保证金状态). */
function usePaymentMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: paymentKeys.all });
      void qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export const useSubmitCashDeposit = () => usePaymentMutation((body: TCashDepositRequest) => api.post<CashDeposit>('/api/cash-deposits', body));
export const useSubmitGuaranteeApplication = () => usePaymentMutation((body: TGuaranteeApplicationRequest) => api.post<GuaranteeApplication>('/api/guarantee-applications', body));
export const useConfirmCash = () =>
  usePaymentMutation(({ id, body }: { id: string; body: TCashConfirmRequest }) => api.post<CashDeposit>(`/api/cash-deposits/${encodeURIComponent(id)}/confirm`, body));
export const useAcceptGuarantee = () => usePaymentMutation((id: string) => api.post<GuaranteeApplication>(`/api/guarantee-applications/${encodeURIComponent(id)}/accept`));
export const useRefuseGuarantee = () =>
  usePaymentMutation(({ id, reason }: { id: string; reason: string }) => api.post<GuaranteeApplication>(`/api/guarantee-applications/${encodeURIComponent(id)}/refuse`, { reason }));
export const useIssueGuarantee = () =>
  usePaymentMutation(({ id, body }: { id: string; body: TGuaranteeIssueRequest }) => api.post<GuaranteeApplication>(`/api/guarantee-applications/${encodeURIComponent(id)}/issue`, body));
