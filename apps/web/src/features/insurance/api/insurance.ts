import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InsuranceOrderStatus, TInsuranceApplicationRequest, TInsuranceOrder, TInsuranceProduct, TInsuranceProductRequest, TInsuranceQuotes, TInsurer } from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type InsuranceOrder = TInsuranceOrder;
export type InsuranceQuotes = TInsuranceQuotes;
export type InsuranceProduct = TInsuranceProduct;
export type Insurer = TInsurer;

export const insuranceKeys = {
  all: ['insurance'] as const,
  quotes: (projectId: string, q: QuoteFilters) => ['insurance', 'quotes', projectId, q] as const,
  orders: (q: OrderListParams) => ['insurance', 'orders', q] as const,
  order: (id: string) => ['insurance', 'order', id] as const,
  products: (q: object) => ['insurance', 'products', q] as const,
  insurers: ['insurance', 'insurers'] as const,
};

export interface QuoteFilters {
  regionCode?: string;
  productType?: string;
  applicantType?: string;
  qualification?: string;
  startOn?: string;
  endOn?: string;
}

export interface OrderListParams {
  status?: InsuranceOrderStatus;
  projectId?: string;
  projectName?: string;
  todo?: '1';
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;

/** GET /api/projects/:id/insurance-quotes — the insurers offering such a product, with 参考保费. */
export const useInsuranceQuotes = (projectId: string, q: QuoteFilters) =>
  useQuery({
    queryKey: insuranceKeys.quotes(projectId, q),
    queryFn: ({ signal }) => api.get<InsuranceQuotes>(`/api/projects/${enc(projectId)}/insurance-quotes`, { ...q }, signal),
    placeholderData: (prev) => prev,
  });

export const orderListQueryOptions = (q: OrderListParams) =>
  queryOptions({ queryKey: insuranceKeys.orders(q), queryFn: ({ signal }) => api.get<Page<InsuranceOrder>>('/api/insurance-orders', { ...q }, signal), staleTime: 0 });
export const useInsuranceOrders = (q: OrderListParams, enabled = true) => useQuery({ ...orderListQueryOptions(q), enabled });
export const useInsuranceOrder = (id: string) =>
  useQuery({ queryKey: insuranceKeys.order(id), queryFn: ({ signal }) => api.get<InsuranceOrder>(`/api/insurance-orders/${enc(id)}`, undefined, signal) });

/** Every insurance mutation refreshes the orders, the deposit card and the project (its 保证金状态). */
function useInsuranceMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: insuranceKeys.all });
      void qc.invalidateQueries({ queryKey: ['payment'] });
      void qc.invalidateQueries({ queryKey: ['projects'] });
      void qc.invalidateQueries({ queryKey: ['guarantees'] });
    },
  });
}

export const useSubmitInsurance = () =>
  useInsuranceMutation((body: TInsuranceApplicationRequest) => api.post<{ applicationId: string; businessNo: string; orders: InsuranceOrder[] }>('/api/insurance-applications', body));

/** One order action: POST /api/insurance-orders/:id/<verb> */
export const useOrderAction = () =>
  useInsuranceMutation(({ id, verb, body }: { id: string; verb: 'pay' | 'close' | 'voucher' | 'invoice-request' | 'approve' | 'refuse' | 'confirm-payment' | 'issue-policy' | 'invoice'; body?: unknown }) =>
    api.post<InsuranceOrder>(`/api/insurance-orders/${enc(id)}/${verb}`, body),
  );

// ---- the catalogue (admin)
export const productListQueryOptions = (q: { insurerOrgId?: string; withdrawn?: '0' | '1'; name?: string; page: number; pageSize: number }) =>
  queryOptions({ queryKey: insuranceKeys.products(q), queryFn: ({ signal }) => api.get<Page<InsuranceProduct>>('/api/insurance/products', { ...q }, signal), staleTime: 0 });
export const useInsurers = () => useQuery({ queryKey: insuranceKeys.insurers, queryFn: ({ signal }) => api.get<Insurer[]>('/api/insurance/insurers', undefined, signal) });
export const useSaveProduct = () =>
  useInsuranceMutation(({ id, body }: { id?: string; body: TInsuranceProductRequest }) =>
    id ? api.put<InsuranceProduct>(`/api/insurance/products/${enc(id)}`, body) : api.post<InsuranceProduct>('/api/insurance/products', body),
  );
export const useWithdrawProduct = () => useInsuranceMutation((id: string) => api.post<InsuranceProduct>(`/api/insurance/products/${enc(id)}/withdraw`));
export const useSaveInsurerAccount = () =>
  useInsuranceMutation(({ orgId, body }: { orgId: string; body: { accountName: string; accountBank: string; accountNo: string } }) => api.put<Insurer>(`/api/insurance/insurers/${enc(orgId)}/account`, body));

/** 导出 Excel of the order list with its filters. */
export const exportOrders = (filters: Omit<OrderListParams, 'page' | 'pageSize'>) => download('/api/insurance-orders/export', { ...filters }, '投保订单.xlsx');
