import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminUrl, appUrl, ensureTestAppRole } from '../apps/server/src/test/global-setup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'Benxi@2026!';
export const DEMO_ADMIN = '13800000001';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

declare module 'vitest' {
  interface ProvidedContext {
    /** PGlite: a data folder the real server has migrated and seeded once (e2e/global-setup.ts); each file starts from a copy */
    e2eDataTemplate: string;
  }
}

/** The server as `npm start` runs it, on `env`; resolves once /api/health answers. */
export async function spawnServer(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** What every e2e server gets: its port and data folder, quiet logs, no database URL of the caller's. */
export async function serverEnv(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  return env;
}

/**
 * Starts the real server (built web app, demo data) on a free port and its own data folder or
 * database. On PGlite the folder is a copy of the one the global setup had the server migrate and
 * seed (the first start of a server is mostly its migrations: ~8 s of each file's ~14 s start).
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) throw new Error('apps/web/dist is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-e2e-'));
  const env = await serverEnv(dataDir, extraEnv);
  let dropDb: (() => Promise<void>) | undefined;
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `bx_e2e_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await ensureTestAppRole(admin);
    await admin.query(`create database ${name}`);
    await admin.end();
    // as production runs it: the owner migrates, the application has a restricted role (ADR 015)
    env.MIGRATION_DATABASE_URL = adminUrl(pgUrl, name);
    env.DATABASE_URL = appUrl(pgUrl, name);
    dropDb = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const template = inject('e2eDataTemplate');
    if (template) fs.cpSync(template, dataDir, { recursive: true });
  }
  const server = await spawnServer(env);
  return {
    url: server.url,
    dataDir,
    async stop() {
      await server.stop();
      await dropDb?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk`);
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir)
  return chromium.launch({
    executablePath: CHROMIUM,
    // the platform's users are in Benxi: their browsers count days in Beijing time, as the server does
    // (a UTC browser between 16:00 and 24:00 UTC would offer yesterday as "today")
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

interface OutboxItem {
  code: string;
  purpose: string;
  sentAt: string;
}

export async function outbox(app: RunningApp, phone: string): Promise<OutboxItem[]> {
  const res = await fetch(`${app.url}/api/dev/sms-outbox?phone=${phone}`);
  return (await res.json()).items as OutboxItem[];
}

/** Waits for a code of this purpose sent after `since` (ISO), and returns its sentAt. */
export async function waitForSms(app: RunningApp, phone: string, purpose: string, since: string): Promise<OutboxItem> {
  for (let i = 0; i < 60; i++) {
    const hit = (await outbox(app, phone)).find((x) => x.purpose === purpose && x.sentAt > since);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no new ${purpose} SMS for ${phone}`);
}

/** A minimal one-page PDF, as an enterprise's scanned licence would be. */
export function licencePdf(): string {
  const file = path.join(os.tmpdir(), `licence-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(file, '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  return file;
}
