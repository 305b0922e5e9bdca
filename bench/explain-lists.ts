/**
 * `npm run bench:explain`: EXPLAIN (ANALYZE, BUFFERS) of the project list statements the server sends
 * (rows of a page + total) for the heaviest users of a scale database: the enterprise with the most
 * projects, the city human-resources bureau (sees every project), a district bureau, and the city
 * housing bureau; each without and with a name filter. Needs DATABASE_URL (PostgreSQL) with
 * `npm run seed:scale` data. Prints each plan's execution time and whether it scanned the table.
 */
import path from 'node:path';
import { loadEnv } from '../apps/server/src/config/env';
import { openDatabase } from '../apps/server/src/db/client';
import { projectScopeOf } from '../apps/server/src/modules/projects/policy';
import { listStatements } from '../apps/server/src/modules/projects/service';
import type { AuthUser } from '../apps/server/src/platform/sessions';

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, 'pglite') });
const db = database.db;

const one = async (text: string, params: unknown[] = []) => (await database.query<Record<string, string>>(text, params)).rows[0]!;
const total = (await one('select count(*)::text as n from projects')).n;
const bigEnt = (await one('select enterprise_org_id as id, count(*) as n from projects group by 1 order by count(*) desc limit 1')).id;
const org = async (name: string) => (await one('select id from organizations where name = $1', [name])).id!;

const user = (role: AuthUser['role'], orgId: string): AuthUser => ({
  id: '00000000-0000-4000-8000-000000000000', phone: '', name: null, role, orgId, orgType: role, orgName: null,
  orgCertified: true, orgRegionCode: null, mustChangePassword: false, sessionId: '', csrfToken: '', sessionExpiresAt: new Date(),
});
const cases: [string, AuthUser][] = [
  ['enterprise (largest)', user('enterprise', bigEnt!)],
  ['hrss city (all)', user('hrss', await org('辽宁省本溪市人力资源和社会保障局'))],
  ['hrss district 溪湖区', user('hrss', await org('本溪市溪湖区人力资源和社会保障局'))],
  ['authority city housing', user('authority', await org('辽宁省本溪市住房和城乡建设局'))],
];
const filters: [string, Record<string, string>][] = [
  ['page 1', {}],
  ['name contains 桥梁', { name: '桥梁' }],
  ['region + status', { regionCode: '210503', status: 'completed' }],
];

console.log(`projects in the table: ${total} (${database.kind})\n`);
console.log('| user | filter | rows ms | total ms | seq scan |');
console.log('|---|---|---|---|---|');
let worst = 0;
for (const [label, u] of cases) {
  for (const [fl, f] of filters) {
    const q = listStatements(await projectScopeOf(db, u), f, 1, 10);
    const times: number[] = [];
    let seq = false;
    for (const stmt of [q.page, q.total]) {
      await database.query(`explain (analyze, buffers) ${stmt.text}`, stmt.values); // warm
      const plan = (await database.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${stmt.text}`, stmt.values)).rows.map((r) => r['QUERY PLAN']);
      times.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))![1]));
      if (plan.some((l) => /Seq Scan on projects/.test(l))) seq = true;
      if (process.env.SHOW_PLANS) console.log(plan.join('\n'));
    }
    worst = Math.max(worst, ...times);
    console.log(`| ${label} | ${fl} | ${times[0]!.toFixed(2)} | ${times[1]!.toFixed(2)} | ${seq ? 'YES' : 'no'} |`);
  }
}
console.log(`\nworst statement: ${worst.toFixed(2)} ms`);
await database.close();
