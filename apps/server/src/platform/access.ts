import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '@benxi/shared';
import type { Clock } from './clock';
import { AppError } from './errors';
import type { Actor } from './audit';
import { SESSION_COOKIE, type AuthUser, type SessionPolicy, type SessionStore } from './sessions';

/**
 * Who may call a route, declared on the route as `config.access`. Routes without it require a
 * logged-in, certified user whose password needs no change: deny is the default.
 */
export type Access =
  | { public: true }
  | {
      permission?: Permission;
      /** routes an uncertified enterprise may use (its certification, uploads, /me) */
      allowUncertified?: boolean;
      /** routes usable while a password change is pending (/me, change password, logout) */
      allowPendingPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export function requestActor(req: FastifyRequest): Actor {
  return { id: req.user?.id ?? null, phone: req.user?.phone ?? null, role: req.user?.role ?? null, ip: req.ip };
}

export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export function registerAccess(app: FastifyInstance, deps: { sessions: SessionStore; clock: Clock; policy: SessionPolicy }): void {
  app.decorateRequest('user', null);

  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
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
    if (!req.routeOptions.url) return; // 404 handler
    if (!req.url.startsWith('/api/')) return; // the web app's static files: public
    if (access && 'public' in access) return;

    const user = req.user;
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
    if (user.mustChangePassword && !access?.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    }
    // A role that may never call the route is told so; certifying would not help it.
    if (access?.permission && !can(user.role, access.permission)) {
      throw new AppError('FORBIDDEN', '您的账户没有此操作的权限');
    }
    if (user.role === 'enterprise' && !user.orgCertified && !access?.allowUncertified && !access?.allowPendingPasswordChange) {
      throw new AppError('CERTIFICATION_REQUIRED', '请先完成企业认证，认证通过后即可使用平台功能');
    }
  });
}
