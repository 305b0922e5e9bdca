import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../platform/errors';
import { inspectorFor, type Inspector } from './inspect';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const SIGNATURES: { mime: string; ext: string; magic: number[] }[] = [
  { mime: 'application/pdf', ext: '.pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/png', ext: '.png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', ext: '.jpg', magic: [0xff, 0xd8, 0xff] },
];

/** The type is decided by the content, never by the name the client sent. */
export function sniffType(head: Buffer): { mime: string; ext: string } | null {
  for (const s of SIGNATURES) {
    if (head.length >= s.magic.length && s.magic.every((b, i) => head[i] === b)) return { mime: s.mime, ext: s.ext };
  }
  return null;
}

/** Keeps the base name only, without control characters or path separators; at most 120 characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const safe = base.slice(0, 120) || `文件${ext}`;
  return safe;
}

export interface StoredFile {
  relPath: string;
  size: number;
  sha256: string;
  mime: string;
  ext: string;
}

/**
 * Streams an upload to DATA_DIR/files/tmp, hashing and sniffing on the way, then moves it to
 * files/YYYY/MM/<uuid>. Anything that fails leaves nothing behind.
 */
export async function storeUpload(
  dataDir: string,
  stream: Readable & { truncated?: boolean },
  now: Date,
): Promise<StoredFile> {
  const root = path.join(dataDir, 'files');
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${crypto.randomUUID()}.part`);
  const hash = crypto.createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  // the content check (inspect.ts) starts once the first bytes tell the type; until then chunks wait
  let pending: Buffer[] | null = [];
  let inspector: Inspector | null = null;
  const startInspecting = () => {
    const type = sniffType(head);
    if (type) {
      inspector = inspectorFor(type.mime);
      for (const p of pending!) inspector.push(p);
    }
    pending = null;
  };
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      hash.update(chunk);
      if (pending) {
        pending.push(chunk);
        if (head.length >= 16) startInspecting();
      } else inspector?.push(chunk);
      cb(null, chunk);
    },
  });
  // Opened synchronously: an asynchronous open could land after a failed upload's clean-up and leave a file behind.
  const fd = fs.openSync(tmp, 'wx');
  try {
    await pipeline(stream, tap, fs.createWriteStream(tmp, { fd }));
    if (stream.truncated) throw new AppError('FILE_TOO_LARGE', '文件超过100MB，请压缩或拆分后再上传');
    if (size === 0) throw new AppError('BAD_REQUEST', '文件内容为空，请重新选择文件');
    const type = sniffType(head);
    if (!type) throw new AppError('UNSUPPORTED_FILE_TYPE', '只能上传 PDF、JPG 或 PNG 文件（按文件内容识别）');
    if (pending) startInspecting();
    const refused = (inspector as Inspector | null)?.finish();
    if (refused) throw new AppError('UNSUPPORTED_FILE_TYPE', refused);
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    fs.mkdirSync(path.join(root, month), { recursive: true });
    const relPath = `${month}/${crypto.randomUUID()}${type.ext}`;
    fs.renameSync(tmp, path.join(root, relPath));
    return { relPath, size, sha256: hash.digest('hex'), mime: type.mime, ext: type.ext };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof AppError) throw err;
    const e = err as { code?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', '文件超过100MB，请压缩或拆分后再上传');
    throw new AppError('BAD_REQUEST', '文件上传中断，请重新上传');
  }
}

export const absolutePath = (dataDir: string, relPath: string) => path.join(dataDir, 'files', relPath);
