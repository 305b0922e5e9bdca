import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
// Deep import: the entry chunk must not reach the whole antd barrel (see vite.config.ts).
import Button from 'antd/es/button';
import { permissions, type Permission, type Role } from '@benxi/shared';
import { onApiError } from '../lib/api';
import { wasSignedOutOnPurpose } from '../lib/sign-out';
import { meQueryKey, useMe, type Me } from '../features/auth/api/me';
import { PageLoading } from '../components/PageLoading';

const ForcedPasswordChangePage = lazy(() => import('./routes/account/ForcedPasswordChangePage'));
const ForbiddenPage = lazy(() => import('./routes/ForbiddenPage'));

/** Where to go after login: only paths of this site. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}

export function needsCertification(me: Me): boolean {
  return me.role === 'enterprise' && !me.org.certified;
}

/** Reacts to answers that change what the user may see, from whatever request they came. */
function useGlobalApiErrors(me: Me) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  useEffect(
    () =>
      onApiError((e) => {
        if (e.status === 401 && e.code !== 'INVALID_CREDENTIALS') {
          qc.setQueryData(meQueryKey, null);
        } else if (e.code === 'PASSWORD_CHANGE_REQUIRED') {
          qc.setQueryData<Me | null>(meQueryKey, (m) => (m ? { ...m, mustChangePassword: true } : m));
        } else if (e.code === 'CERTIFICATION_REQUIRED') {
          qc.setQueryData<Me | null>(meQueryKey, (m) => (m ? { ...m, org: { ...m.org, certified: false } } : m));
          navigate('/certification', { replace: true });
        }
      }),
    [qc, navigate, me.id],
  );
}

function Authenticated({ me }: { me: Me }) {
  const { pathname } = useLocation();
  useGlobalApiErrors(me);
  if (me.mustChangePassword) {
    return (
      <Suspense fallback={<PageLoading full />}>
        <ForcedPasswordChangePage me={me} />
      </Suspense>
    );
  }
  if (needsCertification(me) && pathname !== '/certification') return <Navigate to="/certification" replace />;
  return <Outlet />;
}

/** Everything behind the login. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading full />;
  if (me.isError) {
    return (
      <div role="alert" style={{ padding: '96px 24px', textAlign: 'center' }}>
        <h3 style={{ fontSize: 20, fontWeight: 500 }}>无法连接服务器</h3>
        <p style={{ color: 'rgba(0,0,0,0.45)' }}>{me.error.message}</p>
        <Button type="primary" onClick={() => me.refetch()}>
          重试
        </Button>
      </div>
    );
  }
  if (!me.data) {
    const here = location.pathname + location.search;
    const to = wasSignedOutOnPurpose() || here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return <Authenticated me={me.data} />;
}

/** 登录 / 注册 / 忘记密码: a logged-in user goes on to where they were headed. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.data) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;
  return <>{children}</>;
}

/** A page for some roles only; others get 403 inside the shell. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data || !roles.includes(me.data.role)) {
    return (
      <Suspense fallback={<PageLoading />}>
        <ForbiddenPage />
      </Suspense>
    );
  }
  return <>{children}</>;
}

/** A page for the roles that hold a permission (the same table the server checks). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return <RequireRole roles={[...permissions[permission]]}>{children}</RequireRole>;
}
