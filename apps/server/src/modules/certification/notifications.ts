import type { OutboxHandler } from '../../platform/outbox';
import type { SmsMessage, SmsProvider } from '../../platform/sms/provider';

/** Topics of the certification's decisions (recorded by its approve / reject commands). */
export const CERTIFICATION_APPROVED = 'certification.approved';
export const CERTIFICATION_REJECTED = 'certification.rejected';

/** What a decision event carries: the facts at the moment of the decision. */
export interface CertificationDecidedPayload {
  contactPhone: string;
  enterpriseName: string;
  reason: string | null;
}

const SIGN = '【本溪农民工工资保证金平台】';
/** Gateways cap a template variable (Aliyun: 35 characters): the reason is cut to fit, with an ellipsis. */
export const REASON_MAX = 30;

/** The reason as one short line: whitespace collapsed, no closing punctuation, at most REASON_MAX characters. */
export function smsReason(reason: string | null): string {
  const line = (reason ?? '').replace(/\s+/g, ' ').trim().replace(/[。．.，,；;！!\s]+$/u, '');
  if (!line) return '材料不符合要求';
  const chars = [...line];
  return chars.length <= REASON_MAX ? line : `${chars.slice(0, REASON_MAX - 1).join('')}…`;
}

export function certificationSms(topic: string, p: CertificationDecidedPayload): SmsMessage {
  if (topic === CERTIFICATION_APPROVED) {
    return {
      phone: p.contactPhone,
      purpose: 'cert-approved',
      code: '',
      params: {},
      content: `${SIGN}您的企业认证已通过，现在可以登录平台新建项目并申请定额。`,
    };
  }
  const reason = smsReason(p.reason);
  return {
    phone: p.contactPhone,
    purpose: 'cert-rejected',
    code: '',
    params: { reason },
    content: `${SIGN}您的企业认证未通过，原因：${reason}。请登录平台修改后重新申请认证。`,
  };
}

/**
 * The enterprise's contact hears the decision by SMS once it has committed. A gateway refusal
 * throws, and the outbox retries with backoff; the receipt of a sent message keeps a redelivery of
 * the same event from sending it again.
 */
export function certificationSmsHandler(sms: SmsProvider): OutboxHandler {
  return {
    name: 'certification.sms',
    topics: [CERTIFICATION_APPROVED, CERTIFICATION_REJECTED],
    async handle(event) {
      await sms.send(certificationSms(event.topic, event.payload as unknown as CertificationDecidedPayload));
    },
  };
}
