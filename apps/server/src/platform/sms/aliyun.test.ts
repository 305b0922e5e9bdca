import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aliyunCanonicalQuery,
  aliyunPercentEncode,
  aliyunRpcSignature,
  aliyunStringToSign,
  createAliyunSmsProvider,
  type AliyunSmsConfig,
} from './aliyun';
import { SmsSendError, type HttpFetch, type SmsMessage } from './provider';

/**
 * An independent implementation of Aliyun's RPC V1 signature, written from the documentation
 * ("签名机制"), used to check the adapter. It is itself checked against Aliyun's published examples.
 */
function refEncode(s: string): string {
  // Java URLEncoder semantics as the docs describe them, then + → %20, * → %2A, %7E → ~.
  return encodeURIComponent(s)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}
function refSign(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${refEncode(k)}=${refEncode(params[k]!)}`)
    .join('&');
  const sts = `${method}&${refEncode('/')}&${refEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(sts, 'utf8').digest('base64');
}

/**
 * Aliyun's documented example 1 (签名机制, ECS DescribeRegions): AccessKeyId "testid",
 * AccessKeySecret "testsecret", HMAC key "testsecret&", Signature "CT9X0VtwR86fNWSnsc6v8YGOjuE=".
 * (The published parameter is spelled "TimeStamp" in that example.)
 */
const DOC_ECS = {
  secret: 'testsecret',
  params: {
    TimeStamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  },
  signature: 'CT9X0VtwR86fNWSnsc6v8YGOjuE=',
};

/**
 * Aliyun's documented example 2 (短信服务 SendSms 签名示例): AccessKeyId "testId",
 * AccessKeySecret "testSecret", GET, Signature "zJDF+Lrzhj/ThnlvIToysFRq6t4=".
 */
const DOC_SMS = {
  secret: 'testSecret',
  params: {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  },
  sortedQuery:
    'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
    '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
    '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
    '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
    '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
  stringToSign:
    'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
    '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD' +
    '%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1' +
    '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007' +
    '%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z' +
    '%26Version%3D2017-05-25',
  signature: 'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
};

describe('Aliyun RPC signature against the documented examples', () => {
  it('the reference implementation in this test reproduces both published signatures', () => {
    expect(refSign('GET', DOC_ECS.params, DOC_ECS.secret)).toBe(DOC_ECS.signature);
    expect(refSign('GET', DOC_SMS.params, DOC_SMS.secret)).toBe(DOC_SMS.signature);
  });

  it('reproduces the ECS example (AccessKeySecret "testsecret")', () => {
    expect(aliyunRpcSignature('GET', DOC_ECS.params, DOC_ECS.secret)).toBe(DOC_ECS.signature);
  });

  it('reproduces the SendSms example step by step', () => {
    expect(aliyunCanonicalQuery(DOC_SMS.params)).toBe(DOC_SMS.sortedQuery);
    expect(aliyunStringToSign('GET', DOC_SMS.params)).toBe(DOC_SMS.stringToSign);
    expect(aliyunRpcSignature('GET', DOC_SMS.params, DOC_SMS.secret)).toBe(DOC_SMS.signature);
    expect(aliyunPercentEncode(aliyunRpcSignature('GET', DOC_SMS.params, DOC_SMS.secret))).toBe(
      'zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D',
    );
  });

  it('ignores a Signature parameter and depends on the secret, method and every parameter', () => {
    const base = aliyunRpcSignature('GET', DOC_SMS.params, DOC_SMS.secret);
    expect(aliyunRpcSignature('GET', { ...DOC_SMS.params, Signature: 'x' }, DOC_SMS.secret)).toBe(base);
    expect(aliyunRpcSignature('GET', DOC_SMS.params, 'testSecreT')).not.toBe(base);
    expect(aliyunRpcSignature('POST', DOC_SMS.params, DOC_SMS.secret)).not.toBe(base);
    expect(aliyunRpcSignature('GET', { ...DOC_SMS.params, PhoneNumbers: '15300000002' }, DOC_SMS.secret)).not.toBe(
      base,
    );
  });

  it('percent-encodes per RFC 3986 as Aliyun requires', () => {
    expect(aliyunPercentEncode('a b')).toBe('a%20b');
    expect(aliyunPercentEncode('a+b')).toBe('a%2Bb');
    expect(aliyunPercentEncode("*!'()")).toBe('%2A%21%27%28%29');
    expect(aliyunPercentEncode('-_.~')).toBe('-_.~');
    expect(aliyunPercentEncode('/:=&"')).toBe('%2F%3A%3D%26%22');
    expect(aliyunPercentEncode('阿')).toBe('%E9%98%BF');
  });
});

// ---------------------------------------------------------------------------------------------
// Recorded exchange with a fixed clock and nonce.

const CONFIG: AliyunSmsConfig = {
  accessKeyId: 'testId',
  accessKeySecret: 'testSecret',
  signName: '本溪市社保测试',
  templateCodes: { register: 'SMS_100000001', login: 'SMS_100000002', reset: 'SMS_100000003', password: 'SMS_100000004' },
};
const NOW = new Date('2017-07-12T02:42:19.456Z');
const NONCE = '45e25e9b-0a6f-4070-8c85-2956eda1b466';
const MESSAGE: SmsMessage = {
  phone: '13800138000',
  purpose: 'register',
  code: '123456',
  content: '您的注册验证码为 123456，5 分钟内有效。',
};

/** The request body recorded for MESSAGE; the signature was computed with refSign above. */
const RECORDED_BODY =
  'Signature=H8EQit2aGx4iwkajxiY7ZxIhxFw%3D&AccessKeyId=testId&Action=SendSms&Format=JSON' +
  '&PhoneNumbers=13800138000&RegionId=cn-hangzhou' +
  '&SignName=%E6%9C%AC%E6%BA%AA%E5%B8%82%E7%A4%BE%E4%BF%9D%E6%B5%8B%E8%AF%95' +
  '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
  '&TemplateCode=SMS_100000001&TemplateParam=%7B%22code%22%3A%22123456%22%7D' +
  '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25';

const OK_RESPONSE = JSON.stringify({
  Message: 'OK',
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  Code: 'OK',
  BizId: '900619746936498440^0',
});

interface Call {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}
function recorder(responses: Array<{ status: number; body: string } | Error>) {
  const calls: Call[] = [];
  const fetch: HttpFetch = async (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return { status: next.status, text: async () => next.body };
  };
  return { calls, fetch };
}
const provider = (fetch: HttpFetch, config: AliyunSmsConfig = CONFIG) =>
  createAliyunSmsProvider(config, { fetch, now: () => NOW, nonce: () => NONCE });

async function sendError(p: Promise<void>): Promise<SmsSendError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsSendError);
  return err as SmsSendError;
}

describe('createAliyunSmsProvider', () => {
  it('sends exactly the recorded, correctly signed request', async () => {
    const { calls, fetch } = recorder([{ status: 200, body: OK_RESPONSE }]);
    const p = provider(fetch);
    expect(p.name).toBe('aliyun');
    await expect(p.send(MESSAGE)).resolves.toBeUndefined();

    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({
      url: 'https://dysmsapi.aliyuncs.com/',
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: RECORDED_BODY,
      },
    });
  });

  it('the recorded signature is what the documented algorithm gives for the body parameters', async () => {
    const { calls, fetch } = recorder([{ status: 200, body: OK_RESPONSE }]);
    await provider(fetch).send(MESSAGE);
    const form = new URLSearchParams(calls[0]!.init.body);
    const params = Object.fromEntries([...form.entries()].filter(([k]) => k !== 'Signature'));
    expect(params).toEqual({
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13800138000',
      RegionId: 'cn-hangzhou',
      SignName: '本溪市社保测试',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: NONCE,
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_100000001',
      TemplateParam: '{"code":"123456"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    });
    expect(form.get('Signature')).toBe(refSign('POST', params, 'testSecret'));
    expect(form.get('Signature')).toBe('H8EQit2aGx4iwkajxiY7ZxIhxFw=');
  });

  it('picks the template by purpose and honours a custom endpoint', async () => {
    const { calls, fetch } = recorder([
      { status: 200, body: OK_RESPONSE },
      { status: 200, body: OK_RESPONSE },
    ]);
    const p = provider(fetch, { ...CONFIG, endpoint: 'dysmsapi.ap-southeast-1.aliyuncs.com' });
    await p.send({ ...MESSAGE, purpose: 'login' });
    await p.send({ ...MESSAGE, purpose: 'reset' });
    expect(calls.map((c) => c.url)).toEqual([
      'https://dysmsapi.ap-southeast-1.aliyuncs.com/',
      'https://dysmsapi.ap-southeast-1.aliyuncs.com/',
    ]);
    expect(calls.map((c) => new URLSearchParams(c.init.body).get('TemplateCode'))).toEqual([
      'SMS_100000002',
      'SMS_100000003',
    ]);
  });

  it('a notification uses its own template with its named variables', async () => {
    const { calls, fetch } = recorder([
      { status: 200, body: OK_RESPONSE },
      { status: 200, body: OK_RESPONSE },
    ]);
    const p = provider(fetch, { ...CONFIG, templateCodes: { ...CONFIG.templateCodes, 'cert-approved': 'SMS_200000001', 'cert-rejected': 'SMS_200000002' } });
    await p.send({ phone: '13800138000', purpose: 'cert-approved', code: '', params: {}, content: '认证已通过' });
    await p.send({ phone: '13800138000', purpose: 'cert-rejected', code: '', params: { reason: '资质证书已过期' }, content: '认证未通过' });
    const sent = calls.map((c) => new URLSearchParams(c.init.body));
    expect(sent.map((f) => [f.get('TemplateCode'), f.get('TemplateParam')])).toEqual([
      ['SMS_200000001', '{}'],
      ['SMS_200000002', '{"reason":"资质证书已过期"}'],
    ]);
    // still signed over every parameter it sends
    const params = Object.fromEntries([...sent[1]!.entries()].filter(([k]) => k !== 'Signature'));
    expect(sent[1]!.get('Signature')).toBe(refSign('POST', params, 'testSecret'));
  });

  it('throws SmsSendError with the provider code and a Chinese message for a non-OK Code', async () => {
    const { fetch } = recorder([
      {
        status: 200,
        body: JSON.stringify({
          Message: '触发小时级流控Permits:5',
          RequestId: '5E9A2B3C-0000-4E8F-9A5B-ED8C0D6C7A1F',
          Code: 'isv.BUSINESS_LIMIT_CONTROL',
        }),
      },
    ]);
    const err = await sendError(provider(fetch).send(MESSAGE));
    expect(err.provider).toBe('aliyun');
    expect(err.providerCode).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(err.message).toBe('短信发送过于频繁，请稍后再试（阿里云：isv.BUSINESS_LIMIT_CONTROL）');
  });

  it('maps an unknown code to a generic Chinese message', async () => {
    const { fetch } = recorder([{ status: 200, body: JSON.stringify({ Code: 'isv.SOMETHING_NEW', Message: 'x' }) }]);
    const err = await sendError(provider(fetch).send(MESSAGE));
    expect(err.providerCode).toBe('isv.SOMETHING_NEW');
    expect(err.message).toMatch(/^短信发送失败/);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('treats an HTTP error carrying a JSON error body (bad signature) as a refusal', async () => {
    const { fetch } = recorder([
      {
        status: 400,
        body: JSON.stringify({
          RequestId: '0E2A1E6B-0000-4B3A-8E25-0C1D5B6F2A3C',
          HostId: 'dysmsapi.aliyuncs.com',
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature is not matched with our calculation.',
        }),
      },
    ]);
    const err = await sendError(provider(fetch).send(MESSAGE));
    expect(err.providerCode).toBe('SignatureDoesNotMatch');
    expect(err.message).toContain('请联系管理员');
  });

  it('handles a non-JSON gateway error and a network failure', async () => {
    const { fetch } = recorder([{ status: 502, body: '<html>Bad Gateway</html>' }, new Error('ECONNRESET')]);
    const p = provider(fetch);
    expect((await sendError(p.send(MESSAGE))).providerCode).toBe('HTTP_502');
    const net = await sendError(p.send(MESSAGE));
    expect(net.providerCode).toBe('NETWORK');
    expect(net.message).toContain('阿里云');
  });
});
