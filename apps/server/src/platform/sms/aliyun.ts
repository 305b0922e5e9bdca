/**
 * Aliyun (阿里云) Short Message Service adapter: Dysms `SendSms`, API version 2017-05-25.
 *
 * Signing: the RPC-style V1 signature (SignatureMethod=HMAC-SHA1, SignatureVersion=1.0), chosen
 * over the newer V3 ACS3-HMAC-SHA256 because Aliyun documents a complete worked `SendSms` example
 * for it (AccessKeySecret "testSecret", signature "zJDF+Lrzhj/ThnlvIToysFRq6t4="), which the tests
 * replay byte for byte. The algorithm (help.aliyun.com "签名机制", RPC):
 *   1. every parameter except Signature, sorted by name, each name and value percent-encoded per
 *      RFC 3986 (only A–Z a–z 0–9 - _ . ~ left as they are; space → %20), joined as k=v&k=v;
 *   2. StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(that string);
 *   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 * The request is a POST with the signed parameters as an application/x-www-form-urlencoded body
 * (so that the phone number and the code stay out of URLs and access logs), Format=JSON.
 *
 * Only node:crypto is used; no vendor SDK. The HTTP call, the clock and the nonce are injected.
 */
import { createHmac } from 'node:crypto';
import type { TemplateIds } from './provider';
import { SmsSendError, type HttpFetch, type SmsMessage, type SmsProvider } from './provider';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, e.g. "本溪市人社局" (must be approved in the Aliyun console). */
  signName: string;
  /** Approved template codes (SMS_xxxxxxxx), each with a ${code} variable. */
  templateCodes: TemplateIds;
  /** Default https://dysmsapi.aliyuncs.com/ ; a bare host name is accepted too. */
  endpoint?: string;
}

export interface AliyunSmsDeps {
  fetch: HttpFetch;
  now: () => Date;
  /** SignatureNonce: unique per request (a UUID in production). */
  nonce: () => string;
}

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
export const ALIYUN_SMS_API_VERSION = '2017-05-25';

/** RFC 3986 encoding as Aliyun specifies it: encodeURIComponent also leaves !'()* alone, so fix those. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The sorted, encoded k=v&k=v string (step 1). Names are ASCII, so code-unit order is byte order. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
}

export function aliyunStringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
}

/** Base64(HMAC-SHA1(secret + "&", StringToSign)), not yet percent-encoded. */
export function aliyunRpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(aliyunStringToSign(method, params), 'utf8')
    .digest('base64');
}

/** ISO 8601 UTC without milliseconds, e.g. 2017-07-12T02:42:19Z. */
function aliyunTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function normaliseEndpoint(endpoint: string | undefined): string {
  let url = endpoint?.trim() || ALIYUN_SMS_ENDPOINT;
  if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
  if (!url.endsWith('/')) url += '/';
  return url;
}

/** Chinese explanations for the gateway codes a user or an operator can act on. */
const KNOWN_CODES: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '短信发送过于频繁，请稍后再试',
  'isv.DAY_LIMIT_CONTROL': '短信发送已达当日上限，请明天再试',
  'isv.MOBILE_NUMBER_ILLEGAL': '手机号码格式不正确',
  'isv.BLACK_KEY_CONTROL_LIMIT': '短信内容被运营商拦截，请联系管理员',
  'isv.AMOUNT_NOT_ENOUGH': '短信服务余额不足，请联系管理员',
  'isv.OUT_OF_SERVICE': '短信服务已停机，请联系管理员',
  'isv.SMS_SIGNATURE_ILLEGAL': '短信签名配置有误，请联系管理员',
  'isv.SMS_TEMPLATE_ILLEGAL': '短信模板配置有误，请联系管理员',
  'isv.TEMPLATE_MISSING_PARAMETERS': '短信模板参数配置有误，请联系管理员',
  SignatureDoesNotMatch: '短信服务密钥配置有误，请联系管理员',
  'InvalidAccessKeyId.NotFound': '短信服务密钥配置有误，请联系管理员',
  'isp.RAM_PERMISSION_DENY': '短信服务账号权限不足，请联系管理员',
};

export function aliyunErrorMessage(code: string): string {
  return `${KNOWN_CODES[code] ?? '短信发送失败，请稍后再试'}（阿里云：${code}）`;
}

interface AliyunSendSmsResponse {
  Code?: string;
  Message?: string;
  RequestId?: string;
  BizId?: string;
}

export function createAliyunSmsProvider(config: AliyunSmsConfig, deps: AliyunSmsDeps): SmsProvider {
  const url = normaliseEndpoint(config.endpoint);

  return {
    name: 'aliyun',
    async send(message: SmsMessage): Promise<void> {
      const templateCode = config.templateCodes[message.purpose];
      if (!templateCode) {
        throw new SmsSendError('aliyun', 'NO_TEMPLATE', `短信模板未配置（${message.purpose}），请联系管理员`);
      }
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: message.phone,
        RegionId: 'cn-hangzhou',
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: deps.nonce(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(message.params ?? { code: message.code }),
        Timestamp: aliyunTimestamp(deps.now()),
        Version: ALIYUN_SMS_API_VERSION,
      };
      const signature = aliyunRpcSignature('POST', params, config.accessKeySecret);
      const body = `Signature=${aliyunPercentEncode(signature)}&${aliyunCanonicalQuery(params)}`;

      let status: number;
      let text: string;
      try {
        const res = await deps.fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body,
        });
        status = res.status;
        text = await res.text();
      } catch {
        throw new SmsSendError('aliyun', 'NETWORK', '无法连接短信服务（阿里云），请稍后再试');
      }

      let parsed: AliyunSendSmsResponse;
      try {
        parsed = JSON.parse(text) as AliyunSendSmsResponse;
      } catch {
        throw new SmsSendError('aliyun', `HTTP_${status}`, aliyunErrorMessage(`HTTP_${status}`));
      }
      const code = typeof parsed?.Code === 'string' ? parsed.Code : `HTTP_${status}`;
      if (code !== 'OK') throw new SmsSendError('aliyun', code, aliyunErrorMessage(code));
    },
  };
}
