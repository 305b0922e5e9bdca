import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  zChangePasswordRequest,
  zLoginRequest,
  zMe,
  zOk,
  zRegisterRequest,
  zResetPasswordRequest,
  zSmsCodeRequest,
  zSmsCodeResponse,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import { SESSION_COOKIE } from '../../platform/sessions';
import { smsSentMessage } from '../../platform/sms/service';
import type { AuthService } from './service';
import { toMe } from './service';

export interface AuthRouteOptions {
  auth: AuthService;
  /** the session cookie's Secure flag (COOKIE_SECURE; on by default in production) */
  cookieSecure: boolean;
  loginRateLimit: number;
  smsRateLimit: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const { auth } = opts;
  const tags = ['账户'];

  app.post(
    '/auth/sms-code',
    {
      config: { access: { public: true }, rateLimit: { max: opts.smsRateLimit, timeWindow: 60_000 } },
      schema: { tags, summary: '获取短信验证码', body: zSmsCodeRequest, response: { 200: zSmsCodeResponse } },
    },
    async (req) => {
      const r = await auth.requestSmsCode(req.body.phone, req.body.purpose);
      return { sent: true as const, cooldownSeconds: r.cooldownSeconds, remainingToday: r.remainingToday, message: smsSentMessage(r.remainingToday) };
    },
  );

  app.post(
    '/auth/register',
    {
      config: { access: { public: true }, rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
      schema: { tags, summary: '企业用户注册', body: zRegisterRequest, response: { 201: zOk } },
    },
    async (req, reply) => {
      await auth.register(req.body, requestActor(req));
      return reply.code(201).send({ ok: true });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
      schema: { tags, summary: '手机号 + 密码 + 短信验证码登录', body: zLoginRequest, response: { 200: zMe } },
    },
    async (req, reply) => {
      const { token, user } = await auth.login(req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.cookieSecure,
      });
      return toMe(user);
    },
  );

  app.post(
    '/auth/reset-password',
    {
      config: { access: { public: true }, rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
      schema: { tags, summary: '短信重置密码（同时解除锁定）', body: zResetPasswordRequest, response: { 200: zOk } },
    },
    async (req) => {
      await auth.resetPassword(req.body, requestActor(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: { anyRole: true, allowPendingPasswordChange: true, allowUncertified: true } },
      schema: { tags, summary: '退出登录', response: { 200: zOk } },
    },
    async (req, reply) => {
      await auth.logout(currentUser(req), requestActor(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/change-password',
    {
      config: { access: { anyRole: true, allowPendingPasswordChange: true, allowUncertified: true } },
      schema: { tags, summary: '修改密码（结束全部会话）', body: zChangePasswordRequest, response: { 200: zOk } },
    },
    async (req, reply) => {
      await auth.changePassword(currentUser(req), req.body, requestActor(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure });
      return { ok: true as const };
    },
  );

  app.get(
    '/me',
    {
      config: { access: { anyRole: true, allowPendingPasswordChange: true, allowUncertified: true } },
      schema: { tags, summary: '当前用户', response: { 200: zMe } },
    },
    async (req) => toMe(currentUser(req)),
  );
};
