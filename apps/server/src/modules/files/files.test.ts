import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema/index';
import {
  buildUser,
  CANVAS_PNG_BYTES,
  createTestContext,
  JPEG_BYTES,
  login,
  multipart,
  PDF_BYTES,
  PNG_BYTES,
  type Session,
  type TestContext,
} from '../../test/harness';
import { MAX_FILE_BYTES } from './storage';
import { cleanFileName, sniffType } from './storage';

let ctx: TestContext;
let ent: Session & { orgId: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const u = await buildUser(ctx, { role: 'enterprise' });
  ent = { ...(await login(ctx, u.phone)), orgId: u.orgId };
});
afterAll(() => ctx.close());

const upload = (s: Session, name: string, content: Buffer) => {
  const body = multipart(name, content);
  return s.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers });
};

/** Every file under DATA_DIR/files, temporary ones included. */
function storedFiles(): string[] {
  const root = path.join(ctx.dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}
const fileRows = async () => (await ctx.database.db.select().from(files).where(eq(files.ownerOrgId, ent.orgId))).length;

describe('file uploads', () => {
  it('stores a PDF outside the web root under a server-made name and serves it back with Content-Disposition', async () => {
    const res = await upload(ent, '营业执照 扫描件.pdf', PDF_BYTES);
    expect(res.statusCode).toBe(201);
    const ref = res.json();
    expect(ref).toMatchObject({ name: '营业执照 扫描件.pdf', size: PDF_BYTES.length, mime: 'application/pdf' });
    const [row] = await ctx.database.db.select().from(files).where(eq(files.id, ref.id));
    expect(row!.storedPath).not.toContain('营业执照');
    expect(row!.storedPath).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/);

    const dl = await ent.inject({ method: 'GET', url: `/api/files/${ref.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain('attachment;');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照 扫描件.pdf')}`);
  });

  it('recognises PNG and JPEG by content whatever the name says', async () => {
    const png = await upload(ent, 'photo.pdf', PNG_BYTES);
    expect(png.statusCode).toBe(201);
    expect(png.json().mime).toBe('image/png');
    const jpg = await upload(ent, 'scan', JPEG_BYTES);
    expect(jpg.statusCode).toBe(201);
    expect(jpg.json().mime).toBe('image/jpeg');
  });

  it('refuses (415, in Chinese, nothing kept) a PDF that runs JavaScript or launches a program, and images that are not what their header says', async () => {
    const before = { disk: storedFiles().length, rows: await fileRows() };
    const hostile = [
      ['openaction.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.launchURL\\("http://x"\\)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')],
      ['obfuscated.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /AA << /O << /S /J#61vaScript /J#53 (x) >> >> >> endobj\n%%EOF\n')],
      ['launch.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n%%EOF\n')],
      ['attached.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 3 0 R >> >> endobj\n%%EOF\n')],
      ['page.png', Buffer.concat([PNG_BYTES.subarray(0, 8), Buffer.from('<html><body><script>fetch("/api/me")</script></body></html>')])],
      ['tail.png', Buffer.concat([PNG_BYTES, Buffer.from('<script>alert(1)</script>')])],
      ['page.jpg', Buffer.concat([JPEG_BYTES.subarray(0, 20), Buffer.from('<html><script>alert(1)</script></html>')])],
    ] as const;
    for (const [name, content] of hostile) {
      const res = await upload(ent, name, content);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_FILE_TYPE');
      expect(res.json().message).toMatch(/[\u4e00-\u9fff].*后再上传/);
    }
    expect((await upload(ent, 'page.png', hostile[4][1])).json().message).toContain('PNG');
    expect(storedFiles().length).toBe(before.disk);
    expect(await fileRows()).toBe(before.rows);
    // the real small files still pass
    for (const [name, content] of [['a.pdf', PDF_BYTES], ['b.png', CANVAS_PNG_BYTES], ['c.jpg', JPEG_BYTES]] as const) {
      expect((await upload(ent, name, content)).statusCode, name).toBe(201);
    }
  });

  it('refuses an executable renamed .pdf (415), an empty file (400), and leaves nothing behind', async () => {
    const before = { disk: storedFiles().length, rows: await fileRows() };
    const exe = await upload(ent, 'licence.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512, 1)]));
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
    const elf = await upload(ent, 'x.png', Buffer.from('\x7fELF\x02\x01\x01'));
    expect(elf.statusCode).toBe(415);
    const empty = await upload(ent, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(storedFiles().length).toBe(before.disk);
    expect(await fileRows()).toBe(before.rows);
  });

  it('refuses 100 MB + 1 byte with 413 and keeps nothing', async () => {
    const before = { disk: storedFiles().length, rows: await fileRows() };
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x20);
    PDF_BYTES.copy(big, 0);
    const res = await upload(ent, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_TOO_LARGE');
    expect(storedFiles().length).toBe(before.disk);
    expect(await fileRows()).toBe(before.rows);
  }, 60_000);

  it('accepts exactly 100 MB', async () => {
    const max = Buffer.alloc(MAX_FILE_BYTES, 0x20);
    PDF_BYTES.copy(max, 0);
    const res = await upload(ent, 'max.pdf', max);
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(MAX_FILE_BYTES);
  }, 60_000);

  it('strips ../ and NUL from names', async () => {
    const res = await upload(ent, '../../etc/pass\u0000wd.pdf', PDF_BYTES);
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('passwd.pdf');
    expect(cleanFileName('..\\..\\a.pdf', '.pdf')).toBe('a.pdf');
    expect(cleanFileName('...', '.pdf')).toBe('文件.pdf');
  });

  it('a truncated multipart body is a 4xx and leaves nothing', async () => {
    const before = { disk: storedFiles().length, rows: await fileRows() };
    const body = multipart('cut.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(4096, 0x41)]));
    const cut = body.payload.subarray(0, body.payload.length - 2000);
    const res = await ent.inject({ method: 'POST', url: '/api/files', payload: cut, headers: body.headers });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(storedFiles().length).toBe(before.disk);
    expect(await fileRows()).toBe(before.rows);
  });

  it('a non-multipart request and a request without a file are 4xx', async () => {
    const json = await ent.inject({ method: 'POST', url: '/api/files', payload: { a: 1 } });
    expect([400, 415]).toContain(json.statusCode);
    const boundary = 'xyz';
    const noFile = await ent.inject({
      method: 'POST',
      url: '/api/files',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode).toBe(400);
  });

  it('another enterprise gets 404 for a file, and anonymous users 401', async () => {
    const id = (await upload(ent, 'mine.pdf', PDF_BYTES)).json().id;
    const other = await buildUser(ctx, { role: 'enterprise' });
    const s = await login(ctx, other.phone);
    const res = await s.inject({ method: 'GET', url: `/api/files/${id}` });
    expect(res.statusCode).toBe(404);
    const anon = await ctx.app.inject({ method: 'GET', url: `/api/files/${id}` });
    expect(anon.statusCode).toBe(401);
    // an admin sees only files referenced by something they review
    const admin = await buildUser(ctx, { role: 'admin' });
    const a = await login(ctx, admin.phone);
    expect((await a.inject({ method: 'GET', url: `/api/files/${id}` })).statusCode).toBe(404);
  });

  it('sniffType knows the three formats only', () => {
    expect(sniffType(PDF_BYTES)?.mime).toBe('application/pdf');
    expect(sniffType(PNG_BYTES)?.mime).toBe('image/png');
    expect(sniffType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffType(Buffer.from('%PD'))).toBeNull();
  });
});
