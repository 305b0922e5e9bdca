import { Readable, Transform, pipeline } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { OPEN_HEADERS, OPEN_NONCE_RE, OPEN_WINDOW_MS, type OpenClientOrgType } from '@benxi/shared';
import type { Db } from '../../db/client';
import type { Access, OpenAuthenticator, OpenPrincipal } from '../../platform/access';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { createSm3, sm3Hex, type Sm2Pool } from '../../platform/sm2/pool';
import type * as accountsRepo from '../auth/repository';
import { findClientByAppId, purgeNonces, recordNonce } from './repository';

/**
 * The open API's layer (SPEC §13, docs/decisions/021), attached to every route whose access is
 * `{ open: […] }` wherever it is registered, so that a workflow adding its open route only declares
 * that access:
 * - before the body is read (onRequest): the headers, the client (known, enabled, of a bank or an
 *   insurer), the timestamp window — a stranger's 28 MB body is refused before it is received;
 * - while it is read (preParsing): SM3 of the raw bytes as they arrive;
 * - in the access hook (preValidation, platform/access.ts → authenticate): the SM2 signature over
 *   `METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nhex(SM3(body))` with the client's public key, in a worker
 *   thread; then the nonce, recorded only now (an outsider cannot burn a client's nonces) by an
 *   insert that exactly one of two identical requests wins, in any process;
 * - on the way out (onSend), whatever the answer, errors included: X-Bx-Timestamp and the platform's
 *   signature over `STATUS\nX-Bx-Timestamp\nhex(SM3(body))`.
 */

/** Room for one 20 MB file in Base64 (27.96 MB) and the rest of a JSON body; open routes only. */
export const OPEN_BODY_LIMIT = 30 * 1024 * 1024;
export const OPEN_PREFIX = '/api/open/v1/';
/** A nonce is kept this long after it was seen: a request with a timestamp that old is refused anyway. */
export const NONCE_RETENTION_MS = 2 * OPEN_WINDOW_MS + 60_000;

const APP_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNATURE_RE = /^[0-9a-fA-F]{128}$/;

interface Pending {
  client: { id: string; appId: string; publicKey: string; orgId: string; orgType: OpenClientOrgType; orgName: string | null };
  timestamp: string;
  nonce: string;
  signature: string;
  hash: ReturnType<typeof createSm3>;
}

export interface PlatformKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Fastify parses no body of a GET or HEAD request; every other method's body is read (and hashed). */
const hasBodyParsed = (method: string) => method !== 'GET' && method !== 'HEAD';

const unknownClient = () => new AppError('OPEN_CLIENT_UNKNOWN', 'X-Bx-App-Id 未注册或已停用，请联系平台运营人员');

/** One header's value, or null when absent or sent more than once. */
function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

export function isOpenAccess(access: Access | undefined): access is Extract<Access, { open: readonly string[] }> {
  return !!access && 'open' in access;
}

export function createOpenLayer(deps: {
  db: Db;
  clock: Clock;
  pool: Sm2Pool;
  platformKey: PlatformKeyPair;
  accounts: Pick<typeof accountsRepo, 'findOrganization'>;
}) {
  const { db, clock, pool, platformKey } = deps;
  const pending = new WeakMap<FastifyRequest, Pending>();

  /** The checks that need no body. */
  async function precheck(req: FastifyRequest): Promise<void> {
    if (!hasBodyParsed(req.method) && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'])) {
      // Fastify reads no body for these: a body sent along would be neither checked nor signed for
      throw new AppError('BAD_REQUEST', `${req.method} 请求不能带请求体`);
    }
    const appId = header(req, OPEN_HEADERS.appId);
    if (!appId || !APP_ID_RE.test(appId)) throw new AppError('OPEN_CLIENT_UNKNOWN', '缺少 X-Bx-App-Id 请求头，或其格式不正确');
    const row = await findClientByAppId(db, appId);
    if (!row || !row.enabled) throw unknownClient();
    const org = await deps.accounts.findOrganization(db, row.orgId);
    if (!org || !org.enabled || (org.type !== 'bank' && org.type !== 'insurer')) throw unknownClient();

    const ts = header(req, OPEN_HEADERS.timestamp);
    if (!ts || !/^\d{1,16}$/.test(ts)) throw new AppError('OPEN_TIMESTAMP', 'X-Bx-Timestamp 应为 Unix 毫秒时间戳');
    const skew = Number(ts) - clock.now().getTime();
    if (Math.abs(skew) > OPEN_WINDOW_MS) {
      throw new AppError('OPEN_TIMESTAMP', `X-Bx-Timestamp 与平台时间相差超过 300 秒（${Math.round(skew / 1000)} 秒），请校准系统时钟后重新签名发送`, {
        serverTime: String(clock.now().getTime()),
      });
    }
    const nonce = header(req, OPEN_HEADERS.nonce);
    if (!nonce || !OPEN_NONCE_RE.test(nonce)) throw new AppError('OPEN_SIGNATURE', 'X-Bx-Nonce 应为 16–64 位字母、数字或连字符（-）');
    const signature = header(req, OPEN_HEADERS.signature);
    if (!signature || !SIGNATURE_RE.test(signature)) throw new AppError('OPEN_SIGNATURE', 'X-Bx-Signature 应为 128 位十六进制的 SM2 签名（r‖s）');
    pending.set(req, {
      client: { id: row.id, appId: row.appId, publicKey: row.publicKey, orgId: row.orgId, orgType: org.type, orgName: org.name },
      timestamp: ts,
      nonce,
      signature: signature.toLowerCase(),
      hash: createSm3(),
    });
  }

  const authenticator: OpenAuthenticator = {
    async authenticate(req) {
      const p = pending.get(req);
      if (!p) throw unknownClient(); // precheck did not run: not an open route of this layer
      const message = `${req.method}\n${req.raw.url ?? ''}\n${p.timestamp}\n${p.nonce}\n${p.hash.hex()}`;
      if (!(await pool.verify(p.client.publicKey, message, p.signature))) {
        throw new AppError('OPEN_SIGNATURE', '签名验证失败：请用贵机构在平台登记的 SM2 私钥，对“方法、请求路径（含查询串）、时间戳、随机串、请求体 SM3”重新签名');
      }
      if (!(await recordNonce(db, p.client.id, p.nonce, clock.now()))) {
        throw new AppError('OPEN_NONCE_REUSED', 'X-Bx-Nonce 已使用过：每个请求须使用新的随机串');
      }
      const principal: OpenPrincipal = {
        kind: 'open',
        role: p.client.orgType,
        orgId: p.client.orgId,
        orgName: p.client.orgName,
        clientId: p.client.id,
        appId: p.client.appId,
      };
      return principal;
    },
  };

  /** The platform's signature of an answer, as headers. */
  async function signAnswer(status: number, body: Buffer): Promise<{ timestamp: string; signature: string }> {
    const timestamp = String(clock.now().getTime());
    const signature = await pool.sign(platformKey.privateKey, `${status}\n${timestamp}\n${sm3Hex(body)}`);
    return { timestamp, signature };
  }

  async function toBuffer(payload: unknown): Promise<Buffer> {
    if (payload === null || payload === undefined) return Buffer.alloc(0);
    if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
    if (Buffer.isBuffer(payload)) return payload;
    if (payload instanceof Readable) {
      const chunks: Buffer[] = [];
      for await (const c of payload) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
      return Buffer.concat(chunks);
    }
    return Buffer.from(String(payload), 'utf8');
  }

  async function onSend(_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const body = await toBuffer(payload);
    const { timestamp, signature } = await signAnswer(reply.statusCode, body);
    reply.header('X-Bx-Timestamp', timestamp);
    reply.header('X-Bx-Signature', signature);
    return body;
  }

  const concat = <T>(existing: T | T[] | undefined, add: T): T[] => {
    const list = Array.isArray(existing) ? existing : existing ? [existing] : [];
    return list.includes(add) ? list : [...list, add]; // a HEAD route copies its GET route's options
  };
  const onRequest = async (req: FastifyRequest) => precheck(req);
  const preParsing = async (req: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    const p = pending.get(req);
    if (!p || !hasBodyParsed(req.method)) return payload;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        p.hash.update(chunk);
        cb(null, chunk);
      },
    });
    pipeline(payload as NodeJS.ReadableStream & Readable, tap, () => {});
    return tap;
  };

  /**
   * Attaches the layer to every `{ open }` route registered from now on (call it before any route),
   * and refuses at registration a route under /api/open/ that is not signed (other than the public
   * platform key) or a signed one outside /api/open/v1/.
   */
  function register(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const access = (route.config as { access?: Access } | undefined)?.access;
      const url = route.url;
      if (!isOpenAccess(access)) {
        if (url.startsWith('/api/open/') && url !== `${OPEN_PREFIX}platform-key`) {
          throw new Error(`route ${url} is under /api/open/ but its access is not { open: [...] }: open routes are signed (docs/decisions/021)`);
        }
        return;
      }
      if (!url.startsWith(OPEN_PREFIX)) throw new Error(`route ${url} has open access but is not under ${OPEN_PREFIX}`);
      route.bodyLimit ??= OPEN_BODY_LIMIT;
      route.onRequest = concat(route.onRequest as unknown, onRequest) as RouteOptions['onRequest'];
      route.preParsing = concat(route.preParsing as unknown, preParsing) as RouteOptions['preParsing'];
      route.onSend = concat(route.onSend as unknown, onSend) as RouteOptions['onSend'];
      if (route.schema) {
        const schema = route.schema as Record<string, unknown>;
        schema.security ??= [{ openAppId: [], openTimestamp: [], openNonce: [], openSignature: [] }];
      }
    });
  }

  return {
    authenticator,
    register,
    signAnswer,
    /** Deletes the nonces older than NONCE_RETENTION_MS (every minute in each process; tests call it). */
    purgeNonces: () => purgeNonces(db, new Date(clock.now().getTime() - NONCE_RETENTION_MS)),
  };
}

export type OpenLayer = ReturnType<typeof createOpenLayer>;
