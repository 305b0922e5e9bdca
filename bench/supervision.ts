/**
 * `npm run bench -- --only sweep,dashboard [--projects 1000000]` (issue 15, second half; ADR 045, 046):
 *
 * sweep — the daily 预警巡检 (modules/warnings/sweep.ts, the rules of app.ts) in this process against the
 *   scale database, as the job runs it (one transaction, the real clock):
 *   1. first: from no warnings at all (`--sweep-from-empty`, default) — every candidate raised;
 *   2. again: right after — nothing should change (raised 0, cleared 0, no row written);
 *   3. after a day's changes: 1% of the pending 定额申请 approved, 1% of the expiring guarantees released,
 *      1% of the 待缴纳 projects paid, and the clock one day on — only what changed is touched.
 *   Each with its seconds and the rows the warnings table received (pg_stat n_tup_ins / n_tup_upd).
 *   The event path: the in-command cost of recordWarningRecheck (one outbox row, p50/p99 over 200
 *   transactions) and the after-commit handler's sweep of one project (p50/p99 over 200 projects).
 *   The raised warnings' outbox events are removed afterwards (their messages and SMS are not measured).
 * dashboard — the hrss 首页 (city bureau: every project) GET /api/dashboard under autocannon at each
 *   concurrency, p99; then its figures compared with exact counts of the tables (equal: yes / no).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';

class Rollback extends Error {}
import { createWorkCalendar } from '@benxi/shared';
import { recordWarningRecheck } from '../apps/server/src/modules/warnings/events';
import { sweepWarnings, type SweepDeps } from '../apps/server/src/modules/warnings/sweep';
import { bankOverdueRule, guaranteeExpiryRule, offlineReviewOverdueRule, quotaReviewOverdueRule, quotaUnpaidRule } from '../apps/server/src/modules/warnings/rules';
import * as guaranteeReads from '../apps/server/src/modules/guarantees/repositories/warning-reads';
import * as quotaReads from '../apps/server/src/modules/quota/repositories/warning-reads';
import * as bankReads from '../apps/server/src/modules/bank-guarantees/repositories/warning-reads';
import { payableProjectsSignedBy, projectFacts } from '../apps/server/src/modules/projects/repositories/warning-reads';
import type { Database } from '../apps/server/src/db/client';
import { loginViaSms, call } from './lib/client';
import { httpLoad, type Stat } from './lib/load';
import { startServer } from './lib/server';
import type { ScaleTarget } from './lib/data';

export interface SweepFigure {
  step: string;
  seconds: number;
  raised: number;
  cleared: number;
  open: number;
  warningsInserted: number;
  warningsUpdated: number;
}

/** The rules of app.ts; the calendar with the database's overrides, as rules.workCalendar reads it. */
async function sweepDeps(database: Database): Promise<SweepDeps> {
  const { rows } = await database.query<{ date: string; workday: boolean }>(`select date::text as date, workday from calendar_overrides`);
  const calendar = createWorkCalendar(rows.map((r) => ({ date: r.date, workday: r.workday })));
  return {
    rules: [guaranteeExpiryRule(guaranteeReads), quotaUnpaidRule(quotaReads, { payableProjectsSignedBy }), quotaReviewOverdueRule(quotaReads), offlineReviewOverdueRule(guaranteeReads), bankOverdueRule(bankReads)],
    projects: projectFacts,
    calendar: async () => calendar,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

async function tupleStats(database: Database): Promise<{ ins: number; upd: number }> {
  const { rows } = await database.query<{ ins: string; upd: string }>(`select n_tup_ins::text as ins, n_tup_upd::text as upd from pg_stat_user_tables where relname = 'warnings'`);
  return { ins: Number(rows[0]?.ins ?? 0), upd: Number(rows[0]?.upd ?? 0) };
}

/** pg_stat counters arrive with a delay; wait until they stop moving */
async function settledStats(database: Database): Promise<{ ins: number; upd: number }> {
  let last = await tupleStats(database);
  for (let i = 0; i < 20; i++) {
    await database.query('select pg_stat_clear_snapshot()');
    await new Promise((r) => setTimeout(r, 300));
    const now = await tupleStats(database);
    if (now.ins === last.ins && now.upd === last.upd && i > 1) return now;
    last = now;
  }
  return last;
}

export async function sweepBench(database: Database, opts: { log: (s: string) => void; fromEmpty: boolean }): Promise<{ figures: SweepFigure[]; recheck: Record<string, number> }> {
  const { log } = opts;
  const figures: SweepFigure[] = [];
  const started = new Date();
  const deps = await sweepDeps(database);
  if (opts.fromEmpty) {
    await database.query(`delete from sms_records`);
    await database.query(`delete from warnings`);
  }
  const one = async (step: string, now: Date) => {
    const before = await settledStats(database);
    const t0 = performance.now();
    const r = await database.db.transaction((tx) => sweepWarnings(tx, deps, now));
    const seconds = Math.round((performance.now() - t0) / 10) / 100;
    const after = await settledStats(database);
    const f = { step, seconds, raised: r.raised, cleared: r.cleared, open: r.open, warningsInserted: after.ins - before.ins, warningsUpdated: after.upd - before.upd };
    figures.push(f);
    log(`sweep ${step}: ${seconds} s, raised ${r.raised}, cleared ${r.cleared}, open ${r.open}; warnings rows inserted ${f.warningsInserted}, updated ${f.warningsUpdated}`);
  };
  const now = new Date();
  await one(opts.fromEmpty ? 'first (no warnings yet)' : 'first', now);
  await one('again, right after', now);

  // a day's changes, about 1% of each kind of open item
  await database.query(`update quota_applications set status = 'approved', decided_at = now(), approved_fen = applied_fen, updated_at = now()
    where id in (select id from quota_applications where status = 'pending' order by id limit greatest(1, (select count(*) from quota_applications where status = 'pending') / 100))`);
  await database.query(`update projects set deposit_status = 'to_pay', updated_at = now() where id in (
    select project_id from quota_applications where status = 'approved' and decided_at > now() - interval '1 minute') and deposit_status = 'quota_review'`);
  await database.query(`update guarantees set released_at = now() where id in (
    select id from guarantees where released_at is null and claimed_at is null and valid_to <= current_date + 30 order by id limit greatest(1, (select count(*) from guarantees where released_at is null and claimed_at is null and valid_to <= current_date + 30) / 100))`);
  await database.query(`update projects set deposit_status = 'paid', updated_at = now() where id in (
    select id from projects where deposit_status = 'to_pay' order by id limit greatest(1, (select count(*) from projects where deposit_status = 'to_pay') / 100))`);
  await one('after a day of changes (1% of each), clock +1 day', new Date(now.getTime() + 86_400_000));
  await one('again, right after', new Date(now.getTime() + 86_400_000));

  // the event path
  const { rows: sample } = await database.query<{ id: string }>(`select project_id::text as id from warnings where cleared_at is null order by id limit 100`);
  const { rows: more } = await database.query<{ id: string }>(`select id::text as id from projects order by id desc limit 100`);
  const ids = [...sample, ...more].map((r) => BigInt(r.id));
  const command: number[] = [];
  const handler: number[] = [];
  for (const id of ids) {
    // in the command: what recordWarningRecheck adds inside the command's own transaction (one insert;
    // the commit is the command's anyway)
    for (let k = 0; k < 5; k++) {
      await database.db.transaction(async (tx) => {
        const a = performance.now();
        await recordWarningRecheck(tx, now, id, 'bench');
        command.push(performance.now() - a);
      });
    }
    const b = performance.now();
    await database.db.transaction((tx) => sweepWarnings(tx, deps, now, [id]));
    handler.push(performance.now() - b);
  }
  // what the 首页 counts' triggers add to a command's statement: a one-row update of 保证金状态 with and
  // without them (ALTER TABLE … DISABLE TRIGGER, bench only), alternating, in the command's transaction
  const withT: number[] = [];
  const withoutT: number[] = [];
  const probe = ids.slice(0, 100);
  const flip = async (into: number[]) => {
    for (const id of probe) {
      await database.db.transaction(async (tx) => {
        const a = performance.now();
        await tx.execute(sql`update projects set deposit_status = case deposit_status when 'filed' then 'paid' else deposit_status end, updated_at = now() where id = ${id}`);
        into.push(performance.now() - a);
        throw new Rollback();
      }).catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    }
  };
  await flip(withT);
  await database.query('alter table projects disable trigger projects_dashboard_upd');
  try {
    await flip(withoutT);
  } finally {
    await database.query('alter table projects enable trigger projects_dashboard_upd');
  }
  await flip(withT);
  const recheck = {
    commandP50: pct(command, 50), commandP99: pct(command, 99), handlerP50: pct(handler, 50), handlerP99: pct(handler, 99), samples: ids.length,
    updateWithTriggerP50: pct(withT, 50), updateWithTriggerP99: pct(withT, 99), updateWithoutTriggerP50: pct(withoutT, 50), updateWithoutTriggerP99: pct(withoutT, 99),
  };
  log(`the counts' trigger on a one-row project update: p50 ${recheck.updateWithTriggerP50} ms with, ${recheck.updateWithoutTriggerP50} ms without (p99 ${recheck.updateWithTriggerP99} / ${recheck.updateWithoutTriggerP99} ms)`);
  log(`event path: recordWarningRecheck in a command's transaction p50 ${recheck.commandP50} ms p99 ${recheck.commandP99} ms; the after-commit sweep of one project p50 ${recheck.handlerP50} ms p99 ${recheck.handlerP99} ms (${ids.length} projects)`);
  // not measured here: the messages and SMS of the raised warnings; and the recheck rows of this bench
  await database.query(`delete from outbox_events where created_at >= $1 and topic in ('warning.raised', 'warnings.recheck')`, [started]);
  return { figures, recheck };
}

export interface DashboardFigures {
  rows: { concurrency: number; stat: Stat }[];
  equal: boolean;
  mismatches: string[];
  countedMs?: number;
}

/** The hrss 首页 of the city bureau (every project) under load, and its figures against exact counts. */
export async function dashboardBench(
  target: ScaleTarget,
  database: Database,
  hrssPhone: string,
  opts: { concurrency: number[]; durationSec: number; log: (s: string) => void },
): Promise<DashboardFigures> {
  const server = await startServer({ databaseUrl: target.url, dataDir: target.dataDir, env: { NODE_ID: '1' } });
  const rows: DashboardFigures['rows'] = [];
  let body: { figures: { key: string; value: number }[]; charts: { items: { key: string; value: number }[] }[] };
  try {
    const s = await loginViaSms(server.url, hrssPhone);
    const first = await call(server.url, 'GET', '/api/dashboard', { session: s });
    if (first.status !== 200) throw new Error(`/api/dashboard ${first.status}: ${first.text.slice(0, 300)}`);
    await httpLoad({ url: server.url, connections: 4, durationSec: 1, path: '/api/dashboard', headers: s.headers });
    for (const c of opts.concurrency) {
      const stat = await httpLoad({ url: server.url, connections: c, durationSec: opts.durationSec, path: '/api/dashboard', headers: s.headers, pids: [server.pid], databaseUrl: target.url });
      rows.push({ concurrency: c, stat });
      opts.log(`app×1 dashboard-hrss c=${c}: ${stat.rps} req/s p50 ${stat.p50} p99 ${stat.p99} ms${stat.failures ? `, ${stat.failures} failures ${JSON.stringify(stat.statuses)}` : ''}`);
    }
    body = (await call(server.url, 'GET', '/api/dashboard', { session: s })).body as typeof body;
  } finally {
    await server.stop();
  }
  // exact counts of what the city bureau sees (every project): the figures must equal them
  const t0 = performance.now();
  const exact = new Map<string, number>();
  const q = async (text: string) => (await database.query<{ k: string; n: string }>(text)).rows.forEach((r) => exact.set(r.k, Number(r.n)));
  await q(`select 'projects' as k, count(*)::text as n from projects`);
  await q(`select 'deposit:' || deposit_status as k, count(*)::text as n from projects group by 1`);
  await q(`select 'region:' || region_code as k, count(*)::text as n from projects group by 1`);
  await q(`select 'queue:quota' as k, count(*)::text as n from quota_applications where status = 'pending'`);
  await q(`select 'queue:offline' as k, count(*)::text as n from offline_guarantees where status = 'pending'`);
  await q(`select 'guarantee:' || kind as k, count(*)::text as n from guarantees group by 1`);
  await q(`select 'warnings-open' as k, count(*)::text as n from warnings where cleared_at is null`);
  await q(`select 'warning:' || type as k, count(*)::text as n from warnings where cleared_at is null group by 1`);
  await q(`select 'warning-month:' || to_char((raised_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') || '-01' as k, count(*)::text as n from warnings group by 1`);
  const countedMs = Math.round(performance.now() - t0);
  const mismatches: string[] = [];
  for (const f of [...body.figures, ...body.charts.flatMap((c) => c.items)]) {
    const want = exact.get(f.key) ?? 0;
    if (want !== f.value) mismatches.push(`${f.key}: 首页 ${f.value}, tables ${want}`);
  }
  opts.log(`dashboard-hrss figures = exact counts: ${mismatches.length ? `NO (${mismatches.join('; ')})` : 'yes'} (counting them took ${countedMs} ms)`);
  return { rows, equal: mismatches.length === 0, mismatches, countedMs };
}
