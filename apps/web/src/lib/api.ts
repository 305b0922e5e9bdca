/**
 * The one way the web app talks to the server: JSON over fetch, same origin, session cookie,
 * CSRF header on every non-GET request, and every failure turned into an ApiError whose
 * `message` is the Chinese text to show the user.
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** `details.fields` of a 400 VALIDATION_FAILED: field name → messages. */
  get fieldErrors(): Record<string, string[]> {
    const d = this.details as { fields?: unknown } | undefined;
    if (!d || typeof d.fields !== 'object' || d.fields === null) return {};
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(d.fields as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k] = v.map(String);
      else if (typeof v === 'string') out[k] = [v];
    }
    return out;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The message to show for any error thrown by a request or by our own code. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作失败，请稍后重试';
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Codes the app reacts to globally (redirects), whatever page made the request. */
type ApiErrorListener = (e: ApiError) => void;
const listeners = new Set<ApiErrorListener>();
export function onApiError(listener: ApiErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求内容有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  413: '文件过大，单个文件不超过100M',
  415: '文件类型不支持，仅支持 PDF、JPG、PNG',
  429: '操作过于频繁，请稍后再试',
};

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const b = body as ApiErrorBody;
    return new ApiError(status, { code: String(b.code), message: String(b.message), details: b.details });
  }
  const message = STATUS_MESSAGES[status] ?? (status >= 500 ? '服务器繁忙，请稍后再试' : '请求失败，请稍后重试');
  return new ApiError(status, { code: status >= 500 ? 'INTERNAL' : 'HTTP_' + status, message });
}

function emit(e: ApiError): void {
  for (const l of listeners) l(e);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }

  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) {
    const err = toApiError(res.status, body);
    emit(err);
    throw err;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1]!.trim() : null;
}

/** GET a file (e.g. an Excel export) with the session cookie and save it under the server's name. */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    const err = toApiError(res.status, body);
    emit(err);
    throw err;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
}

/** POST /api/files with progress (fetch cannot report upload progress). */
export function uploadFile(
  file: File,
  onProgress?: (percent: number) => void,
): { promise: Promise<UploadedFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(Math.min(99, Math.round((ev.loaded / ev.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(body as UploadedFile);
      } else {
        const err = toApiError(xhr.status, body);
        emit(err);
        reject(err);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK_ERROR', message: '上传失败，请检查网络后重试' }));
    xhr.onabort = () => reject(new ApiError(0, { code: 'ABORTED', message: '已取消上传' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const fileUrl = (id: string, inline = false): string =>
  `/api/files/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
