import type { SmsPurpose } from '@benxi/shared';

/** A verification code (register / login / reset) or a first password set by `admin`. */
export type CodeTemplate = SmsPurpose | 'password';
/** A notification after a decision (sent by an after-commit handler, docs/decisions/016). */
export type NotificationTemplate = 'cert-approved' | 'cert-rejected' | 'warning';
export type SmsTemplate = CodeTemplate | NotificationTemplate;
/** Template ids by kind: every code template, and the notification templates where configured. */
export type TemplateIds = Record<CodeTemplate, string> & Partial<Record<NotificationTemplate, string>>;

/** One message; the provider turns it into its own template call. */
export interface SmsMessage {
  phone: string;
  purpose: SmsTemplate;
  /** the code or password of a code template; '' for a notification */
  code: string;
  /**
   * A notification's template variables, in the template's order (Tencent's {1} {2} …, Aliyun's
   * ${name}); absent for a code template, whose one variable is `code`.
   */
  params?: Record<string, string>;
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
