/** Every error the API answers with: `{ code, message, details? }`. The client branches on `code`. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  SMS_CODE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  /** the open API (SPEC §13): unknown or disabled client, timestamp more than 300 s off, bad signature, nonce used before */
  OPEN_CLIENT_UNKNOWN: 401,
  OPEN_TIMESTAMP: 401,
  OPEN_SIGNATURE: 401,
  OPEN_NONCE_REUSED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  CERTIFICATION_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  /** another way of paying is open: the client asks "切换缴纳方式将关闭当前的…办理，确定切换吗？" and resends with confirmSwitch */
  PAYMENT_SWITCH_CONFIRM: 409,
  PHONE_TAKEN: 409,
  CREDIT_CODE_TAKEN: 409,
  /** a 保函号 / 保单号 already registered on the platform and still in force */
  GUARANTEE_NO_IN_FORCE: 409,
  /** 保证金动用: the amount exceeds what the instrument (the deposit) may still pay */
  USE_EXCEEDS_COVER: 409,
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  UPLOAD_QUOTA_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_FILE_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  SMS_COOLDOWN: 429,
  SMS_DAILY_LIMIT: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
