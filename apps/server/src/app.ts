import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ApiError } from '@benxi/shared';
import type { Env } from './config/env';
import type { Database } from './db/client';
import { publicRoutes, registerAccess } from './platform/access';
import { securityHeaders } from './platform/security-headers';
import { createSerializerCompiler } from './platform/serializer';
import { listenForChanges } from './platform/changes';
import { cacheUnitTree } from './modules/projects/policy';
import { createSessionStore } from './platform/sessions';
import type { Clock } from './platform/clock';
import { AppError } from './platform/errors';
import type { SmsProvider } from './platform/sms/provider';
import { createSmsService } from './platform/sms/service';
import { createAdminService } from './modules/admin/service';
import { adminRoutes } from './modules/admin/routes';
import { authRoutes } from './modules/auth/routes';
import { createAuthService } from './modules/auth/service';
import * as accountTables from './modules/auth/repository';
import { cachedAccounts, createOrganizationCache } from './modules/auth/organization-cache';
import * as dictionaryData from './modules/dictionaries/repository';
import * as projectData from './modules/projects/repository';
import * as arrearsData from './modules/arrears/repository';
import * as openData from './modules/open/repository';
import * as certificationData from './modules/certification/repository';
import { certificationRoutes } from './modules/certification/routes';
import { createCertificationService } from './modules/certification/service';
import { devRoutes } from './modules/dev/routes';
import { fileRoutes } from './modules/files/routes';
import { createFileService } from './modules/files/service';
import { systemRoutes } from './modules/system/routes';
import { createDictionaryService } from './modules/dictionaries/service';
import { dictionaryRoutes } from './modules/dictionaries/routes';
import { createProjectService } from './modules/projects/service';
import { projectRoutes } from './modules/projects/routes';
import { createSnowflake } from './platform/snowflake';
import { createManageService } from './modules/admin/manage';
import { manageRoutes } from './modules/admin/manage-routes';
import { createRulesService } from './modules/rules/service';
import { rulesRoutes } from './modules/rules/routes';
import { createQuotaService } from './modules/quota/service';
import { quotaRoutes } from './modules/quota/routes';
import { createArrearsService } from './modules/arrears/service';
import { arrearsRoutes } from './modules/arrears/routes';
import { createScheduler } from './platform/jobs';
import { createJobRunService, maintenanceJobs } from './modules/maintenance/service';
import { maintenanceRoutes } from './modules/maintenance/routes';
import { createOutbox, type Outbox } from './platform/outbox';
import { outboxProbeHandler } from './platform/outbox-probe';
import { certificationSmsHandler } from './modules/certification/notifications';
import { writeAudit } from './platform/audit';
import { lockDeposit, moveDeposit } from './modules/deposit/move-deposit';
import { bindPaymentAttempts, type PaymentAttempts } from './modules/payment/attempts';
import { recordOpenEvent } from './modules/open/events';
import { cashDepositCloser } from './modules/cash-deposits/closer';
import { guaranteeApplicationCloser } from './modules/bank-guarantees/closer';
import * as quotaData from './modules/quota/repository';
import * as fileData from './modules/files/repository';
import { attach, attachedFiles } from './modules/files/attachments';
import { registerGuarantee } from './modules/guarantees/register';
import type { PaymentContext } from './modules/payment/context';
import { createPaymentService } from './modules/payment/service';
import { paymentRoutes } from './modules/payment/routes';
import { createCashDepositService } from './modules/cash-deposits/service';
import { cashDepositRoutes } from './modules/cash-deposits/routes';
import { createBankGuaranteeService } from './modules/bank-guarantees/service';
import { bankGuaranteeRoutes } from './modules/bank-guarantees/routes';
import { paymentOpenRoutes } from './modules/payment/open-routes';
// 保险办理 (issue 12, ADR 024)
import { insuranceCloser } from './modules/insurance/closer';
import { createInsuranceService } from './modules/insurance/service';
import { insuranceRoutes } from './modules/insurance/routes';
import { insuranceOpenRoutes } from './modules/insurance/open-routes';
import { createSm2Pool, defaultSm2Threads } from './platform/sm2/pool';
import { createOpenLayer, type OpenLayer, type PlatformKeyPair } from './modules/open/layer';
import { loadPlatformKey } from './modules/open/keys';
import { createApiClientService } from './modules/open/clients';
import { apiClientAdminRoutes, openRoutes } from './modules/open/routes';
// 保证金动用 (SPEC §9, ADR 032)
import { createDepositUseService } from './modules/deposit-uses/service';
import { depositUseRoutes } from './modules/deposit-uses/routes';
import { depositUseOpenRoutes } from './modules/deposit-uses/open-routes';
import * as cashDepositData from './modules/cash-deposits/repository';
import * as guaranteeData from './modules/guarantees/repository';
import { claimGuarantee } from './modules/guarantees/register';
import { chosenBank } from './modules/payment/common';
import { openProbeRoutes } from './modules/open/probe';
import { offlineGuaranteeCloser } from './modules/guarantees/closer';
import { createGuaranteeService } from './modules/guarantees/service';
import { guaranteeRoutes } from './modules/guarantees/routes';
// 备案 / 注销 / 返还 (issue 13)
import { releaseProjectGuarantees } from './modules/guarantees/register';
import { createClosureService } from './modules/closure/service';
import { closureRoutes } from './modules/closure/routes';
import { closureOpenRoutes } from './modules/closure/open-routes';
// issue 15: warnings, messages + SMS, 首页, calendar years (ADR 036–039)
import { bankOverdueRule, guaranteeExpiryRule, offlineReviewOverdueRule, quotaReviewOverdueRule, quotaUnpaidRule } from './modules/warnings/rules';
import type { SweepDeps } from './modules/warnings/sweep';
import { warningRecheckHandler } from './modules/warnings/events';
import { warningJobs } from './modules/warnings/job';
import { createWarningService } from './modules/warnings/service';
import { warningRoutes } from './modules/warnings/routes';
import * as warningData from './modules/warnings/repository';
import * as guaranteeWarningReads from './modules/guarantees/repositories/warning-reads';
import * as quotaWarningReads from './modules/quota/repositories/warning-reads';
import * as bankGuaranteeWarningReads from './modules/bank-guarantees/repositories/warning-reads';
import * as projectFactsData from './modules/projects/repositories/warning-reads';
// issue 13/14 deadlines as warnings (helper X1, ADR 041)
import { cancellationReviewOverdueRule, filingReviewOverdueRule, replenishOverdueRule, returnConfirmOverdueRule, usePaymentOverdueRule } from './modules/warnings/rules';
import * as closureWarningReads from './modules/closure/repositories/warning-reads';
import * as depositUseWarningReads from './modules/deposit-uses/repositories/warning-reads';
import * as depositUseData from './modules/deposit-uses/repository';
import * as memberData from './modules/auth/repositories/members';
import { enterpriseContact } from './modules/certification/repositories/contacts';
import { createMessageService } from './modules/messages/service';
import { messageRoutes } from './modules/messages/routes';
import { decisionMessageHandler, warningMessageHandler, warningSmsHandler } from './modules/messages/notifications';
import { createDashboardService } from './modules/dashboard/service';
import { dashboardRoutes } from './modules/dashboard/routes';
// issue 15: 台账 and monthly statistics (ADR 043)
import { createLedgerService } from './modules/ledger/service';
import { ledgerRoutes } from './modules/ledger/routes';
import { ledgerCash } from './modules/cash-deposits/repositories/ledger-reads';
import { ledgerGuarantees } from './modules/guarantees/repositories/ledger-reads';
import { ledgerUses } from './modules/deposit-uses/repositories/ledger-reads';
import { ledgerReturns } from './modules/closure/repositories/ledger-reads';
import { ledgerQuotas } from './modules/quota/repositories/ledger-reads';
import { dashboardCounts } from './modules/dashboard/counts';

declare module 'fastify' {
  interface FastifyInstance {
    /** after-commit events of this process (tests drain it by hand: `await app.outbox.drain()`) */
    outbox: Outbox;
    /** the payment attempts bound to this app's dependencies (the ways' commands use them; tests may too) */
    payments: PaymentAttempts;
    /** the open API's layer and the platform's key pair (tests purge nonces by hand) */
    open: { layer: OpenLayer; platformKey: PlatformKeyPair };
  }
}

export interface AppDeps {
  env: Env;
  database: Database;
  clock: Clock;
  sms: SmsProvider;
  logger?: boolean | object;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

function isDbUnavailable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e?.code ?? e?.cause?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin shutdown
    code === '57P03' || // cannot connect now
    code === '08006' ||
    code === '08001' ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

/**
 * PostgreSQL's "data exception" class (22xxx: a NUL character, a number or date out of range, text
 * that is not a valid uuid …) and "program limit exceeded" (54000: a value too large to index) can
 * only come from input that got past validation: the client's fault, so a 400, never a 500.
 */
function isBadInputForDb(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  return /^22[0-9A-Z]{3}$/.test(code) || code === '54000';
}

/** A NUL character anywhere in the parsed input (PostgreSQL text cannot hold it). */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  return false;
}

/**
 * Whether a URL no route matched is meant for the API however it is spelled (`/%61pi/…`, `//api/…`,
 * `/API/…`, `/x/../api/…`, `/api;x/…`): such a URL answers the JSON 404, never the web app's page.
 */
export function looksLikeApi(url: string): boolean {
  let p = url.split(/[?#]/)[0] ?? '';
  for (let i = 0; i < 3 && p.includes('%'); i++) {
    try {
      p = decodeURIComponent(p);
    } catch {
      return true; // undecodable: not a page of the web app either
    }
  }
  p = path.posix.normalize(`/${p.replace(/\\/g, '/')}`).toLowerCase();
  return p.startsWith('/api');
}

/** Maps every error to the SPEC §12 shape; internals of 5xx never leave the server. */
function toApiError(err: FastifyError | Error): { status: number; body: ApiError } {
  if (err instanceof AppError) {
    return { status: err.status, body: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string[]> = {};
    for (const v of err.validation) {
      const key = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
      (fields[key] ??= []).push(v.message ?? '格式不正确');
    }
    const first = Object.values(fields)[0]?.[0] ?? '格式不正确';
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: `提交的信息有误：${first}`, details: { fields } } };
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } };
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, body: { code: 'FILE_TOO_LARGE', message: '文件超过100MB，请压缩或拆分后再上传' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求格式不支持，请以 JSON 或 multipart/form-data 提交' } };
  }
  if (fe.statusCode === 429) {
    return { status: 429, body: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' } };
  }
  if (isBadInputForDb(err)) {
    return { status: 400, body: { code: 'BAD_REQUEST', message: '提交的内容包含无法保存的字符或超出范围的数值，请检查后重试' } };
  }
  if (isDbUnavailable(err)) {
    return { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，数据库暂时不可用，请稍后重试' } };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message = fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/i.test(fe.message) ? '请求内容不是有效的 JSON' : '请求格式不正确';
    return { status: fe.statusCode === 413 ? 413 : 400, body: { code: fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试；如持续出现请联系平台运营人员' } };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { env, database, clock } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot decode or whose parameter is over-long never reaches a route: answer it
    // in the SPEC §12 shape too (Fastify's default is { error, code: FST_ERR_…, message, statusCode }).
    frameworkErrors: (err, _req, reply) => {
      const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求地址中的参数过长' : '请求地址格式不正确';
      const body: ApiError = { code: 'BAD_REQUEST', message };
      void (reply as unknown as { code(n: number): { send(b: unknown): unknown } }).code(400).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ validate: env.NODE_ENV !== 'production' }));

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toApiError(err as FastifyError);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else if (isBadInputForDb(err)) req.log.warn({ err }, 'input rejected by the database: a validation is missing');
    if (isResponseSerializationError(err)) req.log.error({ err: err.cause }, 'response did not match its schema');
    return reply.code(status).send(body);
  });

  // helmet's headers, computed once (the options have no per-request part but HSTS's condition)
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // HSTS only over HTTPS: req.protocol is 'https' for a TLS socket or, with TRUST_PROXY, from X-Forwarded-Proto.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers.always);
    if (req.protocol === 'https') reply.headers(headers.httpsOnly);
    done();
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 100 * 1024 * 1024, files: 1, fields: 10, fieldSize: 1024 } });
  // Every API route: RATE_LIMIT_GLOBAL_PER_MINUTE per client IP, unless it has a limit of its own (the
  // stricter ones of login and SMS, uploads per account). The web app's files and the health check
  // are not counted: a page load fetches many assets, and a load balancer probes health often.
  await app.register(rateLimit, {
    global: true,
    max: env.RATE_LIMIT_GLOBAL_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (req) => {
      const route = req.routeOptions.url ?? '';
      return !route.startsWith('/api/') || route === '/api/health';
    },
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', `操作过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '本溪建设工程农民工工资支付保证金管理服务平台 API',
        version: '1.0.0',
        description:
          '所有接口均为 JSON，位于 /api 下。浏览器会话使用 httpOnly Cookie；登录后的非 GET 请求须带 x-csrf-token 请求头（取自 /api/me 的 csrfToken）。错误统一为 { code, message, details? }。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bx_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          // the open API (/api/open/v1, SPEC §13): four headers together, no session
          openAppId: { type: 'apiKey', in: 'header', name: 'X-Bx-App-Id', description: '平台运营注册的客户端 appId' },
          openTimestamp: { type: 'apiKey', in: 'header', name: 'X-Bx-Timestamp', description: 'Unix 毫秒时间戳，与平台时间相差不超过 300 秒' },
          openNonce: { type: 'apiKey', in: 'header', name: 'X-Bx-Nonce', description: '16–64 位 [A-Za-z0-9-]，每个请求不同' },
          openSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Bx-Signature',
            description:
              'SM2 签名（SM3 杂凑，用户标识 1234567812345678，GM/T 0009；r‖s 十六进制），被签名串为 METHOD + "\\n" + 请求路径（含查询串，按发送原样）+ "\\n" + TIMESTAMP + "\\n" + NONCE + "\\n" + hex(SM3(请求体原始字节))。平台对每个响应以 X-Bx-Timestamp 与 X-Bx-Signature 签名 STATUS + "\\n" + X-Bx-Timestamp + "\\n" + hex(SM3(响应体))，平台公钥见 GET /api/open/v1/platform-key。',
          },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const sessionPolicy = { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 };
  const changes = await listenForChanges(database);
  cacheUnitTree(db, changes);
  app.decorate('changes', changes);
  // units' names and cards from memory while the change feed is live (ADR 020)
  const accounts = cachedAccounts(createOrganizationCache(db, changes));
  // The open API (SPEC §13, docs/decisions/021): SM2 in worker threads, the platform's key pair, and
  // the layer every `{ open }` route gets wherever it is registered (so before any route).
  const sm2 = createSm2Pool({ threads: env.OPEN_SM2_THREADS ?? defaultSm2Threads(), nice: env.OPEN_SM2_NICE });
  app.addHook('onClose', async () => sm2.close());
  const platformKey = await loadPlatformKey(db, env.OPEN_PLATFORM_PRIVATE_KEY);
  const openLayer = createOpenLayer({ db, clock, pool: sm2, platformKey, accounts, changes });
  app.decorate('open', { layer: openLayer, platformKey });
  registerAccess(app, {
    sessions: createSessionStore(db, changes),
    clock,
    policy: sessionPolicy,
    strict: env.NODE_ENV !== 'production',
    open: openLayer.authenticator,
  });
  openLayer.register(app);
  let noncePurge: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    noncePurge = setInterval(() => {
      openLayer.purgeNonces().catch((err: unknown) => app.log.warn({ err }, 'purging open API nonces failed'));
    }, env.OPEN_NONCE_PURGE_SECONDS * 1000);
    noncePurge.unref();
  });
  app.addHook('onClose', async () => clearInterval(noncePurge));
  // The Swagger UI of the (public) OpenAPI document: static pages, no data.
  await publicRoutes(app, swaggerUi, { routePrefix: '/api/docs' });
  // A write's changes reach this process's caches before its answer does (docs/decisions/011); only
  // on routes that can write, so that a read pays nothing for it.
  // A request during which this process sent no statement that writes what the feed announces
  // (db/client.ts CACHED_TABLE_WRITES) changed nothing a cache holds: its answer waits for no sync.
  const cachedWrites = database.cachedTableWrites;
  const writesAtStart = new WeakMap<object, number>();
  const noteWrites = async (req: object) => {
    if (cachedWrites) writesAtStart.set(req, cachedWrites());
  };
  const syncChanges = async (req: object) => {
    const before = writesAtStart.get(req);
    if (cachedWrites && before !== undefined && cachedWrites() === before) return;
    await changes.sync();
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    const list = (h: unknown) => (Array.isArray(h) ? h : h ? [h] : []);
    route.onRequest = [noteWrites, ...list(route.onRequest)];
    route.onSend = [...list(route.onSend), syncChanges];
  });
  // Text columns cannot store NUL: refuse it in any string of the request before a service sees it.
  app.addHook('preValidation', (req, _reply, done) => {
    if (hasNul(req.params) || hasNul(req.query) || hasNul(req.body)) {
      return done(new AppError('VALIDATION_FAILED', '提交的信息有误：内容不能包含空字符（\\0）'));
    }
    done();
  });

  const sms = await createSmsService({ db, clock, provider: deps.sms, cooldownMs: env.SMS_COOLDOWN_SECONDS * 1000 });
  const auth = createAuthService({
    db,
    clock,
    sms,
    sessionPolicy,
    lockout: { threshold: env.LOCKOUT_THRESHOLD, lockMs: env.LOCKOUT_MINUTES * 60_000 },
  });
  const files = createFileService({
    db,
    clock,
    dataDir: env.DATA_DIR,
    limits: { unattachedMaxBytes: env.UPLOAD_UNATTACHED_MAX_MB * 1024 * 1024 },
  });
  // units' names and cards from memory while the change feed is live (ADR 020); the back office,
  // which administers them, and certification, which changes them, read the table
  const certifications = createCertificationService({ db, clock, files, accounts: accountTables });
  const admin = createAdminService({ db, clock, accounts, labels: { projects: projectData, quota: quotaData, certifications: certificationData, files: fileData }, apiClients: openData });
  const dictionaries = createDictionaryService({ db, organizationsByIds: accounts.organizationsByIds });
  const ids = createSnowflake(env.NODE_ID ?? process.pid % 1024);
  const projects = createProjectService({ db, query: database.query, backgroundQuery: database.backgroundQuery, clock, ids, dictionaries, accounts });
  const manage = createManageService({ db, clock, sms: deps.sms, dictionaries, accounts: accountTables, dictionaryData, uses: { projects: projectData, certifications: certificationData } });
  const rules = createRulesService({ db, clock, regions: dictionaryData });
  const quota = createQuotaService({ db, clock, ids, rules, projects: projectData, arrears: arrearsData, accounts, regions: dictionaries });
  const arrears = createArrearsService({ db, clock, accounts });

  // 缴纳 (ADR 022): one set of payment attempts for every way, each way closing its own record on a switch.
  const payments = bindPaymentAttempts({
    ids,
    audit: writeAudit,
    deposit: { move: moveDeposit, lock: lockDeposit },
    closers: {
      cash: cashDepositCloser({ audit: writeAudit, recordOpenEvent }),
      bank_guarantee: guaranteeApplicationCloser({ audit: writeAudit, recordOpenEvent }),
      // 保单保函上传 (modules/guarantees, ADR 023): 待审核 → 已关闭
      offline_guarantee: offlineGuaranteeCloser({ audit: writeAudit }),
      // 保险办理 (modules/insurance, ADR 025): the live orders of the 投保 → 已关闭
      insurance: insuranceCloser({ audit: writeAudit, recordOpenEvent }),
    },
  });
  app.decorate('payments', payments);
  const paymentCtx: PaymentContext = {
    db,
    clock,
    ids,
    audit: writeAudit,
    payments,
    attachments: { attach, filesOf: attachedFiles },
    recordOpenEvent,
    registerGuarantee,
    projects: projectData,
    quota: quotaData,
    accounts,
    files: fileData,
  };
  const payment = createPaymentService(paymentCtx);
  const cashDeposits = createCashDepositService(paymentCtx);
  const bankGuarantees = createBankGuaranteeService(paymentCtx);
  const insurance = createInsuranceService(paymentCtx);
  // 保单保函上传 and 保函管理 (ADR 023)
  const guarantees = createGuaranteeService({ db, clock, ids, rules, payments, projects: projectData, quotas: quotaData, accounts });
  // 备案 / 注销 / 返还 (issue 13, ADR 029–031)
  const closure = createClosureService({
    db,
    clock,
    ids,
    rules,
    projects: projectData,
    accounts,
    regions: dictionaries,
    cash: cashDepositData,
    uses: { usedByInstrument: depositUseData.usedByInstrument },
    guarantees: { liveGuaranteesOfProject: guaranteeData.liveGuaranteesOfProject, release: releaseProjectGuarantees },
  });
  // 保证金动用 and 补足 (ADR 032): draws on the cash deposits and the guarantees register, moves 待补足 through the deposit module
  const depositUses = createDepositUseService({
    db,
    clock,
    ids,
    rules,
    audit: writeAudit,
    deposit: { move: moveDeposit, lock: lockDeposit },
    attachments: { attach, filesOf: attachedFiles },
    recordOpenEvent,
    claimGuarantee,
    chosenCashBank: (project, bankOrgId) => chosenBank(paymentCtx, project, bankOrgId, 'cash'),
    projects: projectData,
    accounts,
    cash: cashDepositData,
    guarantees: guaranteeData,
  });
  const jobRuns = createJobRunService({ db });

  // issue 15 — 预警 (ADR 037): the rules of the types whose objects exist; a workflow adds its own here
  // (docs/ADDING-A-WORKFLOW.md §13). The daily job and the event path sweep with the same rules.
  const warningSweep: SweepDeps = {
    rules: [
      guaranteeExpiryRule(guaranteeWarningReads),
      quotaUnpaidRule(quotaWarningReads, { payableProjectsSignedBy: projectFactsData.payableProjectsSignedBy }),
      quotaReviewOverdueRule(quotaWarningReads),
      offlineReviewOverdueRule(guaranteeWarningReads),
      bankOverdueRule(bankGuaranteeWarningReads),
      // issue 13/14 (ADR 041)
      filingReviewOverdueRule(closureWarningReads),
      cancellationReviewOverdueRule(closureWarningReads),
      returnConfirmOverdueRule(closureWarningReads),
      usePaymentOverdueRule(depositUseWarningReads),
      replenishOverdueRule(depositUseWarningReads),
    ],
    projects: projectFactsData.projectFacts,
    calendar: (tx) => rules.workCalendar(tx),
  };
  const warnings = createWarningService({ db, projects: { projectFacts: projectFactsData.projectFacts, projectIdsMatching: projectData.projectIdsMatching } });
  // 消息中心 and the warnings' SMS (ADR 038)
  const messages = createMessageService({ db, clock, members: memberData });
  const notificationDeps = {
    members: memberData,
    sms: deps.sms,
    contactOf: enterpriseContact,
    laborOfficerPhoneOf: async (tx: Parameters<typeof enterpriseContact>[0], projectId: bigint) => (await projectFactsData.projectFacts(tx, [projectId]))[0]?.laborOfficerPhone,
    warningOpen: async (tx: Parameters<typeof enterpriseContact>[0], id: bigint) => {
      const w = await warningData.findWarning(tx, id);
      return !!w && w.clearedAt === null;
    },
    projectNameOf: async (tx: Parameters<typeof enterpriseContact>[0], projectId: bigint) => (await projectFactsData.projectFacts(tx, [projectId]))[0]?.name,
  };
  const supervisionHandlers = [warningRecheckHandler(warningSweep), warningMessageHandler(notificationDeps), warningSmsHandler(notificationDeps), decisionMessageHandler(notificationDeps)];
  // 首页 (ADR 039)
  const dashboard = createDashboardService({
    clock,
    calendarStatus: () => rules.calendarStatus(),
    regions: async () => (await dictionaryData.listRegions(db, { enabledOnly: true })).map((r) => ({ code: r.code, name: r.name })),
    projects: (user, q) => projects.list(user, q),
    quotaQueue: (user, q) => quota.list(user, q),
    offlineQueue: (user, q) => guarantees.listOffline(user, q),
    guarantees: (user, q) => guarantees.list(user, q),
    warnings: (user, q) => warnings.list(user, q),
    bankGuaranteeTodo: (user, q) => bankGuarantees.list(user, q),
    cashTodo: (user, q) => cashDeposits.list(user, q),
    certificationQueue: (user, q) => certifications.list(user, q),
    // issue 12–14 queues (helper X1)
    filingQueue: (user, q) => closure.listFilings(user, q),
    cancellationQueue: (user, q) => closure.listCancellations(user, q),
    returns: (user, q) => closure.listReturns(user, q),
    paymentNotices: (user, q) => depositUses.list(user, { ...q, projectName: undefined, noticeNo: undefined }),
    insuranceOrders: (user, q) => insurance.list(user, q),
    // issue 15 (ADR 046): the hrss / authority 首页 from the counts the database keeps
    counts: (user) => dashboardCounts(db, user),
  });
  // 台账 (ADR 043): composed from each workflow's records, in the projects list's scope
  const ledger = createLedgerService({ db, clock, projects, cash: ledgerCash, guarantees: ledgerGuarantees, uses: ledgerUses, returns: ledgerReturns, quotas: ledgerQuotas,
    // ADR 044: the stored keys copy the projects' scope / filter columns; region names for the rows and cells
    projectRows: projectData.projectsByIds, regionName: async (code) => (await dictionaries.snapshot()).regions.get(code)?.name ?? code });
  const apiClients = createApiClientService({ db, clock, accounts });

  const node = env.NODE_ID !== undefined ? `node-${env.NODE_ID}` : `${os.hostname()}:${process.pid}`;
  // After-commit events: every process delivers, each event to one of them at a time (ADR 016).
  const outbox = createOutbox({
    db,
    clock,
    node,
    log: app.log,
    handlers: [certificationSmsHandler(deps.sms), ...supervisionHandlers, ...(env.OUTBOX_TEST_PROBE ? [outboxProbeHandler] : [])],
    pollMs: env.OUTBOX_POLL_MS,
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    pauseMs: env.OUTBOX_TEST_PAUSE_MS,
  });
  app.decorate('outbox', outbox);
  app.addHook('onClose', async () => outbox.stop());
  if (env.OUTBOX_ENABLED) {
    app.addHook('onReady', async () => outbox.start());
    // a write that recorded an event is delivered at once, not at the next poll (its reply has gone: committed)
    app.addHook('onResponse', (req, _reply, done) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') outbox.kick();
      done();
    });
  }

  // Daily jobs: every process checks, one runs each job a Beijing day (platform/jobs.ts, ADR 012).
  if (env.JOBS_ENABLED) {
    const scheduler = createScheduler({
      db,
      clock,
      jobs: [...maintenanceJobs({ dataDir: env.DATA_DIR, sessionPolicy, files: fileData }), ...warningJobs(warningSweep)],
      node,
      log: app.log,
      checkEveryMs: env.JOBS_CHECK_SECONDS * 1000,
      atOverride: env.JOBS_DAILY_AT,
    });
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }

  await app.register(
    async (api) => {
      await api.register(systemRoutes, { database });
      await api.register(authRoutes, {
        auth,
        cookieSecure: env.COOKIE_SECURE,
        loginRateLimit: env.RATE_LIMIT_LOGIN_PER_MINUTE,
        smsRateLimit: env.RATE_LIMIT_SMS_PER_MINUTE,
      });
      await api.register(fileRoutes, { files, uploadsPerMinute: env.UPLOAD_RATE_PER_MINUTE });
      await api.register(certificationRoutes, { certifications });
      await api.register(adminRoutes, { admin });
      await api.register(dictionaryRoutes, { dictionaries, db });
      await api.register(projectRoutes, { projects });
      await api.register(manageRoutes, { manage, admin });
      await api.register(rulesRoutes, { rules });
      await api.register(quotaRoutes, { quota });
      await api.register(guaranteeRoutes, { guarantees });
      await api.register(arrearsRoutes, { arrears });
      await api.register(maintenanceRoutes, { jobRuns });
      await api.register(paymentRoutes, { payment });
      await api.register(cashDepositRoutes, { cash: cashDeposits });
      await api.register(bankGuaranteeRoutes, { guarantees: bankGuarantees });
      await api.register(paymentOpenRoutes, { cash: cashDeposits, guarantees: bankGuarantees, files });
      await api.register(insuranceRoutes, { insurance });
      await api.register(insuranceOpenRoutes, { insurance, files });
      await api.register(closureRoutes, { closure });
      await api.register(closureOpenRoutes, { closure });
      await api.register(depositUseRoutes, { uses: depositUses });
      await api.register(depositUseOpenRoutes, { uses: depositUses });
      await api.register(openRoutes, { db, platformPublicKey: platformKey.publicKey });
      await api.register(apiClientAdminRoutes, { clients: apiClients });
      // issue 15 (ADR 037–039)
      await api.register(warningRoutes, { warnings });
      await api.register(messageRoutes, { messages });
      await api.register(dashboardRoutes, { dashboard });
      await api.register(ledgerRoutes, { ledger });
      if (env.OPEN_TEST_PROBE) await api.register(openProbeRoutes, { db, files });
      if (env.SMS_PROVIDER === 'console') await api.register(devRoutes, { db });
    },
    { prefix: '/api' },
  );

  const webDist = env.WEB_DIST ?? DEFAULT_WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    const setHeaders = (res: FastifyReply, filePath: string) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
    };
    // reply.sendFile for the single-page fallback below; no routes
    await app.register(fastifyStatic, { root: webDist, serve: false, setHeaders });
    // one route per built file, all public: the web app's code holds no data
    await publicRoutes(app, fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false, decorateReply: false, setHeaders });
  }

  app.setNotFoundHandler(async (req, reply) => {
    if (!looksLikeApi(req.url) && hasWeb && (req.method === 'GET' || req.method === 'HEAD')) {
      // Single-page app: every non-API path renders index.html and the router decides (its own 404 page).
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const body = JSON.stringify({ code: 'NOT_FOUND', message: '接口不存在' });
    if ((req.raw.url ?? '').startsWith('/api/open/')) {
      // an open API client's wrong path is answered signed too, like every open response
      const signed = await openLayer.signAnswer(404, Buffer.from(body));
      reply.header('X-Bx-Timestamp', signed.timestamp).header('X-Bx-Signature', signed.signature);
    }
    return reply.code(404).type('application/json; charset=utf-8').send(body);
  });

  return app;
}
