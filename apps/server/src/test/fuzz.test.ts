/**
 * Fuzz: every route and method of /api/openapi.json, with generated invalid and random requests
 * (path parameters, query strings, bodies, content types, cookies), as anonymous and as a user of
 * every role. Asserts: never a 5xx, every answer within a few seconds, every non-2xx answer under
 * /api is JSON in the SPEC §12 shape `{ code, message (中文), details? }`.
 *
 * FUZZ_REQUESTS (default 1500) sets the budget, FUZZ_SEED (default 1) the PRNG; a failure prints
 * the seed and the request number so it can be replayed. `npm run test:reliability` runs it with
 * 10,000 requests.
 */
import crypto from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '@benxi/shared';
import {
  buildUser,
  certificationInput,
  createTestContext,
  login,
  multipart,
  orgByName,
  PASSWORD,
  PDF_BYTES,
  projectInput,
  randomCreditCode,
  uploadFile,
  type Session,
  type TestContext,
} from './harness';

const BUDGET = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 5000);
/** routes that end or change the session they are called with: never with a kept session */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/change-password']);

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};
interface Operation {
  method: string;
  path: string;
  key: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
  multipart: boolean;
}

// ---- value pools ----------------------------------------------------------------------------
const CJK = '本溪建设工程农民工工资保证金平山溪湖明山南芬桓仁县项目申请审核通过驳回';
const NASTY_STRINGS = [
  '',
  ' ',
  '../',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999',
  '-9223372036854775809',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' or 1=1 --",
  '"; drop table projects; --',
  '%',
  '_',
  '\\',
  '%%%',
  '<script>alert(1)</script>',
  '工程',
  '😀💥',
  '\u202e\u200b',
  '\ud800',
  'a'.repeat(300),
  '2026-02-30',
  '0000-00-00',
  '2026-13-01',
  '__proto__',
  'constructor',
  'true',
  '[]',
  '{}',
];
const NASTY_NUMBERS = [0, -1, 1, 1.5, -0.0001, 2 ** 31, 2 ** 53, 1e21, -1e21, 1e308, Number.MAX_SAFE_INTEGER];

function randomString(r: Rng, max = 40): string {
  const n = r.int(0, max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r.int(0, 9);
    if (k < 4) s += String.fromCharCode(r.int(0x20, 0x7e));
    else if (k < 8) s += CJK[r.int(0, CJK.length - 1)];
    else if (k < 9) s += String.fromCharCode(r.int(0, 0x1f));
    else s += String.fromCodePoint(r.int(0x80, 0x2ffff));
  }
  return s;
}

function randomJson(r: Rng, depth = 0): unknown {
  const k = r.int(0, depth > 2 ? 4 : 7);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.chance(0.5) ? r.pick(NASTY_NUMBERS) : r.int(-1000, 1000);
    case 3:
      return r.chance(0.5) ? r.pick(NASTY_STRINGS) : randomString(r);
    case 4:
      return r.chance(0.5) ? r.int(0, 20) : randomString(r, 5);
    case 5:
      return Array.from({ length: r.int(0, 5) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 6); i > 0; i--) o[r.chance(0.7) ? randomString(r, 10) : r.pick(['__proto__', 'constructor', 'id', 'page'])] = randomJson(r, depth + 1);
      return o;
    }
  }
}

interface Pools {
  projectIds: string[];
  quotaIds: string[];
  uuids: string[];
  regionCodes: string[];
  phones: string[];
  dates: string[];
}

const randomDate = (r: Rng) => `${r.int(2019, 2030)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

/** A plausible value for a schema: mostly valid, so requests get past validation into the services. */
function valueFor(r: Rng, s: JsonSchema | undefined, name: string, pools: Pools, depth = 0): unknown {
  if (!s || depth > 6) return randomJson(r);
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  if (s.anyOf || s.oneOf) return valueFor(r, r.pick((s.anyOf ?? s.oneOf)!), name, pools, depth + 1);
  if (s.allOf?.length) return valueFor(r, s.allOf[0], name, pools, depth + 1);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  const lname = name.toLowerCase();
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return r.chance(0.5);
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = s.maximum ?? lo + 100;
      return r.int(Math.ceil(lo), Math.floor(Math.min(hi, lo + 1000)));
    }
    case 'array': {
      const n = r.int(0, Math.min(s.maxItems ?? 3, 3));
      return Array.from({ length: n }, () => valueFor(r, s.items, name, pools, depth + 1));
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k) || r.chance(0.5)) o[k] = valueFor(r, v, k, pools, depth + 1);
      }
      return o;
    }
    case 'string':
    default: {
      if (s.format === 'uuid' || /uuid/i.test(s.pattern ?? '')) return r.chance(0.8) ? r.pick(pools.uuids) : crypto.randomUUID();
      if (s.format === 'date') return r.chance(0.6) ? r.pick(pools.dates) : randomDate(r);
      if (s.format === 'date-time') return new Date(Date.UTC(2026, 0, r.int(1, 300))).toISOString();
      if (s.pattern === '^\\d{1,19}$') return lname.includes('project') || lname === 'id' ? r.pick([...pools.projectIds, ...pools.quotaIds]) : r.pick(pools.quotaIds);
      if (s.pattern === '^\\d{6}$') return lname.includes('sms') || lname === 'code' && r.chance(0.3) ? String(r.int(0, 999999)).padStart(6, '0') : r.pick(pools.regionCodes);
      if (s.pattern?.startsWith('^1[3-9]')) return r.pick(pools.phones);
      if (lname.includes('creditcode')) return randomCreditCode();
      if (lname.includes('password')) return r.chance(0.5) ? PASSWORD : `Xy!${randomString(r, 12)}9a`;
      if (lname.includes('amount')) return r.pick(['20000000.00', '1', '0', '999999999.99', String(r.int(1, 1e9))]);
      if (lname.includes('ratio') || lname.includes('percent')) return r.pick(['2', '0.5', '100', '1.2345']);
      if (lname.includes('phone')) return r.pick(pools.phones);
      if (lname.includes('region')) return r.pick(pools.regionCodes);
      if (lname.includes('date') || lname.startsWith('planned') || lname.startsWith('actual') || lname.endsWith('on')) return randomDate(r);
      const min = s.minLength ?? 1;
      const max = Math.max(min, Math.min(s.maxLength ?? 20, 20));
      let v = randomString(r, max);
      while (v.length < min) v += CJK[r.int(0, CJK.length - 1)];
      return v.slice(0, s.maxLength ?? v.length);
    }
  }
}

/** The same value of another JSON type. */
function mistype(r: Rng, v: unknown): unknown {
  const options: unknown[] = [null, true, 0, -1, 1e308, '', 'x', [], {}, [v], { v }, '\u0000', r.pick(NASTY_STRINGS)];
  return r.pick(options.filter((o) => typeof o !== typeof v || Array.isArray(o) !== Array.isArray(v)));
}

function oversize(r: Rng, v: unknown): unknown {
  const n = r.pick([1_000, 10_000, 200_000]);
  if (typeof v === 'string') return (v || 'a').repeat(Math.ceil(n / Math.max(1, v.length)));
  if (typeof v === 'number') return r.pick([1e20, -1e20, 2 ** 63, 1e308, Number.MAX_SAFE_INTEGER + 2]);
  if (Array.isArray(v)) return Array.from({ length: r.pick([100, 10_000]) }, () => v[0] ?? 'x');
  if (v && typeof v === 'object') return Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
  return 'x'.repeat(n);
}

interface Built {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer | object;
  note: string;
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced */
const encode = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

function pathValue(r: Rng, p: { name: string; schema: JsonSchema }, pools: Pools): { value: string; raw: boolean } {
  const k = r.int(0, 9);
  if (k < 3) return { value: String(valueFor(r, p.schema, p.name, pools)), raw: false };
  if (k < 7) return { value: r.pick(NASTY_STRINGS), raw: false };
  if (k < 8) return { value: r.pick(['../', '..', '.', '%2e%2e%2f', '..%2f..%2f', '%00', '%zz', '%', '工程', '%E5%B7%A5']), raw: true };
  if (k < 9) return { value: randomString(r, 30), raw: false };
  return { value: 'x'.repeat(r.pick([1_000, 20_000])), raw: false };
}

function queryString(r: Rng, op: Operation, pools: Pools): string {
  const parts: string[] = [];
  const enc = (s: string) => (r.chance(0.9) ? encode(s) : s.replace(/[#\s]/g, ''));
  for (const q of op.query) {
    if (!r.chance(0.5)) continue;
    const k = r.int(0, 9);
    let v: string;
    if (k < 4) v = String(valueFor(r, q.schema, q.name, pools));
    else if (k < 7) v = String(r.pick([...NASTY_STRINGS, ...NASTY_NUMBERS.map(String)]));
    else if (k < 8) v = 'x'.repeat(r.pick([101, 5_000, 30_000]));
    else if (k < 9) {
      parts.push(`${q.name}=${enc(String(valueFor(r, q.schema, q.name, pools)))}`); // repeated key: an array
      v = randomString(r, 8);
    } else v = randomString(r, 20);
    parts.push(`${q.name}=${enc(v)}`);
  }
  for (let i = r.chance(0.3) ? r.int(1, 4) : 0; i > 0; i--) {
    parts.push(`${enc(r.chance(0.5) ? randomString(r, 10) : r.pick(['__proto__', 'constructor[prototype]', 'page[]', 'a[b][c]', '']))}=${enc(randomString(r, 10))}`);
  }
  if (r.chance(0.05)) parts.push(r.pick(['&&&', '=', '==', '%', '%zz=1', '?']));
  return parts.length ? `?${parts.join('&')}` : '';
}

function body(r: Rng, op: Operation, pools: Pools): { payload?: string | Buffer | object; contentType?: string; note: string } {
  const wantsBody = op.body !== null || op.multipart || op.method !== 'GET';
  if (!wantsBody && r.chance(0.85)) return { note: 'no body' };
  const k = r.int(0, 19);
  if (k < 6 && op.body) {
    const valid = valueFor(r, op.body, 'body', pools) as Record<string, unknown>;
    if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
      const keys = Object.keys(valid);
      const m = r.int(0, 4);
      const key = keys.length ? r.pick(keys) : 'x';
      if (m === 0) return { payload: valid, note: 'schema-valid' };
      if (m === 1) {
        delete valid[key];
        return { payload: valid, note: `dropped ${key}` };
      }
      if (m === 2) return { payload: { ...valid, [key]: mistype(r, valid[key]) }, note: `mistyped ${key}` };
      if (m === 3) return { payload: { ...valid, [key]: oversize(r, valid[key]) }, note: `oversized ${key}` };
      return { payload: { ...valid, [randomString(r, 8) || 'extra']: randomJson(r), ['__proto__']: { admin: true } }, note: 'extra keys' };
    }
  }
  if (k < 11) return { payload: JSON.stringify(randomJson(r)), contentType: 'application/json', note: 'random json' };
  if (k < 13) return { payload: r.pick(['{', '{"a":', 'nul', '[1,2', '\u0000\u0001', '{"a":1}}', "{'a':1}", 'NaN', '']), contentType: 'application/json', note: 'broken json' };
  if (k < 14) return { payload: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json', note: 'over the body limit' };
  if (k < 15) {
    const n = r.pick([100, 5_000, 100_000]);
    return { payload: r.chance(0.5) ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, contentType: 'application/json', note: `nested ${n} deep` };
  }
  if (k < 17) {
    const ct = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream', 'image/png', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data', 'garbage', '']);
    return { payload: r.chance(0.5) ? 'a=1&b=2' : crypto.randomBytes(r.int(0, 300)), contentType: ct, note: `content-type ${ct || '(empty)'}` };
  }
  if (k < 18) {
    const m = multipart(r.pick(['a.pdf', '../../x.pdf', 'a\u0000.pdf', '工程.png', '']), r.chance(0.5) ? PDF_BYTES : crypto.randomBytes(r.int(0, 500)), r.pick(['file', 'other']));
    return { payload: m.payload, contentType: m.headers['content-type'], note: 'multipart file' };
  }
  if (k < 19) return { payload: `--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 trunc`, contentType: 'multipart/form-data; boundary=x', note: 'truncated multipart' };
  return { payload: '', contentType: 'application/json', note: 'empty json body' };
}


function buildRequest(r: Rng, op: Operation, pools: Pools): Built {
  let url = op.path;
  const notes: string[] = [];
  for (const p of op.pathParams) {
    const { value, raw } = pathValue(r, p, pools);
    url = url.replace(`{${p.name}}`, raw ? value : encode(value));
    notes.push(`${p.name}=${JSON.stringify(value.slice(0, 40))}`);
  }
  url += queryString(r, op, pools);
  const b = body(r, op, pools);
  const headers: Record<string, string> = {};
  if (b.contentType !== undefined) headers['content-type'] = b.contentType;
  return { method: op.method, url, headers, payload: b.payload, note: [...notes, b.note].join(' ') };
}

// ---- the run --------------------------------------------------------------------------------
const HAS_CJK = /[\u3400-\u9fff]/;
const API_ERROR_KEYS = new Set(['code', 'message', 'details']);

function problems(res: LightMyRequestResponse, ms: number): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`status ${res.statusCode}`);
  if (ms > TIMEOUT_MS) out.push(`took ${ms} ms`);
  if (res.statusCode >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('application/json')) out.push(`error is not JSON (${type || 'no content-type'})`);
    else {
      let body: Record<string, unknown> | null = null;
      try {
        body = res.json();
      } catch {
        out.push('error body does not parse');
      }
      if (body) {
        if (typeof body.code !== 'string') out.push('no string code');
        else if (!(body.code in errorStatus)) out.push(`unknown code ${body.code}`);
        else if (errorStatus[body.code as keyof typeof errorStatus] !== res.statusCode) out.push(`code ${body.code} with status ${res.statusCode}`);
        if (typeof body.message !== 'string' || !HAS_CJK.test(body.message)) out.push(`message not Chinese: ${JSON.stringify(body.message)}`);
        const extra = Object.keys(body).filter((k) => !API_ERROR_KEYS.has(k));
        if (extra.length) out.push(`extra keys ${extra.join(',')}`);
      }
    }
  }
  return out;
}

function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const params = op.parameters ?? [];
      ops.push({
        method,
        path,
        key: `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        multipart: path === '/api/files' && method === 'POST',
      });
    }
  }
  return ops;
}

let ctx: TestContext;
interface Identity {
  label: string;
  kept: boolean;
  session: Session | null;
  relogin?: () => Promise<Session>;
}
const identities: Identity[] = [];
let pools: Pools;
let throwaway: Identity;

async function newThrowaway(): Promise<Session> {
  const u = await buildUser(ctx, { role: 'enterprise', certified: true });
  pools.uuids.push(u.id, u.orgId);
  pools.phones.push(u.phone);
  return login(ctx, u.phone);
}

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_SMS_PER_MINUTE: '100000' });
  const cityHrss = await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局');
  const cityHousing = await orgByName(ctx, '辽宁省本溪市住房和城乡建设局');
  const make = async (label: string, opts: Parameters<typeof buildUser>[1]) => {
    const u = await buildUser(ctx, opts);
    const relogin = () => login(ctx, u.phone);
    identities.push({ label, kept: true, session: await relogin(), relogin });
    return u;
  };
  identities.push({ label: 'anonymous', kept: false, session: null });
  const ent = await make('enterprise', { role: 'enterprise', certified: true });
  await make('enterprise (uncertified)', { role: 'enterprise' });
  await make('hrss', { role: 'hrss', orgId: cityHrss });
  await make('authority', { role: 'authority', orgId: cityHousing });
  await make('bank', { role: 'bank' });
  await make('insurer', { role: 'insurer' });
  await make('admin', { role: 'admin' });
  await make('must change password', { role: 'enterprise', certified: true, mustChangePassword: true });

  // a little real data, so that valid-looking ids reach the services
  const entSession = identities.find((i) => i.label === 'enterprise')!.session!;
  const fileId = await uploadFile(entSession);
  const p1 = (await entSession.inject({ method: 'POST', url: '/api/projects', payload: projectInput() })).json().id as string;
  const p2 = (await entSession.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ name: '本溪市明山区道路改造工程' }) })).json().id as string;
  const q = await entSession.inject({
    method: 'POST',
    url: '/api/quota-applications',
    payload: { projectId: p1, contractAmount: '20000000.00', prepayMode: 'ratio', prepayRatio: '2', applyType: 'general', payMethod: 'guarantee', handlerName: '张三', handlerPhone: '13455554444' },
  });
  expect(q.statusCode, q.body).toBe(201);
  const uncert = identities.find((i) => i.label === 'enterprise (uncertified)')!.session!;
  const licence = await uploadFile(uncert);
  const cert = await uncert.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: licence }) as object });
  expect(cert.statusCode, cert.body).toBe(201);

  const ids = async (text: string) => (await ctx.database.query<{ id: string }>(text)).rows.map((r) => String(r.id));
  pools = {
    projectIds: [p1, p2, '1', '9223372036854775807'],
    quotaIds: [q.json().id, '1', '9223372036854775807'],
    uuids: [
      fileId,
      licence,
      cert.json().id,
      ent.orgId,
      ...(await ids('select id from organizations where type <> $$enterprise$$ limit 5')),
      ...(await ids('select id from dict_items limit 5')),
      ...(await ids('select id from supervision_mappings limit 5')),
      crypto.randomUUID(),
    ],
    regionCodes: [...(await ids('select code as id from regions')), '000000', '999999'],
    phones: ['13900000000', '13800000001'],
    dates: ['2026-03-02', '2026-03-09', '2026-10-01', '2025-12-31'],
  };
  // logout / change-password are called with this one only; it is replaced whenever it dies
  throwaway = { label: 'throwaway enterprise', kept: false, session: await newThrowaway(), relogin: newThrowaway };
  identities.push(throwaway);
}, 120_000);

afterAll(() => ctx?.close());

async function send(opts: InjectOptions): Promise<{ res: LightMyRequestResponse | null; ms: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await Promise.race([
      ctx.app.inject(opts),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), TIMEOUT_MS * 3);
      }),
    ]);
    return { res, ms: Date.now() - started };
  } catch (err) {
    // light-my-request refused to build the request (a URL it cannot parse): not the server's doing
    return { res: null, ms: Date.now() - started, error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzz every route of /api/openapi.json', () => {
  it(`answers ${BUDGET} generated requests (seed ${SEED}) without a 5xx, a hang or a malformed error`, async () => {
    const docRes = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(docRes.statusCode).toBe(200);
    const ops = operations(docRes.json());
    expect(ops.length).toBeGreaterThan(40);
    const r = prng(SEED);
    const failures: string[] = [];
    /** one example of each kind of failure: status, code and problem */
    const kinds = new Map<string, string>();
    const byStatus = new Map<number, number>();
    const reached = new Map<string, Set<number>>();
    let refused = 0;
    const started = Date.now();

    for (let i = 0; i < BUDGET; i++) {
      const op = ops[i % ops.length]!;
      let who = identities[Math.floor(i / ops.length) % identities.length]!;
      if (SESSION_ENDING.has(op.key) && who.kept) who = r.chance(0.5) ? throwaway : identities[0]!;
      const b = buildRequest(r, op, pools);
      const headers: Record<string, string> = { ...b.headers };
      if (who.session) {
        headers.cookie = who.session.cookie;
        const c = r.int(0, 19);
        headers['x-csrf-token'] = c === 0 ? 'wrong' : who.session.csrf;
        if (c === 1) delete headers['x-csrf-token'];
      } else if (r.chance(0.2)) {
        headers.cookie = `bx_session=${r.pick([randomString(r, 60), 'x'.repeat(5000), '', '%00', crypto.randomBytes(32).toString('base64url')])}`;
      }
      const opts: InjectOptions = { method: b.method as InjectOptions['method'], url: b.url, headers, payload: b.payload as InjectOptions['payload'] };
      const { res, ms, error } = await send(opts);
      const label = `#${i} ${b.method} ${b.url.slice(0, 160)} as ${who.label} (${b.note.slice(0, 200)})`;
      if (!res) {
        if (error) refused++;
        else failures.push(`${label}: no answer within ${TIMEOUT_MS * 3} ms`);
        continue;
      }
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      let set = reached.get(op.key);
      if (!set) reached.set(op.key, (set = new Set()));
      set.add(res.statusCode);
      for (const p of problems(res, ms)) {
        const line = `${label}: ${p.slice(0, 200)} — ${res.body.slice(0, 200)}`;
        failures.push(line);
        let code = '';
        try {
          code = String(res.json().code);
        } catch {}
        const kind = `${res.statusCode} ${code} ${p.replace(/[:(].*$/, '')}`;
        if (!kinds.has(kind)) kinds.set(kind, line);
      }

      // a session the request ended (logout, password change, admin action, lockout): log in again
      if (who.session && who.relogin && (res.statusCode === 401 || SESSION_ENDING.has(op.key) || i % 97 === 0)) {
        const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: who.session.cookie } });
        if (me.statusCode !== 200) who.session = await who.relogin().catch(() => (who === throwaway ? newThrowaway() : who.relogin!()));
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    const success = [...reached.entries()].filter(([, s]) => [...s].some((x) => x < 300)).length;
    console.log(`fuzz: ${BUDGET} requests over ${ops.length} operations in ${seconds} s (seed ${SEED}); statuses ${summary}; ${success} operations answered 2xx at least once; ${refused} not sendable`);
    const report = [...kinds.entries()].map(([k, example]) => `[${k}] e.g. ${example}`);
    expect(failures.length, `seed ${SEED}, FUZZ_REQUESTS=${BUDGET}: ${failures.length} failures of ${kinds.size} kinds:\n${report.join('\n')}`).toBe(0);
    expect(reached.size).toBe(Math.min(ops.length, BUDGET));
    // the generator must get past validation somewhere, or it tests only the validator
    expect(success).toBeGreaterThan(Math.min(15, BUDGET / 50));
  }, Math.max(120_000, BUDGET * 200));
});

/** Each defect the fuzzer found, pinned down as a plain test. */
describe('defects the fuzzer found', () => {
  const expectError = (res: LightMyRequestResponse, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(HAS_CJK);
    expect(Object.keys(res.json()).every((k) => API_ERROR_KEYS.has(k))).toBe(true);
  };
  const as = (label: string) => identities.find((i) => i.label === label)!.session!;

  it('an id beyond PostgreSQL bigint is a 400, not a database error', async () => {
    for (const url of ['/api/quota-applications/9223372036854775808/withdraw', '/api/projects/99999999999999999999']) {
      const res = await as('enterprise').inject({ method: url.endsWith('withdraw') ? 'POST' : 'GET', url });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    const q = await as('enterprise').inject({ method: 'GET', url: '/api/quota-applications?projectId=9999999999999999999' });
    expectError(q, 400, 'VALIDATION_FAILED');
    // the largest bigint itself is a valid id that simply does not exist
    expectError(await as('enterprise').inject({ method: 'GET', url: '/api/projects/9223372036854775807' }), 404, 'NOT_FOUND');
  });

  it('a NUL character in a query or body is a 400', async () => {
    expectError(await as('admin').inject({ method: 'GET', url: '/api/admin/audit?targetType=a%00b' }), 400, 'VALIDATION_FAILED');
    expectError(await as('enterprise').inject({ method: 'POST', url: '/api/projects', payload: projectInput({ name: '工程\u0000名称' }) }), 400, 'VALIDATION_FAILED');
  });

  it('multipart without a boundary is a 400', async () => {
    const res = await as('enterprise').inject({ method: 'POST', url: '/api/files', payload: Buffer.from('xx'), headers: { 'content-type': 'multipart/form-data' } });
    expectError(res, 400, 'BAD_REQUEST');
  });

  it('an empty PATCH changes nothing and answers 200', async () => {
    const orgs = (await as('admin').inject({ method: 'GET', url: '/api/admin/organizations?type=hrss&pageSize=10' })).json().items;
    const res = await as('admin').inject({ method: 'PATCH', url: `/api/admin/organizations/${orgs[0].id}`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(orgs[0].id);
    const regions = await as('admin').inject({ method: 'PATCH', url: '/api/admin/regions/210502', payload: { unknown: 1 } });
    expect(regions.statusCode, regions.body).toBe(200);
  });

  it('URLs the router refuses (bad escapes, over-long parameters) answer in the SPEC §12 shape', async () => {
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/projects/%zz' }), 400, 'BAD_REQUEST');
    expectError(await ctx.app.inject({ method: 'GET', url: `/api/projects/${'1'.repeat(500)}` }), 400, 'BAD_REQUEST');
  });
});
