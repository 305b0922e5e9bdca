import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TMe } from '@benxi/shared';
import { ApiError, api, setCsrfToken } from '../../../lib/api';

export type Me = TMe;

export const meQueryKey = ['me'] as const;

/** GET /api/me; a 401 means "not logged in" and is answered with null, not an error. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me', undefined, signal);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
  });

export const useMe = () => useQuery(meQueryOptions());
