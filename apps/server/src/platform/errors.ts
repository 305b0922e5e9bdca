import { errorStatus, type ErrorCode } from '@benxi/shared';

/** The one error type of the application: a code the client branches on and a Chinese message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const invalidState = (message: string) => new AppError('INVALID_STATE', message);
export const fieldError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { fields: { [field]: [message] } });

/** PostgreSQL unique violation, with the constraint's name (both pg and PGlite expose them). */
export function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const src = e?.code === '23505' ? e : e?.cause?.code === '23505' ? e.cause : null;
  return src ? (src.constraint ?? 'unique') : null;
}
