/**
 * Uploads over real sockets to the server process: 100 MB + 1 byte, an executable renamed .pdf, PDFs
 * that run JavaScript, a PNG signature followed by HTML (docs/decisions/015), names
 * with ../ and NUL, zero bytes, truncated multipart bodies. Refused uploads answer the right 4xx and
 * leave nothing on disk or in the database; names are reduced to a clean base name (ADR 005: the type
 * is decided by the content, the file is stored under a server name) and never decide where it goes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANVAS_PNG_BYTES, JPEG_BYTES } from '../apps/server/src/test/harness';
import { DEMO, HAS_CJK, loginViaSms, sleep, startServer, testDb, type HttpSession, type RunningServer, type TestDb } from './support';

const MB100 = 100 * 1024 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.4\n');
const PDF = Buffer.concat([PDF_HEAD, Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')]);

let db: TestDb;
let server: RunningServer;
let ent: HttpSession;
const accepted: string[] = [];

beforeAll(async () => {
  db = await testDb('pglite', 'uploads');
  server = await startServer({ dataDir: db.dataDir });
  ent = await loginViaSms(server.url, DEMO.enterprise);
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

interface Answer {
  status: number;
  body: any;
}

/** multipart/form-data with one file part whose content is `size` bytes starting with `head` (streamed, not held in memory). */
function upload(filename: Buffer | string, head: Buffer, size: number, opts: { contentType?: string } = {}): Promise<Answer> {
  const boundary = `----bx${crypto.randomBytes(8).toString('hex')}`;
  const partHead = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.isBuffer(filename) ? filename : Buffer.from(filename),
    Buffer.from(`"\r\nContent-Type: ${opts.contentType ?? 'application/pdf'}\r\n\r\n`),
  ]);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const u = new URL(`${server.url}/api/files`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...ent.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': partHead.length + size + tail.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    // the body: written in 1 MB chunks, stopping quietly if the server answered and closed early
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    req.write(partHead);
    const first = head.subarray(0, size);
    req.write(first);
    sent += first.length;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    req.on('close', () => (sent = size));
    pump();
  });
}

function expectRefused(a: Answer, status: number, code: string) {
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.body.code).toBe(code);
  expect(a.body.message).toMatch(HAS_CJK);
}

/** Every file under DATA_DIR/files except the demo seed, relative. */
function storedFiles(): string[] {
  const root = path.join(db.dataDir, 'files');
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.filter((f) => !f.startsWith('seed/')).sort();
}

/** A raw HTTP request on a socket, closed after `bytes` bytes of the body; resolves with the answer's status line if any. */
function truncated(bodyBytes: number, opts: { lieAboutLength: boolean }): Promise<string> {
  const boundary = 'bxTRUNC';
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.alloc(64 * 1024, 0x42)]);
  const sentBody = body.subarray(0, bodyBytes);
  const length = opts.lieAboutLength ? body.length + 1000 : sentBody.length;
  const u = new URL(server.url);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), u.hostname, () => {
      s.write(`POST /api/files HTTP/1.1\r\nHost: ${u.host}\r\nCookie: ${ent.cookie}\r\nx-csrf-token: ${ent.csrf}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`);
      s.write(sentBody);
      if (opts.lieAboutLength) setTimeout(() => s.destroy(), 300); // the client goes away mid-upload
    });
    let text = '';
    s.on('data', (d) => (text += d.toString()));
    s.on('error', () => {});
    s.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    setTimeout(() => s.destroy(), 10_000);
  });
}

describe('uploads', () => {
  it('100 MB + 1 byte is 413; nothing is kept', async () => {
    expectRefused(await upload('big.pdf', PDF_HEAD, MB100 + 1), 413, 'FILE_TOO_LARGE');
  });

  it('an executable renamed .pdf is 415 (the type is read from the content)', async () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
    expectRefused(await upload('报告.pdf', elf, 4096), 415, 'UNSUPPORTED_FILE_TYPE');
    expectRefused(await upload('setup.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 2048, { contentType: 'application/pdf' }), 415, 'UNSUPPORTED_FILE_TYPE');
    expectRefused(await upload('x.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), 19), 415, 'UNSUPPORTED_FILE_TYPE');
  });

  it('a PDF that runs JavaScript or launches a program (also #xx-escaped, also in an object stream) and images that are not what they claim are 415; real images pass', async () => {
    const objects = zlib.deflateSync(Buffer.from('3 0 << /Type /Action /S /JavaScript /JS (app.alert(1)) >>'));
    const hostile: [string, Buffer][] = [
      ['open.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (this.exportDataObject\\(\\)) >> >> endobj\n%%EOF\n')],
      ['escaped.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /L#61unch /F (calc.exe) >> >> endobj\n%%EOF\n')],
      ['packed.pdf', Buffer.concat([Buffer.from(`%PDF-1.7\n5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${objects.length} >>\nstream\n`), objects, Buffer.from('\nendstream\nendobj\n%%EOF\n')])],
      ['page.png', Buffer.concat([CANVAS_PNG_BYTES.subarray(0, 8), Buffer.from('<!doctype html><script>fetch("/api/me")</script>')])],
      ['page.jpg', Buffer.concat([JPEG_BYTES, Buffer.from('<!doctype html><script>alert(1)</script>')])],
    ];
    for (const [name, content] of hostile) expectRefused(await upload(name, content, content.length, { contentType: 'image/png' }), 415, 'UNSUPPORTED_FILE_TYPE');
    for (const [name, content] of [['scan.png', CANVAS_PNG_BYTES], ['photo.jpg', JPEG_BYTES]] as const) {
      const a = await upload(name, content, content.length, { contentType: 'image/jpeg' });
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      accepted.push(a.body.id);
    }
  });

  it('zero bytes is 400', async () => {
    expectRefused(await upload('empty.pdf', Buffer.alloc(0), 0), 400, 'BAD_REQUEST');
  });

  it('names with ../, backslashes and NUL are reduced to a clean base name; the file goes under a server name', async () => {
    for (const name of ['../../etc/passwd.pdf', '..\\..\\windows\\system.pdf', Buffer.from('a\u0000b.pdf'), '%2e%2e%2fx.pdf']) {
      const a = await upload(name, PDF, PDF.length);
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      expect(a.body.name).not.toMatch(/[/\\\u0000]|\.\./);
      accepted.push(a.body.id);
    }
    expect(fs.existsSync(path.join(db.dataDir, 'etc'))).toBe(false);
    expect(fs.existsSync(path.join(db.dataDir, 'files', 'etc'))).toBe(false);
  });

  it('a multipart body that ends before its closing boundary is 400', async () => {
    const status = await truncated(4000, { lieAboutLength: false });
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);
  });

  it('a client that goes away mid-upload leaves nothing behind, and the server carries on', async () => {
    await truncated(20_000, { lieAboutLength: true });
    await sleep(500);
    const me = await fetch(`${server.url}/api/me`, { headers: ent.headers });
    expect(me.status).toBe(200);
  });

  it('afterwards: only the accepted files are on disk and in the database', async () => {
    await sleep(500);
    const onDisk = storedFiles();
    expect(onDisk.filter((f) => f.startsWith('tmp/')), 'temporary files').toEqual([]);
    expect(onDisk).toHaveLength(accepted.length);
    for (const f of onDisk) expect(f).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(pdf|png|jpg)$/);
    await server.stop();
    const rows = await db.query<{ id: string; stored_path: string }>(`select id, stored_path from files where stored_path not like 'seed/%'`);
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    expect(rows.map((r) => r.stored_path).sort()).toEqual(onDisk);
    const audits = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'file.upload'`);
    expect(audits[0]!.n).toBe(accepted.length);
  });
});

describe('upload limits over real sockets (answered before the body is read)', () => {
  let limited: RunningServer;
  let dir: TestDb;
  let s: HttpSession;
  beforeAll(async () => {
    dir = await testDb('pglite', 'uploadlimits');
    limited = await startServer({ dataDir: dir.dataDir, env: { UPLOAD_UNATTACHED_MAX_MB: '4', UPLOAD_RATE_PER_MINUTE: '4' } });
    s = await loginViaSms(limited.url, DEMO.enterprise);
  });
  afterAll(async () => {
    await limited?.stop();
    await dir?.drop();
  });
  const send = async (size: number) => {
    const boundary = `----bx${crypto.randomBytes(8).toString('hex')}`;
    const content = Buffer.alloc(size, 0x20);
    PDF.copy(content, 0);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${limited.url}/api/files`, { method: 'POST', headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('the cap refuses a 3 MiB upload with 413 once 3 MiB of 4 are used, then the rate 429; the client gets the answer', async () => {
    expect((await send(3 * 1024 * 1024)).status).toBe(201);
    expectRefused(await send(3 * 1024 * 1024), 413, 'UPLOAD_QUOTA_EXCEEDED');
    expect((await send(512 * 1024)).status).toBe(201);
    expectRefused(await send(600 * 1024), 413, 'UPLOAD_QUOTA_EXCEEDED'); // 3.5 MiB + 600 KiB > 4 MiB
    expectRefused(await send(8 * 1024 * 1024), 429, 'RATE_LIMITED');
    const me = await fetch(`${limited.url}/api/me`, { headers: s.headers });
    expect(me.status).toBe(200);
  });
});
