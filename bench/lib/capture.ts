/**
 * What the app really sends to PostgreSQL for one request: a server started with bench/lib/sql-trace.ts
 * preloaded writes every statement of every `pg` client to a file; requests are made one at a time and
 * the lines written meanwhile are that request's statements. Each scenario is run once to warm the
 * app's caches (the unit tree, dictionaries, rules) and then captured, so the statements are those of
 * a steady request, as under load.
 */
import fs from 'node:fs';
import { APPROVE_BODY, call, projectBody, quotaBody, type HttpSession } from './client';

export interface TracedStatement {
  /** backend pid of the connection that sent it (transactions stay on one) */
  pid: number | null;
  name?: string;
  text: string;
  /** as sent on the wire (text), null for NULL */
  values: (string | null)[];
}

/**
 * Work of the process that is not the request's: the outbox worker's polling and delivery, the change
 * feed's LISTEN, the totals cache's refreshes. An INSERT of an outbox event is the command's own and stays.
 */
export function isBackground(s: TracedStatement): boolean {
  const t = s.text.trim().toLowerCase();
  if (/^(listen|unlisten)\b/.test(t)) return true;
  if (/outbox_(events|receipts)/.test(t) && !/^insert into "?outbox_events"?/.test(t)) return true;
  return false;
}

export class SqlTrace {
  private offset = 0;
  constructor(readonly file: string) {
    fs.writeFileSync(file, '');
  }
  /** Forget what was sent so far. */
  mark(): void {
    this.offset = fs.statSync(this.file).size;
  }
  /**
   * Statements sent since the last mark, background work left out: see isBackground, and everything
   * on the change feed's listening connection (its heartbeat `select 1`), known by its LISTEN.
   */
  since(): TracedStatement[] {
    const buf = fs.readFileSync(this.file);
    const parse = (b: Buffer) => b.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TracedStatement);
    const listeners = new Set(parse(buf).filter((s) => /^listen\b/i.test(s.text.trim())).map((s) => s.pid));
    const lines = parse(buf.subarray(this.offset));
    this.offset = buf.length;
    return lines.filter((s) => !isBackground(s) && !listeners.has(s.pid));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 40));

/** One request, its statements. */
async function traced(trace: SqlTrace, run: () => Promise<{ status: number; text: string }>, what: string): Promise<TracedStatement[]> {
  await settle();
  trace.mark();
  const res = await run();
  if (res.status >= 300) throw new Error(`capture ${what}: ${res.status} ${res.text.slice(0, 300)}`);
  await settle();
  return trace.since();
}

export interface Capture {
  /** per project id: the statements of GET /api/projects/:id */
  detail: { id: string; statements: TracedStatement[] }[];
  /** per chain 新建项目 → 定额申请 → 审核通过: its statements, and the ids it created */
  write: { statements: TracedStatement[]; projectId: string; quotaId: string }[];
}

export async function captureScenarios(base: string, trace: SqlTrace, s: { ent: HttpSession; hrss: HttpSession }, detailIds: string[], chains = 2): Promise<Capture> {
  const detail: Capture['detail'] = [];
  for (const id of detailIds) {
    const get = () => call(base, 'GET', `/api/projects/${id}`, { session: s.ent });
    await get(); // warm
    detail.push({ id, statements: await traced(trace, get, `detail ${id}`) });
  }
  const write: Capture['write'] = [];
  let n = 900_000 + (Date.now() % 90_000);
  for (let i = 0; i <= chains; i++) {
    let projectId = '';
    let quotaId = '';
    const a = await traced(
      trace,
      async () => {
        const r = await call(base, 'POST', '/api/projects', { session: s.ent, body: projectBody((n += 1)) });
        projectId = r.body?.id;
        return r;
      },
      '新建项目',
    );
    const b = await traced(
      trace,
      async () => {
        const r = await call(base, 'POST', '/api/quota-applications', { session: s.ent, body: quotaBody(projectId) });
        quotaId = r.body?.id;
        return r;
      },
      '定额申请',
    );
    const c = await traced(trace, () => call(base, 'POST', `/api/quota-applications/${quotaId}/approve`, { session: s.hrss, body: APPROVE_BODY }), '审核通过');
    if (i > 0) write.push({ statements: [...a, ...b, ...c], projectId, quotaId }); // the first chain warms the app
  }
  return { detail, write };
}

/** The statements of a steady GET (the same request once before, to warm the app's caches). */
export async function captureGet(base: string, trace: SqlTrace, path: string, session: HttpSession): Promise<TracedStatement[]> {
  const get = () => call(base, 'GET', path, { session });
  await get();
  return traced(trace, get, path);
}
