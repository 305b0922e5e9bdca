import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SmsSendError, type HttpFetch, type SmsMessage } from './provider';
import { createTencentSmsProvider, tc3Sign, toTencentPhone, type TencentSmsConfig } from './tencent';

/**
 * An independent TC3-HMAC-SHA256 implementation written from Tencent's "签名方法 v3" page, used to
 * check the adapter; it is itself checked against the page's worked example below.
 */
const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (k: string | Buffer, m: string) => createHmac('sha256', k).update(m, 'utf8').digest();
function refTc3(opts: {
  secretKey: string;
  service: string;
  date: string;
  timestamp: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payload: string;
}) {
  const canonicalRequest = `POST\n/\n\n${opts.canonicalHeaders}\n${opts.signedHeaders}\n${sha256Hex(opts.payload)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${opts.timestamp}\n${opts.date}/${opts.service}/tc3_request\n${sha256Hex(canonicalRequest)}`;
  const key = hmac(hmac(hmac(`TC3${opts.secretKey}`, opts.date), opts.service), 'tc3_request');
  return { canonicalRequest, stringToSign, signature: createHmac('sha256', key).update(stringToSign).digest('hex') };
}

/**
 * Tencent's documented example (TencentCloud API 3.0, 签名方法 v3): CVM DescribeInstances,
 * SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE, SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE,
 * timestamp 1551113065 (2019-02-26 00:44:25 in UTC+8, so the UTC date 2019-02-25).
 */
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  timestamp: 1551113065,
  payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
  hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  canonicalRequest:
    'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
    '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  stringToSign:
    'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n' +
    '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  authorization:
    'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
    'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
};

describe('TC3-HMAC-SHA256 against the documented example', () => {
  it('the reference implementation in this test reproduces the published values', () => {
    expect(sha256Hex(DOC.payload)).toBe(DOC.hashedPayload);
    const ref = refTc3({
      secretKey: DOC.secretKey,
      service: 'cvm',
      date: '2019-02-25',
      timestamp: String(DOC.timestamp),
      canonicalHeaders: 'content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n',
      signedHeaders: 'content-type;host',
      payload: DOC.payload,
    });
    expect(ref.canonicalRequest).toBe(DOC.canonicalRequest);
    expect(ref.stringToSign).toBe(DOC.stringToSign);
    expect(ref.signature).toBe(DOC.signature);
  });

  it('tc3Sign reproduces the canonical request, string to sign, signature and Authorization', () => {
    const s = tc3Sign({
      secretId: DOC.secretId,
      secretKey: DOC.secretKey,
      service: 'cvm',
      // Header names in mixed case and in the wrong order: they must be lower-cased and sorted.
      headers: { Host: 'cvm.tencentcloudapi.com', 'Content-Type': 'application/json; charset=utf-8' },
      payload: DOC.payload,
      timestamp: DOC.timestamp,
    });
    expect(s.canonicalRequest).toBe(DOC.canonicalRequest);
    expect(s.stringToSign).toBe(DOC.stringToSign);
    expect(s.signature).toBe(DOC.signature);
    expect(s.authorization).toBe(DOC.authorization);
  });

  it('the signature depends on the key, the payload and the (UTC) date', () => {
    const base = { secretId: DOC.secretId, secretKey: DOC.secretKey, service: 'cvm', payload: DOC.payload };
    const headers = { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' };
    const sig = (o: Partial<typeof base> & { timestamp?: number }) =>
      tc3Sign({ ...base, headers, timestamp: DOC.timestamp, ...o }).signature;
    expect(sig({})).toBe(DOC.signature);
    expect(sig({ secretKey: `${DOC.secretKey}x` })).not.toBe(DOC.signature);
    expect(sig({ payload: `${DOC.payload} ` })).not.toBe(DOC.signature);
    expect(sig({ service: 'sms' })).not.toBe(DOC.signature);
    // One second later is still 2019-02-25 in UTC; the credential scope must not use local time.
    expect(tc3Sign({ ...base, headers, timestamp: DOC.timestamp + 1 }).stringToSign).toContain(
      '\n2019-02-25/cvm/tc3_request\n',
    );
  });
});

describe('toTencentPhone', () => {
  it('formats mainland numbers as +86XXXXXXXXXXX', () => {
    expect(toTencentPhone('13800138000')).toBe('+8613800138000');
    expect(toTencentPhone('+8613800138000')).toBe('+8613800138000');
    expect(toTencentPhone('8613800138000')).toBe('+8613800138000');
    expect(toTencentPhone('12800138000')).toBeNull();
    expect(toTencentPhone('1380013800')).toBeNull();
    expect(toTencentPhone('+14155550100')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Recorded exchange with a fixed clock.

const CONFIG: TencentSmsConfig = {
  secretId: DOC.secretId,
  secretKey: DOC.secretKey,
  sdkAppId: '1400006666',
  signName: '腾讯云',
  templateIds: { register: '1234', login: '1235', reset: '1236', password: '1237' },
};
const NOW = new Date(DOC.timestamp * 1000 + 789); // milliseconds are dropped
const MESSAGE: SmsMessage = {
  phone: '13800138000',
  purpose: 'register',
  code: '123456',
  content: '您的注册验证码为 123456，5 分钟内有效。',
};
const RECORDED_BODY =
  '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"腾讯云",' +
  '"TemplateId":"1234","TemplateParamSet":["123456"]}';
/** Computed with refTc3 above over content-type, host and x-tc-action. */
const RECORDED_SIGNATURE = '47a98c64cb70421867eb82e301d76208cfd6ddbf1f7e1a77269767bce774dfdf';
const RECORDED_HEADERS = {
  Authorization:
    'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/sms/tc3_request, ' +
    `SignedHeaders=content-type;host;x-tc-action, Signature=${RECORDED_SIGNATURE}`,
  'Content-Type': 'application/json; charset=utf-8',
  Host: 'sms.tencentcloudapi.com',
  'X-TC-Action': 'SendSms',
  'X-TC-Timestamp': '1551113065',
  'X-TC-Version': '2021-01-11',
  'X-TC-Region': 'ap-guangzhou',
};
const OK_RESPONSE = JSON.stringify({
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1045710669157053657849499619',
        PhoneNumber: '+8613800138000',
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      },
    ],
    RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
  },
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
const provider = (fetch: HttpFetch, config: TencentSmsConfig = CONFIG) =>
  createTencentSmsProvider(config, { fetch, now: () => NOW, nonce: () => 'unused' });

async function sendError(p: Promise<void>): Promise<SmsSendError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsSendError);
  return err as SmsSendError;
}

describe('createTencentSmsProvider', () => {
  it('sends exactly the recorded, correctly signed request', async () => {
    const { calls, fetch } = recorder([{ status: 200, body: OK_RESPONSE }]);
    const p = provider(fetch);
    expect(p.name).toBe('tencent');
    await expect(p.send(MESSAGE)).resolves.toBeUndefined();
    expect(calls).toEqual([
      {
        url: 'https://sms.tencentcloudapi.com/',
        init: { method: 'POST', headers: RECORDED_HEADERS, body: RECORDED_BODY },
      },
    ]);
  });

  it('the recorded signature is what the documented algorithm gives for the sent request', async () => {
    const { calls, fetch } = recorder([{ status: 200, body: OK_RESPONSE }]);
    await provider(fetch).send(MESSAGE);
    const { headers, body } = calls[0]!.init;
    const ref = refTc3({
      secretKey: DOC.secretKey,
      service: 'sms',
      date: '2019-02-25',
      timestamp: headers['X-TC-Timestamp']!,
      canonicalHeaders: `content-type:${headers['Content-Type']}\nhost:${headers.Host}\nx-tc-action:sendsms\n`,
      signedHeaders: 'content-type;host;x-tc-action',
      payload: body!,
    });
    expect(ref.signature).toBe(RECORDED_SIGNATURE);
    expect(headers.Authorization).toContain(`Signature=${ref.signature}`);
    expect(JSON.parse(body!)).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '腾讯云',
      TemplateId: '1234',
      TemplateParamSet: ['123456'],
    });
  });

  it('uses the template of the purpose and the configured region', async () => {
    const { calls, fetch } = recorder([
      { status: 200, body: OK_RESPONSE },
      { status: 200, body: OK_RESPONSE },
    ]);
    const p = provider(fetch, { ...CONFIG, region: 'ap-beijing' });
    await p.send({ ...MESSAGE, purpose: 'login' });
    await p.send({ ...MESSAGE, purpose: 'reset' });
    expect(calls.map((c) => JSON.parse(c.init.body!).TemplateId)).toEqual(['1235', '1236']);
    expect(calls.map((c) => c.init.headers['X-TC-Region'])).toEqual(['ap-beijing', 'ap-beijing']);
  });

  it('a notification uses its own template with its variables in order; an unconfigured one is refused', async () => {
    const { calls, fetch } = recorder([
      { status: 200, body: OK_RESPONSE },
      { status: 200, body: OK_RESPONSE },
    ]);
    const p = provider(fetch, { ...CONFIG, templateIds: { ...CONFIG.templateIds, 'cert-approved': '2001', 'cert-rejected': '2002' } });
    await p.send({ phone: '13800138000', purpose: 'cert-approved', code: '', params: {}, content: '认证已通过' });
    await p.send({ phone: '13800138000', purpose: 'cert-rejected', code: '', params: { reason: '资质证书已过期' }, content: '认证未通过' });
    expect(calls.map((c) => JSON.parse(c.init.body!))).toMatchObject([
      { TemplateId: '2001', TemplateParamSet: [] },
      { TemplateId: '2002', TemplateParamSet: ['资质证书已过期'] },
    ]);
    const err = await provider(fetch).send({ phone: '13800138000', purpose: 'cert-approved', code: '', params: {}, content: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ providerCode: 'NO_TEMPLATE', message: '短信模板未配置（cert-approved），请联系管理员' });
  });

  it('throws on an Error response (e.g. a bad signature)', async () => {
    const { fetch } = recorder([
      {
        status: 200,
        body: JSON.stringify({
          Response: {
            Error: {
              Code: 'AuthFailure.SignatureFailure',
              Message: 'The provided credentials could not be validated. Please check your signature is correct.',
            },
            RequestId: 'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6',
          },
        }),
      },
    ]);
    const err = await sendError(provider(fetch).send(MESSAGE));
    expect(err.provider).toBe('tencent');
    expect(err.providerCode).toBe('AuthFailure.SignatureFailure');
    expect(err.message).toBe('短信服务密钥配置有误，请联系管理员（腾讯云：AuthFailure.SignatureFailure）');
  });

  it('throws when a SendStatusSet entry is not "Ok"', async () => {
    const { fetch } = recorder([
      {
        status: 200,
        body: JSON.stringify({
          Response: {
            SendStatusSet: [
              {
                SerialNo: '',
                PhoneNumber: '+8613800138000',
                Fee: 0,
                SessionContext: '',
                Code: 'LimitExceeded.PhoneNumberDailyLimit',
                Message: 'the number of sms messages sent from a single mobile number every day exceeds the upper limit',
                IsoCode: 'CN',
              },
            ],
            RequestId: 'b2c3d4e5-0000-4f3e-a81f-9198114a2279',
          },
        }),
      },
    ]);
    const err = await sendError(provider(fetch).send(MESSAGE));
    expect(err.providerCode).toBe('LimitExceeded.PhoneNumberDailyLimit');
    expect(err.message).toBe('该手机号今日接收短信已达上限，请明天再试（腾讯云：LimitExceeded.PhoneNumberDailyLimit）');
  });

  it('throws on an empty status set, a non-JSON answer and a network failure', async () => {
    const { fetch } = recorder([
      { status: 200, body: JSON.stringify({ Response: { SendStatusSet: [], RequestId: 'x' } }) },
      { status: 504, body: 'Gateway Timeout' },
      new Error('ETIMEDOUT'),
    ]);
    const p = provider(fetch);
    expect((await sendError(p.send(MESSAGE))).providerCode).toBe('EmptySendStatusSet');
    expect((await sendError(p.send(MESSAGE))).providerCode).toBe('HTTP_504');
    const net = await sendError(p.send(MESSAGE));
    expect(net.providerCode).toBe('NETWORK');
    expect(net.message).toContain('腾讯云');
  });

  it('refuses a number that is not a mainland mobile without calling the gateway', async () => {
    const { calls, fetch } = recorder([]);
    const err = await sendError(provider(fetch).send({ ...MESSAGE, phone: '0411-1234567' }));
    expect(err.providerCode).toBe('INVALID_PHONE');
    expect(calls).toHaveLength(0);
  });
});
