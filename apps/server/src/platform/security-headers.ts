import helmet, { type HelmetOptions } from 'helmet';

const HSTS = 'strict-transport-security';

export interface SecurityHeaders {
  /** Sent on every response. */
  always: Readonly<Record<string, string>>;
  /**
   * Sent only on responses to HTTPS requests: HSTS over plain HTTP is meaningless to a browser (RFC
   * 6797 §7.2 says it must ignore it) and tells a reverse-proxy audit that TLS is on when it is not.
   */
  httpsOnly: Readonly<Record<string, string>>;
}

/**
 * helmet's headers, computed once. Our options have no per-request part (no CSP nonces), so the
 * headers are the same on every response; @fastify/helmet rebuilt them per request (directive
 * parsing showed in the CPU profile of GET /api/me, docs/PERFORMANCE.md). The one part that depends
 * on the request — HSTS only over HTTPS — is split off into `httpsOnly`.
 */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
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
  const httpsOnly: Record<string, string> = {};
  if (headers[HSTS] !== undefined) {
    httpsOnly[HSTS] = headers[HSTS];
    delete headers[HSTS];
  }
  return { always: Object.freeze(headers), httpsOnly: Object.freeze(httpsOnly) };
}
