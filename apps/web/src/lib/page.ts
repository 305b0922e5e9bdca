/** A page of a list endpoint: `{ items, total, page, pageSize }`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const PAGE_SIZE_OPTIONS = [10, 20, 50];

/** Pagination of every ProTable: 第 1-10 条/总共 N 条, 10 / 20 / 50 a page. */
export const tablePagination = {
  defaultPageSize: 10,
  pageSizeOptions: PAGE_SIZE_OPTIONS,
  showSizeChanger: true,
  showQuickJumper: true,
  showTotal: (total: number, range: [number, number]) => `第 ${range[0]}-${range[1]} 条/总共 ${total} 条`,
};

/** What ProTable's `request` must answer. */
export const toTableResult = <T,>(p: Page<T>) => ({ data: p.items, total: p.total, success: true });

/**
 * ProTable's `onRequestError`: without it a failed `request` becomes an unhandled rejection.
 * 401 / 403 redirects are handled globally (lib/api onApiError), so those stay quiet here.
 */
export function tableRequestError(show: (text: string) => void) {
  return (e: Error) => {
    const status = (e as { status?: number }).status;
    if (status === 401) return;
    show(e.message || '加载失败，请稍后重试');
  };
}
