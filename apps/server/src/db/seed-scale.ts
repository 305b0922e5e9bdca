/**
 * `npm run seed:scale -- --projects N [--seed S]`: fills the database named by DATABASE_URL (or the
 * embedded one in DATA_DIR) with realistic volume: enterprises (a few with hundreds of projects,
 * most with a handful), projects over Benxi's seven regions and four industry types with plausible
 * amounts and dates. Deterministic for a seed. Rows go in with multi-row INSERT … SELECT unnest(…).
 */
import path from 'node:path';
import { creditCodeCheckChar } from '@benxi/shared';
import { loadEnv } from '../config/env';
import { openDatabase, type Database } from './client';
import { seedReference } from './reference';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['210500', '210502', '210503', '210504', '210505', '210521', '210522'];
const INDUSTRIES = ['housing', 'housing', 'housing', 'transport', 'water', 'other'];
const TYPES = ['building', 'municipal', 'highway', 'water', 'other'];
const NAMES_A = ['平山', '溪湖', '明山', '南芬', '本溪', '桓仁', '小市', '田师傅', '草河口', '高官'];
const NAMES_B = ['保障性住房', '棚户区改造', '道路改造', '桥梁', '污水处理厂', '供热管网', '学校教学楼', '医院门诊楼', '水库除险加固', '产业园厂房'];
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * 保证金状态 of a seeded project, in the proportions of a platform that has run for five years (issue 15,
 * second half): most projects paid and filed or already cancelled, a few per cent waiting for something.
 * (Until then the states were drawn uniformly, which left 11% of a million projects 待缴纳 long after their
 * contracts — a backlog no bureau has.)
 */
const DEPOSIT_WEIGHTS: [string, number][] = [
  ['none', 0.04], ['quota_review', 0.01], ['to_pay', 0.008], ['exempted', 0.06], ['deferred', 0.01], ['paying', 0.002],
  ['paid', 0.3], ['filing', 0.005], ['filed', 0.45], ['cancelling', 0.005], ['cancelled', 0.11],
];
function depositStatusOf(r: number): string {
  let acc = 0;
  for (const [s, w] of DEPOSIT_WEIGHTS) if (r < (acc += w)) return s;
  return 'filed';
}


/**
 * The secondary indexes of projects (and the non-unique ones of the instruments' tables) are dropped for the load and built once afterwards (a million
 * rows into 12 indexes, the GIN of name pieces among them, row by row, was most of the seeding
 * time). Their definitions are kept in a table first, so that a run killed half-way has them
 * rebuilt by the next one.
 */
/** The instruments' tables (seedInstruments): their non-unique indexes are deferred too (the unique ones decide ON CONFLICT). */
const INSTRUMENT_TABLES = ['quota_applications', 'cash_deposits', 'guarantees', 'offline_guarantees', 'guarantee_applications'];

async function deferProjectIndexes(database: Database): Promise<void> {
  await buildDeferredIndexes(database); // a crashed run's
  await database.query('create table bx_seed_deferred_indexes (name text primary key, def text not null)');
  const { rows } = await database.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = current_schema() and (i.tablename = 'projects' or (i.tablename = any($1) and i.indexdef not like 'CREATE UNIQUE%'))
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [INSTRUMENT_TABLES],
  );
  for (const r of rows) {
    await database.query('insert into bx_seed_deferred_indexes (name, def) values ($1, $2)', [r.name, r.def]);
    await database.query(`drop index if exists "${r.name.replace(/"/g, '""')}"`);
  }
}

async function buildDeferredIndexes(database: Database): Promise<void> {
  const { rows: exists } = await database.query<{ t: string | null }>(`select to_regclass('bx_seed_deferred_indexes')::text as t`);
  if (!exists[0]?.t) return;
  const { rows } = await database.query<{ name: string; def: string }>('select name, def from bx_seed_deferred_indexes');
  for (const r of rows) {
    await database.query(r.def.replace(/^CREATE (UNIQUE )?INDEX /, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX IF NOT EXISTS `));
    await database.query('delete from bx_seed_deferred_indexes where name = $1', [r.name]);
  }
  await database.query('drop table bx_seed_deferred_indexes');
}

export async function seedScale(database: Database, projects: number, seed: number): Promise<{ enterprises: number; projects: number; ms: number }> {
  const started = Date.now();
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  await seedReference(database.db);
  const { rows: units } = await database.query<{ kind: string; industry_type: string | null; region_code: string; org_id: string }>(
    'select kind, industry_type, region_code, org_id from supervision_mappings where is_default',
  );
  const unitOf = (kind: string, region: string, industry: string | null) =>
    units.find((u) => u.kind === kind && u.region_code === region && (kind === 'hrss' || u.industry_type === industry))!.org_id;

  // enterprises: sizes drawn so that a few hold hundreds of projects and most a handful
  const sizes: number[] = [];
  let left = projects;
  while (left > 0) {
    const big = rand() < 0.01;
    const n = Math.min(left, big ? 200 + Math.floor(rand() * 400) : 1 + Math.floor(rand() * 12));
    sizes.push(n);
    left -= n;
  }
  const prefix = `S${seed.toString(36).toUpperCase()}`.slice(0, 4).padEnd(4, '0');
  await deferProjectIndexes(database);
  const entIds: string[] = [];
  const BATCH = 5000;
  for (let start = 0; start < sizes.length; start += BATCH) {
    const names: string[] = [];
    const codes: string[] = [];
    for (let i = start; i < Math.min(sizes.length, start + BATCH); i++) {
      names.push(`${pick(NAMES_A)}${pick(['建工', '城建', '路桥', '水利', '市政'])}${prefix}-${i}有限公司`);
      let body = '9121';
      for (let k = 0; k < 13; k++) body += CHARSET[Math.floor(rand() * 31)];
      codes.push(body + creditCodeCheckChar(body));
    }
    const { rows: inserted } = await database.query<{ id: string }>(
      `insert into organizations (type, name, credit_code, region_code, certified, created_at)
       select 'enterprise', n, c, '210500', true, now() from unnest($1::text[], $2::text[]) as t(n, c)
       on conflict (credit_code) do nothing
       returning id`,
      [names, codes],
    );
    entIds.push(...inserted.map((r) => r.id));
  }

  const base = BigInt(Date.now() - 1288834974657) << 22n;
  let made = 0;
  let entIndex = 0;
  let leftInEnt = sizes[0] ?? 0;
  while (made < projects) {
    const n = Math.min(BATCH, projects - made);
    const cols: Record<string, unknown[]> = {
      id: [], ent: [], industry: [], region: [], authority: [], hrss: [], name: [], projectRegion: [], type: [], amount: [],
      start: [], end: [], signed: [], status: [], deposit: [], created: [],
    };
    for (let i = 0; i < n; i++) {
      while (leftInEnt === 0) leftInEnt = sizes[++entIndex] ?? 1;
      leftInEnt--;
      const region = pick(REGIONS);
      const industry = pick(INDUSTRIES);
      const startDay = new Date(Date.UTC(2021, 0, 1) + Math.floor(rand() * 5 * 365) * 86_400_000);
      const end = new Date(startDay.getTime() + (90 + Math.floor(rand() * 900)) * 86_400_000);
      const signed = new Date(startDay.getTime() - Math.floor(rand() * 60) * 86_400_000);
      const created = new Date(signed.getTime() + Math.floor(rand() * 30) * 86_400_000 + Math.floor(rand() * 86_400_000));
      cols.id!.push(String(base + BigInt(made + i)));
      cols.ent!.push(entIds[entIndex % entIds.length]);
      cols.industry!.push(industry);
      cols.region!.push(region);
      cols.authority!.push(unitOf('authority', region, industry));
      cols.hrss!.push(unitOf('hrss', region, null));
      cols.name!.push(`${pick(NAMES_A)}${pick(NAMES_B)}${['一期', '二期', '三期', ''][Math.floor(rand() * 4)]}工程${made + i}`);
      cols.projectRegion!.push(pick(REGIONS));
      cols.type!.push(pick(TYPES));
      cols.amount!.push(String(Math.floor((500_000 + rand() * rand() * 300_000_000) * 100)));
      cols.start!.push(startDay.toISOString().slice(0, 10));
      cols.end!.push(end.toISOString().slice(0, 10));
      cols.signed!.push(signed.toISOString().slice(0, 10));
      cols.status!.push(end < new Date() ? (rand() < 0.7 ? 'completed' : 'in_progress') : startDay < new Date() ? 'in_progress' : 'not_started');
      cols.deposit!.push(depositStatusOf(rand()));
      cols.created!.push(created.toISOString());
    }
    await database.query(
      `insert into projects (id, enterprise_org_id, industry_type, region_code, authority_org_id, hrss_org_id, name, location,
        project_region_code, project_type, contract_amount_fen, planned_start, planned_end, contractor_name, contractor_credit_code,
        builder_name, builder_credit_code, contract_signed_on, wage_day, manager_name, manager_phone, labor_officer_name,
        labor_officer_phone, category, status, deposit_status, created_at, updated_at)
      select t.id, t.ent, t.industry, t.region, t.authority, t.hrss, t.name, '本溪市' || t.name, t.project_region, t.type, t.amount,
        t.start_d, t.end_d, o.name, o.credit_code, '本溪市城市建设投资有限公司', '91210500MA0Y8B3K10', t.signed, 10, '张工', '13800138000',
        '李工', '13800138001', 'government', t.status, t.deposit, t.created, t.created
      from unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[],
        $10::bigint[], $11::date[], $12::date[], $13::date[], $14::text[], $15::text[], $16::timestamptz[])
        as t(id, ent, industry, region, authority, hrss, name, project_region, type, amount, start_d, end_d, signed, status, deposit, created)
      join organizations o on o.id = t.ent`,
      [cols.id, cols.ent, cols.industry, cols.region, cols.authority, cols.hrss, cols.name, cols.projectRegion, cols.type, cols.amount,
        cols.start, cols.end, cols.signed, cols.status, cols.deposit, cols.created],
    );
    made += n;
    if (made % 100_000 === 0 || made === projects) process.stdout.write(`  ${made} projects\n`);
  }
  const instruments = Date.now();
  const counts = await seedInstruments(database, new Date());
  process.stdout.write(`  instruments in ${((Date.now() - instruments) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);
  const indexing = Date.now();
  await buildDeferredIndexes(database);
  process.stdout.write(`  indexes built in ${((Date.now() - indexing) / 1000).toFixed(1)} s\n`);
  await database.query('analyze');
  return { enterprises: entIds.length, projects: made, ms: Date.now() - started };
}

/**
 * The deposits' instruments and deadlines of the seeded projects, set-based from the projects
 * themselves (a hash of the id draws each choice, so a seed gives the same rows). Proportions (issue 15):
 * - 定额申请: one per project past 未申请 — 待审核 for 定额审核中 (submitted over the last 10 days, 审核期限 7
 *   days later: about a third overdue), 审核通过 otherwise (一般缴纳 / 免缴 / 缓缴 by the project's state);
 * - the way of paying of every project past 待缴纳: 40% 现金 (a 现金存缴 已到账, 已结清 once cancelled),
 *   35% 银行保函, 25% 保险保单 / 保单保函 (a guarantees register row each). A project still running keeps its
 *   guarantee in force (extended as needed): 期限 spread over the next two years from 10 days ago, so about
 *   1.4% have run out and 4% end within 30 days; a 竣工 or cancelled project's guarantee was released
 *   60 days after its planned end (4% of the 竣工 ones never were);
 * - 待审核 保单保函上传 for half of the 待缴纳 projects (0.4% of all; submitted over the last 12 days) and online
 *   银行保函 applications 待受理 / 已受理 for 30% of the 待缴纳 / 缴纳中 ones (submitted over the last 15 days).
 */
export async function seedInstruments(database: Database, now: Date): Promise<Record<string, number>> {
  const today = now.toISOString().slice(0, 10);
  const nowIso = now.toISOString();
  const { rows: banks } = await database.query<{ id: string; name: string }>(`select id, name from organizations where type = 'bank' order by name`);
  const { rows: insurers } = await database.query<{ id: string; name: string }>(`select id, name from organizations where type = 'insurer' order by name`);
  const bankIds = banks.map((b) => b.id);
  const bankNames = banks.map((b) => b.name);
  const insurerIds = insurers.map((b) => b.id);
  const insurerNames = insurers.map((b) => b.name);
  // h(p, k): a number in [0, 1000) drawn from the project id
  const h = (k: number) => `((hashint8(p.id + ${k}) & 2147483647) % 1000)`;
  const out: Record<string, number> = {};
  const run = async (name: string, text: string, params: unknown[] = []) => {
    const { rows } = await database.query<{ n: number }>(`with ins as (${text} returning 1) select count(*)::int as n from ins`, params);
    out[name] = rows[0]?.n ?? 0;
  };
  await run(
    'quotaApplications',
    `insert into quota_applications (id, project_id, enterprise_org_id, hrss_org_id, authority_org_id, status, contract_amount_fen, prepay_mode,
       prepay_ratio_ppm, applied_fen, apply_type, handler_name, handler_phone, required_ratio_ppm, required_fen, exemption_allowed, reasons,
       record, params_snapshot, below_requirement, approved_fen, submitted_at, due_on, decided_at, updated_at)
     select p.id, p.id, p.enterprise_org_id, p.hrss_org_id, p.authority_org_id,
       case when p.deposit_status = 'quota_review' then 'pending' else 'approved' end,
       p.contract_amount_fen, 'ratio', 20000, p.contract_amount_fen / 50,
       case p.deposit_status when 'exempted' then 'exempt' when 'deferred' then 'deferred' else 'general' end,
       '王经办', '13800138002', 20000, p.contract_amount_fen / 50, false, '[]'::jsonb, '{}'::jsonb, '{}'::jsonb, false,
       case when p.deposit_status = 'quota_review' then null else p.contract_amount_fen / 50 end,
       s.at, (s.at + interval '7 days')::date,
       case when p.deposit_status = 'quota_review' then null else s.at + interval '2 days' end, s.at
     from projects p
     cross join lateral (select case when p.deposit_status = 'quota_review' then $1::timestamptz - (${h(1)} % 10) * interval '1 day' - interval '3 hours'
                                     else p.created_at + interval '1 day' end as at) s
     where p.deposit_status <> 'none'
     on conflict (id) do nothing`,
    [nowIso],
  );
  const paidStates = `('paying', 'paid', 'filing', 'filed', 'cancelling', 'cancelled')`;
  await run(
    'cashDeposits',
    `insert into cash_deposits (id, project_id, enterprise_org_id, hrss_org_id, authority_org_id, bank_org_id, status, required_fen, paid_fen,
       account_no, handler_name, handler_phone, submitted_at, covered_at, closed_at, updated_at)
     select p.id, p.id, p.enterprise_org_id, p.hrss_org_id, p.authority_org_id, ($1::uuid[])[1 + ${h(2)} % cardinality($1::uuid[])],
       case when p.deposit_status = 'cancelled' then 'closed' when p.deposit_status = 'paying' then 'awaiting' else 'arrived' end,
       p.contract_amount_fen / 50, case when p.deposit_status = 'paying' then 0 else p.contract_amount_fen / 50 end,
       '6217' || lpad((p.id % 1000000000000)::text, 12, '0'), '王经办', '13800138002', p.created_at + interval '3 days',
       case when p.deposit_status = 'paying' then null else p.created_at + interval '5 days' end,
       case when p.deposit_status = 'cancelled' then p.planned_end + interval '60 days' end, p.created_at + interval '5 days'
     from projects p
     where p.deposit_status in ${paidStates} and ${h(3)} < 400 and cardinality($1::uuid[]) > 0
     on conflict (id) do nothing`,
    [bankIds],
  );
  await run(
    'guarantees',
    `insert into guarantees (kind, number, number_key, project_id, enterprise_org_id, hrss_org_id, authority_org_id, issuer_org_id, issuer_name,
       amount_fen, fee_fen, issued_on, valid_from, valid_to, released_at, source_type, source_id, created_at)
     select g.kind, g.number, g.number, p.id, p.enterprise_org_id, p.hrss_org_id, p.authority_org_id, g.issuer_id, coalesce(g.issuer_name, '本溪市担保机构'),
       greatest(p.contract_amount_fen / 50, 1), greatest(p.contract_amount_fen / 5000, 0), p.created_at::date, p.created_at::date,
       greatest(v.valid_to, p.created_at::date),
       case when (p.status = 'completed' and ${h(5)} < 960) or p.deposit_status = 'cancelled' then (v.valid_to)::timestamptz end,
       'seed_scale', p.id::text, p.created_at + interval '4 days'
     from projects p
     cross join lateral (select case when ${h(4)} < 583 then 'bank_guarantee' when ${h(4)} < 833 then 'insurance_policy' else 'offline_guarantee' end as kind) k
     cross join lateral (select k.kind,
         case k.kind when 'bank_guarantee' then 'BH' when 'insurance_policy' then 'BD' else 'BX' end || p.id::text as number,
         case when k.kind = 'insurance_policy' and cardinality($2::uuid[]) > 0 then ($2::uuid[])[1 + ${h(6)} % cardinality($2::uuid[])]
              when cardinality($1::uuid[]) > 0 then ($1::uuid[])[1 + ${h(6)} % cardinality($1::uuid[])] end as issuer_id,
         case when k.kind = 'insurance_policy' and cardinality($4::text[]) > 0 then ($4::text[])[1 + ${h(6)} % cardinality($4::text[])]
              when cardinality($3::text[]) > 0 then ($3::text[])[1 + ${h(6)} % cardinality($3::text[])] end as issuer_name) g
     cross join lateral (select case when p.status = 'completed' or p.deposit_status = 'cancelled' then p.planned_end + 60
                                     else $5::date - 10 + (${h(7)} * 730 / 1000) end as valid_to) v
     where p.deposit_status in ${paidStates} and ${h(3)} >= 400
     on conflict (source_type, source_id) do nothing`,
    [bankIds, insurerIds, bankNames, insurerNames, today],
  );
  await run(
    'offlineGuaranteesPending',
    `insert into offline_guarantees (id, project_id, enterprise_org_id, hrss_org_id, authority_org_id, status, instrument_type, handler_name,
       handler_phone, bank_brand, issuer_name, product_name, guarantee_no, guarantee_no_key, amount_fen, fee_fen, issued_on, valid_from, valid_to,
       required_fen, submitted_at, due_on, updated_at)
     select p.id, p.id, p.enterprise_org_id, p.hrss_org_id, p.authority_org_id, 'pending', 'bank_guarantee', '王经办', '13800138002', '本溪银行',
       '本溪银行', '工资保证金保函', 'XX' || p.id::text, 'XX' || p.id::text, greatest(p.contract_amount_fen / 50, 1), 0, s.at::date, s.at::date,
       s.at::date + 730, p.contract_amount_fen / 50, s.at, (s.at + interval '7 days')::date, s.at
     from projects p
     cross join lateral (select $1::timestamptz - (${h(8)} % 12) * interval '1 day' as at) s
     where p.deposit_status = 'to_pay' and ${h(9)} < 500
     on conflict (id) do nothing`,
    [nowIso],
  );
  await run(
    'guaranteeApplicationsOpen',
    `insert into guarantee_applications (id, project_id, enterprise_org_id, hrss_org_id, authority_org_id, bank_org_id, status, required_fen,
       amount_fen, beneficiary_name, term_from, term_to, handler_name, handler_phone, submitted_at, accepted_at, updated_at)
     select p.id, p.id, p.enterprise_org_id, p.hrss_org_id, p.authority_org_id, ($1::uuid[])[1 + ${h(2)} % cardinality($1::uuid[])],
       case when ${h(10)} < 500 then 'submitted' else 'accepted' end, greatest(p.contract_amount_fen / 50, 1), greatest(p.contract_amount_fen / 50, 1),
       '本溪市人力资源和社会保障局', $2::date, $2::date + 730, '王经办', '13800138002', s.at,
       case when ${h(10)} >= 500 then s.at + interval '2 days' end, s.at
     from projects p
     cross join lateral (select $3::timestamptz - (${h(11)} % 15) * interval '1 day' as at) s
     where p.deposit_status in ('to_pay', 'paying') and ${h(12)} < 300 and cardinality($1::uuid[]) > 0
     on conflict (id) do nothing`,
    [bankIds, today, nowIso],
  );
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const env = loadEnv();
  const n = arg('projects', 10_000);
  const seed = arg('seed', 1);
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, 'pglite') });
  await database.migrate();
  const r = await seedScale(database, n, seed);
  await database.close();
  console.log(`seeded ${r.projects} projects of ${r.enterprises} enterprises in ${(r.ms / 1000).toFixed(1)} s (${database.kind})`);
}
