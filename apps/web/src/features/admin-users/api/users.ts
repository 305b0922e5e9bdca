import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@benxi/shared';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export interface UserRow {
  id: string;
  phone: string;
  name: string | null;
  role: Role;
  orgName: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface UserListParams {
  keyword?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  page: number;
  pageSize: number;
}

export const adminUserKeys = {
  all: ['admin', 'users'] as const,
  list: (p: UserListParams) => ['admin', 'users', 'list', p] as const,
};

export const userListQueryOptions = (params: UserListParams) =>
  queryOptions({
    queryKey: adminUserKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<UserRow>>('/api/admin/users', { ...params }, signal),
    staleTime: 0,
  });

export type UserAction = 'unlock' | 'disable' | 'enable';

export const userActionLabels: Record<UserAction, string> = { unlock: '解锁', disable: '停用', enable: '启用' };

export function useUserAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: UserAction }) =>
      api.post<unknown>(`/api/admin/users/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminUserKeys.all }),
  });
}

export const isLocked = (u: Pick<UserRow, 'lockedUntil'>, now = Date.now()): boolean =>
  !!u.lockedUntil && new Date(u.lockedUntil).getTime() > now;

export interface CreateUserInput {
  phone: string;
  name: string;
  role: Exclude<Role, 'enterprise'>;
  orgId: string;
}

/** POST /api/admin/users: the first password goes to the phone by SMS and must be changed at first login. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<UserRow>('/api/admin/users', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminUserKeys.all });
      void qc.invalidateQueries({ queryKey: ['admin', 'organizations'] });
    },
  });
}

/** A temporary password by SMS; also unlocks the account and ends its sessions. */
export function useResetUserPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/admin/users/${encodeURIComponent(id)}/reset-password`),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminUserKeys.all }),
  });
}
