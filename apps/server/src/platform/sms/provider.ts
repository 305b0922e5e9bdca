import type { SmsPurpose } from '@benxi/shared';

/** One verification-code message; the provider turns it into its own template call. */
/** A verification code (register / login / reset) or a first password set by `admin`. */
export type SmsTemplate = SmsPurpose | 'password';

export interface SmsMessage {
  phone: string;
  purpose: SmsTemplate;
  code: string;
  /** The text shown in the development outbox and logs (providers use their own templates). */
  content: string;
}

/** Every SMS provider (console in development, Aliyun or Tencent Cloud in production) sits behind this. */
export interface SmsProvider {
  readonly name: 'console' | 'aliyun' | 'tencent';
  send(message: SmsMessage): Promise<void>;
}

/** Raised by a provider whose gateway refused the message; the service answers 503 with a Chinese message. */
export class SmsSendError extends Error {
  constructor(
    readonly provider: string,
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP call a provider makes; injected so that tests replay recorded exchanges, never the network. */
export type HttpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text(): Promise<string> }>;
