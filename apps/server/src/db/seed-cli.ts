import path from 'node:path';
import { loadEnv } from '../config/env';
import { openDatabase } from './client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed';
import { DEMO_INSURERS } from './seed-insurance';

/** `npm run db:seed`: migrates, then seeds the demo accounts unless they exist. */
const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: path.join(env.DATA_DIR, 'pglite') });
await database.migrate();
const seeded = await seedDemo(database.db, env.DATA_DIR);
await database.close();
console.log(seeded ? `demo data seeded; password ${DEMO_PASSWORD}` : 'demo data was already there');
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.phone}  ${a.label}`);
// 保险办理's second insurer (db/seed-insurance.ts), to quote against the first
for (const i of DEMO_INSURERS) if ('user' in i) console.log(`  ${i.user.phone}  ${i.user.name}：${i.org}`);
