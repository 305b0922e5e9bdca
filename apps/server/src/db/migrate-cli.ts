import path from 'node:path';
import { loadEnv } from '../config/env';
import { openDatabase } from './client';

/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database, as
 * MIGRATION_DATABASE_URL's role when set (and grants DATABASE_URL's role its privileges).
 */
const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, migrationUrl: env.MIGRATION_DATABASE_URL, dataDir: path.join(env.DATA_DIR, 'pglite') });
await database.migrate();
await database.close();
console.log(`migrations applied (${database.kind})`);
