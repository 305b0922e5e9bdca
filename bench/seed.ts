/**
 * `npx tsx bench/seed.ts N [--db pglite] [--fresh]`: builds (or finds) the benchmark's scale database of N
 * projects ahead of a run, and prints how long seeding took.
 */
import { scaleDatabase } from './lib/data';

const n = Number((process.argv[2] ?? '100000').replace(/_/g, ''));
const kind = process.argv.includes('pglite') ? 'pglite' : 'postgres';
const t = await scaleDatabase({ kind, projects: n, fresh: process.argv.includes('--fresh') });
console.log(`${kind} ${n} projects: ${t.reused ? 'reused' : `seeded in ${t.seedSeconds.toFixed(1)} s`} (${t.url ?? t.dataDir})`);
