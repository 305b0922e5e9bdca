import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's headers, computed once. Our options have no per-request part (no CSP nonces), so the
 * headers are the same on every response; @fastify/helmet rebuilt them per request (directive
 * parsing showed in the CPU profile of GET /api/me, docs/PERFORMANCE.md).
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return Object.freeze(headers);
}
