/**
 * Tencent Cloud (腾讯云) SMS adapter: `SendSms`, API version 2021-01-11, endpoint
 * sms.tencentcloudapi.com, signed with TC3-HMAC-SHA256 (TencentCloud API 3.0 "签名方法 v3"):
 *   CanonicalRequest = Method \n "/" \n "" \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(payload))
 *     (CanonicalHeaders: lower-case "name:value\n" lines sorted by name; value trimmed and lower-cased)
 *   StringToSign     = "TC3-HMAC-SHA256" \n Timestamp \n Date/service/tc3_request \n hex(SHA256(CanonicalRequest))
 *     (Date is the UTC date of the timestamp, never local time)
 *   SecretSigning    = HMAC(HMAC(HMAC("TC3" + SecretKey, Date), service), "tc3_request")
 *   Signature        = hex(HMAC(SecretSigning, StringToSign))
 *   Authorization    = "TC3-HMAC-SHA256 Credential=SecretId/Date/service/tc3_request, SignedHeaders=..., Signature=..."
 * We sign content-type, host and x-tc-action (the docs require the first two and allow more).
 * The template is expected to have a single {1} parameter: the 6-digit code.
 *
 * Only node:crypto is used; no vendor SDK. The HTTP call and the clock are injected.
 */
import { createHash, createHmac } from 'node:crypto';
import type { TemplateIds } from './provider';
import { SmsSendError, type HttpFetch, type SmsMessage, type SmsProvider } from './provider';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId, e.g. "1400006666". */
  sdkAppId: string;
  /** 短信签名内容 (approved in the console). */
  signName: string;
  /** Approved template ids, each with one {1} variable for the code. */
  templateIds: TemplateIds;
  /** Default 'ap-guangzhou'. */
  region?: string;
}

export interface TencentSmsDeps {
  fetch: HttpFetch;
  now: () => Date;
  /** Accepted for symmetry with the Aliyun adapter; TC3 signing needs no nonce. */
  nonce?: () => string;
}

export const TENCENT_SMS_HOST = 'sms.tencentcloudapi.com';
export const TENCENT_SMS_API_VERSION = '2021-01-11';
export const TENCENT_SMS_DEFAULT_REGION = 'ap-guangzhou';
const ALGORITHM = 'TC3-HMAC-SHA256';

const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, msg: string): Buffer =>
  createHmac('sha256', key).update(msg, 'utf8').digest();

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** Product name, the first label of the host: "sms", "cvm". */
  service: string;
  method?: 'POST' | 'GET';
  /** GET only; already URL-encoded. */
  canonicalQueryString?: string;
  /** The headers that take part in the signature, by any case; must include content-type and host. */
  headers: Record<string, string>;
  payload: string;
  /** UNIX seconds (the X-TC-Timestamp header). */
  timestamp: number;
}

export interface Tc3Signature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export function tc3Sign(input: Tc3SignInput): Tc3Signature {
  const method = input.method ?? 'POST';
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.trim().toLowerCase(), v.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([k, v]) => `${k}:${v}\n`).join('');
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonicalRequest = [
    method,
    '/',
    method === 'GET' ? (input.canonicalQueryString ?? '') : '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(method === 'GET' ? '' : input.payload),
  ].join('\n');
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const secretSigning = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization =
    `${ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, authorization };
}

/** Mainland number as E.164 (+86...); a leading +86 / 86 is tolerated. Null when it is not one. */
export function toTencentPhone(phone: string): string | null {
  const digits = phone.trim().replace(/^\+?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null;
}

const LIMIT = '短信发送过于频繁，请稍后再试';
const CONFIG = '短信服务配置有误，请联系管理员';
const KNOWN_CODES: Record<string, string> = {
  'LimitExceeded.PhoneNumberDailyLimit': '该手机号今日接收短信已达上限，请明天再试',
  'LimitExceeded.PhoneNumberThirtySecondLimit': LIMIT,
  'LimitExceeded.PhoneNumberOneHourLimit': LIMIT,
  'LimitExceeded.PhoneNumberSameContentDailyLimit': LIMIT,
  'LimitExceeded.DeliveryFrequencyLimit': LIMIT,
  'LimitExceeded.DailyLimit': '短信发送已达当日上限，请明天再试',
  'InvalidParameterValue.IncorrectPhoneNumber': '手机号码格式不正确',
  'FailedOperation.PhoneNumberInBlacklist': '该手机号已退订或拒收短信，请更换号码或联系运营商',
  'FailedOperation.InsufficientBalanceInSmsPackage': '短信套餐包余额不足，请联系管理员',
  'FailedOperation.SignatureIncorrectOrUnapproved': CONFIG,
  'FailedOperation.TemplateIncorrectOrUnapproved': CONFIG,
  'InvalidParameterValue.TemplateParameterFormatError': CONFIG,
  'InvalidParameterValue.SdkAppIdNotExist': CONFIG,
};

export function tencentErrorMessage(code: string): string {
  const base =
    KNOWN_CODES[code] ??
    (code.startsWith('AuthFailure') ? '短信服务密钥配置有误，请联系管理员' : '短信发送失败，请稍后再试');
  return `${base}（腾讯云：${code}）`;
}

interface TencentSendSmsResponse {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: Array<{ Code?: string; Message?: string; PhoneNumber?: string; SerialNo?: string }>;
    RequestId?: string;
  };
}

export function createTencentSmsProvider(config: TencentSmsConfig, deps: TencentSmsDeps): SmsProvider {
  const region = config.region || TENCENT_SMS_DEFAULT_REGION;
  const url = `https://${TENCENT_SMS_HOST}/`;
  const fail = (code: string): never => {
    throw new SmsSendError('tencent', code, tencentErrorMessage(code));
  };

  return {
    name: 'tencent',
    async send(message: SmsMessage): Promise<void> {
      const templateId = config.templateIds[message.purpose];
      if (!templateId) {
        throw new SmsSendError('tencent', 'NO_TEMPLATE', `短信模板未配置（${message.purpose}），请联系管理员`);
      }
      const phone = toTencentPhone(message.phone);
      if (!phone) throw new SmsSendError('tencent', 'INVALID_PHONE', '手机号码格式不正确');

      const payload = JSON.stringify({
        PhoneNumberSet: [phone],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: templateId,
        TemplateParamSet: message.params ? Object.values(message.params) : [message.code],
      });
      const timestamp = Math.floor(deps.now().getTime() / 1000);
      const contentType = 'application/json; charset=utf-8';
      const { authorization } = tc3Sign({
        secretId: config.secretId,
        secretKey: config.secretKey,
        service: 'sms',
        headers: { 'content-type': contentType, host: TENCENT_SMS_HOST, 'x-tc-action': 'SendSms' },
        payload,
        timestamp,
      });

      let status: number;
      let text: string;
      try {
        const res = await deps.fetch(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': contentType,
            Host: TENCENT_SMS_HOST,
            'X-TC-Action': 'SendSms',
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Version': TENCENT_SMS_API_VERSION,
            'X-TC-Region': region,
          },
          body: payload,
        });
        status = res.status;
        text = await res.text();
      } catch {
        throw new SmsSendError('tencent', 'NETWORK', '无法连接短信服务（腾讯云），请稍后再试');
      }

      let parsed: TencentSendSmsResponse;
      try {
        parsed = JSON.parse(text) as TencentSendSmsResponse;
      } catch {
        return fail(`HTTP_${status}`);
      }
      const response = parsed?.Response;
      if (!response) return fail(`HTTP_${status}`);
      if (response.Error) return fail(response.Error.Code || 'UnknownError');
      const set = response.SendStatusSet;
      if (!Array.isArray(set) || set.length === 0) return fail('EmptySendStatusSet');
      for (const s of set) if (s?.Code !== 'Ok') fail(s?.Code || 'UnknownError');
    },
  };
}
