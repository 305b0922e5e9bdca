import crypto from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { can, type Permission } from '@benxi/shared';
import type { Clock } from './clock';
import { AppError } from './errors';
import type { Actor } from './audit';
import { SESSION_COOKIE, type AuthUser, type SessionPolicy, type SessionStore } from './sessions';

/** What a logged-in user must also be for a route that is not public. */
interface Gate {
  /** routes an uncertified enterprise may use (its certification, uploads, /me) */
  allowUncertified?: boolean;
  /** routes usable while a password change is pending (/me, change password, logout) */
  allowPendingPasswordChange?: boolean;
}

/**
 * Who may call a route, declared on the route as `config.access` and read from the route the router
 * matched (never from the URL's spelling, docs/decisions/013). Every route says it: public, any
 * logged-in user, or a permission. A matched route that says nothing is refused (and a 500 outside
 * production, so that a route can never be open by omission).
 */
export type Access =
  | { public: true }
  | (Gate & { permission: Permission })
  | (Gate & { anyRole: true })
  /**
   * The open API (SPEC §13, docs/decisions/021): a signed request of an API client whose organisation
   * is one of these types. Such a route must live under /api/open/v1/; no session cookie counts on it.
   */
  | { open: readonly OpenOrgType[] };

export type OpenOrgType = 'bank' | 'insurer';

/**
 * The verified API client a signed request acts as. `role` and `orgId` are those of a portal user of
 * the same organisation, so the scope rules (platform/scope.ts) see it exactly like one.
 */
export interface OpenPrincipal {
  kind: 'open';
  role: OpenOrgType;
  orgId: string;
  orgName: string | null;
  clientId: string;
  appId: string;
}

/** Verifies a signed request (modules/open/verify.ts): the principal, or an AppError with a 401 code. */
export interface OpenAuthenticator {
  authenticate(req: FastifyRequest): Promise<OpenPrincipal>;
}

/** For routes registered by third-party plugins (static files of the web app, the API docs): see publicRoutes. */
export const PUBLIC: Access = { public: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    /** set on an open API route once its signature verified; null everywhere else */
    openClient: OpenPrincipal | null;
  }
  interface FastifyInstance {
    /** every route registered after registerAccess, with its access decision (undefined: none) */
    routeAccess(): { method: RouteOptions['method']; url: string; access: Access | undefined }[];
  }
}

export function requestActor(req: FastifyRequest): Actor {
  if (req.openClient) return { id: null, phone: null, role: req.openClient.role, ip: req.ip, client: req.openClient.appId };
  return { id: req.user?.id ?? null, phone: req.user?.phone ?? null, role: req.user?.role ?? null, ip: req.ip };
}

export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}

/** The API client of an open route (its access is `{ open: […] }`): the principal the commands get. */
export function openPrincipal(req: FastifyRequest): OpenPrincipal {
  if (!req.openClient) throw new AppError('OPEN_CLIENT_UNKNOWN', '请求未通过开放接口签名验证');
  return req.openClient;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/**
 * Registers a plugin none of whose routes carry user data (the web app's static files, the Swagger
 * UI of the public OpenAPI document) and marks each of its routes public: a deliberate decision,
 * made here once, instead of an exception by URL.
 */
export async function publicRoutes<O extends object>(app: FastifyInstance, plugin: FastifyPluginAsync<O> | FastifyPluginCallback<O>, opts: O): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: PUBLIC };
    });
    await scope.register(plugin as FastifyPluginAsync<O>, opts);
  });
}

export function registerAccess(
  app: FastifyInstance,
  deps: {
    sessions: SessionStore;
    clock: Clock;
    policy: SessionPolicy;
    /**
     * tests and development: a route without an access decision stops the start and answers 500;
     * production: it is logged and refused (401/403)
     */
    strict: boolean;
    /** verifies the signed requests of `{ open: […] }` routes; without it they are refused */
    open?: OpenAuthenticator;
  },
): void {
  app.decorateRequest('user', null);
  app.decorateRequest('openClient', null);

  // Every route registered from here on, to check at start-up that each one says who may call it.
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('routeAccess', () =>
    routes.map((r) => ({ method: r.method, url: r.url, access: (r.config as { access?: Access } | undefined)?.access })),
  );
  app.addHook('onReady', async () => {
    const missing = app.routeAccess().filter((r) => !r.access).map((r) => `${String(r.method)} ${r.url}`);
    if (!missing.length) return;
    const message = `routes without config.access (declare who may call each one): ${missing.join(', ')}`;
    if (deps.strict) throw new Error(message);
    app.log.error({ routes: missing }, message); // production: they answer 401/403 (below)
  });

  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (access && 'open' in access && !req.is404) {
      // A signed request, never a session: a cookie sent along is not even read.
      if (!deps.open) throw new AppError('OPEN_CLIENT_UNKNOWN', '开放接口未启用');
      const principal = await deps.open.authenticate(req);
      req.openClient = principal;
      if (!access.open.includes(principal.role)) throw new AppError('FORBIDDEN', '该接口不对贵机构类型开放');
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const found = await deps.sessions.load(token, deps.clock.now(), deps.policy);
      if (found.kind === 'ok') req.user = found.user;
      else {
        expired = found.kind === 'expired';
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // The 404 handler carries no data (an API error, or the web app's index.html): nothing to guard.
    if (req.is404) return;
    const user = req.user;
    if (!access) {
      const route = `${req.method} ${req.routeOptions.url ?? '?'}`;
      req.log.error({ route }, 'route has no access decision (config.access): refused');
      if (deps.strict) throw new Error(`route ${route} has no config.access: declare who may call it`);
      throw user ? new AppError('FORBIDDEN', '您的账户没有此操作的权限') : new AppError('UNAUTHENTICATED', '请先登录');
    }
    if ('public' in access) return;
    if ('open' in access) throw new AppError('OPEN_CLIENT_UNKNOWN', '请求未通过开放接口签名验证'); // handled above

    if (!user) {
      throw expired
        ? new AppError('SESSION_EXPIRED', '登录已超时，请重新登录')
        : new AppError('UNAUTHENTICATED', '请先登录');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, user.csrfToken)) {
        throw new AppError('CSRF_FAILED', '页面已过期，请刷新页面后重试');
      }
    }
    if (user.mustChangePassword && !access.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    }
    // A role that may never call the route is told so; certifying would not help it.
    if ('permission' in access && !can(user.role, access.permission)) {
      throw new AppError('FORBIDDEN', '您的账户没有此操作的权限');
    }
    if (user.role === 'enterprise' && !user.orgCertified && !access.allowUncertified && !access.allowPendingPasswordChange) {
      throw new AppError('CERTIFICATION_REQUIRED', '请先完成企业认证，认证通过后即可使用平台功能');
    }
  });
}
