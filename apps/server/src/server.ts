import path from 'node:path';
import { loadEnv } from './config/env';
import { openDatabase } from './db/client';
import { applicationRoleRisk } from './db/roles';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './db/seed';
import { DEMO_INSURERS } from './db/seed-insurance';
import { seedReference } from './db/reference';
import { buildApp } from './app';
import { systemClock } from './platform/clock';
import { createSmsProvider } from './platform/sms/index';

async function main(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase({
    url: env.DATABASE_URL,
    migrationUrl: env.MIGRATION_DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, 'pglite'),
  });
  await database.migrate();
  if (database.kind === 'postgres') {
    const risk = await applicationRoleRisk(database);
    if (risk) console.warn(`warning: DATABASE_URL ${risk}; run the application as a role of its own and migrate with MIGRATION_DATABASE_URL (README, 数据库角色)`);
  }
  await seedReference(database.db);
  if (env.SEED_DEMO) await seedDemo(database.db, env.DATA_DIR);
  const sms = await createSmsProvider(env, database.db, systemClock, (line) => console.log(line));
  const app = await buildApp({
    env,
    database,
    clock: systemClock,
    sms,
    logger: { level: env.LOG_LEVEL },
  });
  await app.listen({ port: env.PORT, host: env.HOST });

  const url = `http://localhost:${env.PORT}`;
  console.log(`\n本溪建设工程农民工工资支付保证金管理服务平台 已启动: ${url}  (数据库: ${database.kind})`);
  if (env.SEED_DEMO) {
    console.log(`\n演示账户（密码均为 ${DEMO_PASSWORD}；短信验证码见页面左下角「开发短信」）:`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.phone}  ${a.label}：${a.org}`);
    // 保险办理's second insurer (db/seed-insurance.ts), to quote against the first
    for (const i of DEMO_INSURERS) if ('user' in i) console.log(`  ${i.user.phone}  ${i.user.name}：${i.org}`);
    console.log('');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
