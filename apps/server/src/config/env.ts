import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true' || v === '1');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Every setting comes from the environment; the README lists them. Parsed once at start. */
const zEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(3000, 1),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('./data'),
    /** PostgreSQL as the application's role (no DDL, audit_log append-only); absent = embedded PGlite */
    DATABASE_URL: z.string().optional(),
    /** PostgreSQL as the role that owns the tables and migrates; absent = DATABASE_URL migrates too */
    MIGRATION_DATABASE_URL: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SEED_DEMO: bool.default(true),
    TRUST_PROXY: bool.default(false),
    /** the session cookie's Secure flag; default: on in production (NODE_ENV=production), off otherwise */
    COOKIE_SECURE: bool.optional(),
    SESSION_IDLE_MINUTES: int(30, 1),
    SESSION_ABSOLUTE_HOURS: int(12, 1),
    LOCKOUT_THRESHOLD: int(5, 1),
    LOCKOUT_MINUTES: int(30, 1),
    RATE_LIMIT_LOGIN_PER_MINUTE: int(30, 1),
    RATE_LIMIT_SMS_PER_MINUTE: int(10, 1),
    /** per client IP, every API route without a limit of its own (static files and /api/health are exempt) */
    RATE_LIMIT_GLOBAL_PER_MINUTE: int(1200, 1),
    /** uploads an account may start a minute */
    UPLOAD_RATE_PER_MINUTE: int(20, 1),
    /** bytes an account may hold in uploads nothing references yet (a form being filled), in MB */
    UPLOAD_UNATTACHED_MAX_MB: int(300, 1),
    SMS_PROVIDER: z.enum(['console', 'aliyun', 'tencent']).default('console'),
    /** seconds before a code of the same purpose may be sent again to a phone (SPEC: 60) */
    SMS_COOLDOWN_SECONDS: int(60, 1),
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
    ALIYUN_SMS_SIGN_NAME: z.string().optional(),
    ALIYUN_SMS_TEMPLATE_REGISTER: z.string().optional(),
    ALIYUN_SMS_TEMPLATE_LOGIN: z.string().optional(),
    ALIYUN_SMS_TEMPLATE_RESET: z.string().optional(),
    ALIYUN_SMS_TEMPLATE_PASSWORD: z.string().optional(),
    /** notifications (docs/decisions/016): 企业认证通过 (no variable) / 未通过 (${reason}) */
    ALIYUN_SMS_TEMPLATE_CERT_APPROVED: z.string().optional(),
    ALIYUN_SMS_TEMPLATE_CERT_REJECTED: z.string().optional(),
    /** 预警提醒 (ADR 038): optional; without it a warning's SMS is recorded 发送失败 (模板未配置) */
    ALIYUN_SMS_TEMPLATE_WARNING: z.string().optional(),
    TENCENT_SMS_SECRET_ID: z.string().optional(),
    TENCENT_SMS_SECRET_KEY: z.string().optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().optional(),
    TENCENT_SMS_SIGN_NAME: z.string().optional(),
    TENCENT_SMS_TEMPLATE_REGISTER: z.string().optional(),
    TENCENT_SMS_TEMPLATE_LOGIN: z.string().optional(),
    TENCENT_SMS_TEMPLATE_RESET: z.string().optional(),
    TENCENT_SMS_TEMPLATE_PASSWORD: z.string().optional(),
    TENCENT_SMS_TEMPLATE_CERT_APPROVED: z.string().optional(),
    TENCENT_SMS_TEMPLATE_CERT_REJECTED: z.string().optional(),
    TENCENT_SMS_TEMPLATE_WARNING: z.string().optional(),
    TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
    WEB_DIST: z.string().optional(),
    /** snowflake node (0–1023); default: derived from the process id */
    NODE_ID: z.coerce.number().int().min(0).max(1023).optional(),
    /** daily jobs (platform/jobs.ts): off only where something else must run them, e.g. unit tests */
    JOBS_ENABLED: bool.default(true),
    /** how often each process looks for a job that is due */
    JOBS_CHECK_SECONDS: int(60, 1),
    /** one Beijing time (HH:MM) for every daily job instead of each job's own; for tests and drills */
    JOBS_DAILY_AT: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: '应为北京时间 HH:MM，例如 03:00' })
      .optional(),
    /** deliver after-commit events in this process (platform/outbox.ts, ADR 016); off only in unit tests, which drain by hand */
    OUTBOX_ENABLED: bool.default(true),
    /** how often an idle worker looks for due events (retries, other processes' commits) */
    OUTBOX_POLL_MS: int(1000, 50),
    /** how long a claim lasts: a process that dies holding events leaves them to another after this */
    OUTBOX_LEASE_SECONDS: int(60, 1),
    /** tests only: the worker waits this long between claiming events and handling them (crash drills) */
    OUTBOX_TEST_PAUSE_MS: int(0, 0),
    /**
     * the platform's SM2 private key for the open API's response signatures (64 hex digits); absent =
     * generated once and kept in the database (docs/decisions/021). Production: set it from a secret store.
     */
    OPEN_PLATFORM_PRIVATE_KEY: z.string().optional(),
    /** worker threads for SM2 signatures and verifications; default: the cores less one (1–4); 0 = on the event loop */
    OPEN_SM2_THREADS: z.coerce.number().int().min(0).max(16).optional(),
    /** how much lower the SM2 threads' CPU priority is than the event loop's (nice increment, 0–19) */
    OPEN_SM2_NICE: z.coerce.number().int().min(0).max(19).default(5),
    /** how often each process deletes the open API's expired nonces */
    OPEN_NONCE_PURGE_SECONDS: int(60, 1),
    /** tests only: open API probe routes under /api/open/v1/test-probe (modules/open/probe.ts) */
    OPEN_TEST_PROBE: bool.default(false),
    /** tests only: a probe handler for topic test.probe that appends to table outbox_probe without dedupe */
    OUTBOX_TEST_PROBE: bool.default(false),
  })
  .superRefine((env, ctx) => {
    const need = (prefix: string, keys: string[]) => {
      for (const k of keys) {
        if (!(env as Record<string, unknown>)[`${prefix}${k}`]) {
          ctx.addIssue({ code: 'custom', path: [`${prefix}${k}`], message: `SMS_PROVIDER=${env.SMS_PROVIDER} 需要设置 ${prefix}${k}` });
        }
      }
    };
    if (env.SMS_PROVIDER === 'aliyun')
      need('ALIYUN_SMS_', ['ACCESS_KEY_ID', 'ACCESS_KEY_SECRET', 'SIGN_NAME', 'TEMPLATE_REGISTER', 'TEMPLATE_LOGIN', 'TEMPLATE_RESET', 'TEMPLATE_PASSWORD', 'TEMPLATE_CERT_APPROVED', 'TEMPLATE_CERT_REJECTED']);
    if (env.SMS_PROVIDER === 'tencent')
      need('TENCENT_SMS_', ['SECRET_ID', 'SECRET_KEY', 'SDK_APP_ID', 'SIGN_NAME', 'TEMPLATE_REGISTER', 'TEMPLATE_LOGIN', 'TEMPLATE_RESET', 'TEMPLATE_PASSWORD', 'TEMPLATE_CERT_APPROVED', 'TEMPLATE_CERT_REJECTED']);
  })
  // Production serves over HTTPS (directly or behind a proxy): the cookie is Secure unless said otherwise.
  .transform((env) => ({ ...env, COOKIE_SECURE: env.COOKIE_SECURE ?? env.NODE_ENV === 'production' }));

export type Env = z.infer<typeof zEnv>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = zEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return { ...env, DATA_DIR: path.resolve(env.DATA_DIR) };
}
