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
 * The secondary indexes of projects are dropped for the load and built once afterwards (a million
 * rows into 12 indexes, the GIN of name pieces among them, row by row, was most of the seeding
 * time). Their definitions are kept in a table first, so that a run killed half-way has them
 * rebuilt by the next one.
 */
async function deferProjectIndexes(database: Database): Promise<void> {
  await buildDeferredIndexes(database); // a crashed run's
  await database.query('create table bx_seed_deferred_indexes (name text primary key, def text not null)');
  const { rows } = await database.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = 'projects'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
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
      cols.deposit!.push(pick(['none', 'quota_review', 'to_pay', 'exempted', 'paid', 'filed', 'filed', 'filed', 'cancelled']));
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
  const indexing = Date.now();
  await buildDeferredIndexes(database);
  process.stdout.write(`  indexes built in ${((Date.now() - indexing) / 1000).toFixed(1)} s\n`);
  await database.query('analyze');
  return { enterprises: entIds.length, projects: made, ms: Date.now() - started };
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
