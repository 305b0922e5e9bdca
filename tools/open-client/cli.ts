/**
 * `npm run open-client -- <METHOD> <path> [--body file.json] --app-id … --key private.hex [--base URL]`
 *   signs a request as a bank's or insurer's system would, sends it, verifies the platform's response
 *   signature against GET /api/open/v1/platform-key, and prints the status, the verification and the body.
 * `npm run open-client -- keygen` prints a new SM2 key pair (the public key goes to the platform's operator).
 *
 * Independent of the server's code (signer.ts). Exit code: 0 for a 2xx with a valid signature,
 * 1 for any other answer, 2 when the response signature does not verify.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { generateKeyPair, signRequest, verifyResponse } from './signer';

const USAGE = `用法:
  npm run open-client -- <METHOD> <path> [--body file.json] --app-id <appId> --key <private.hex> [--base http://localhost:3000]
  npm run open-client -- keygen

  例: npm run open-client -- GET '/api/open/v1/events?after=0' --app-id bx_demo… --key tools/open-client/demo-keys/bank.private.hex`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      body: { type: 'string' },
      'app-id': { type: 'string' },
      key: { type: 'string' },
      base: { type: 'string', default: process.env.OPEN_CLIENT_BASE ?? 'http://localhost:3000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  if (positionals[0] === 'keygen') {
    const kp = generateKeyPair();
    console.log(`私钥（private key，由贵机构保管，切勿发送给任何人）:\n${kp.privateKey}\n\n公钥（public key，交平台运营在「开放接口」页面注册）:\n${kp.publicKey}`);
    return 0;
  }
  const [method, path] = positionals;
  if (!method || !path || !path.startsWith('/')) throw new Error(`需要请求方法和以 / 开头的路径\n${USAGE}`);
  const appId = values['app-id'] ?? process.env.OPEN_CLIENT_APP_ID;
  const keyFile = values.key ?? process.env.OPEN_CLIENT_KEY;
  if (!appId || !keyFile) throw new Error(`需要 --app-id 和 --key\n${USAGE}`);
  const privateKey = fs.readFileSync(keyFile, 'utf8').trim();
  const body = values.body ? fs.readFileSync(values.body) : undefined;
  const base = values.base!.replace(/\/$/, '');

  const keyRes = await fetch(`${base}/api/open/v1/platform-key`);
  if (keyRes.status !== 200) throw new Error(`GET /api/open/v1/platform-key → ${keyRes.status}`);
  const { publicKey: platformPublicKey } = (await keyRes.json()) as { publicKey: string };

  const headers: Record<string, string> = { ...signRequest({ method, path, body, appId, privateKey }) };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method: method.toUpperCase(), headers, body });
  const raw = Buffer.from(await res.arrayBuffer());
  const verified = verifyResponse({
    status: res.status,
    timestamp: res.headers.get('x-bx-timestamp') ?? undefined,
    signature: res.headers.get('x-bx-signature') ?? undefined,
    body: raw,
    platformPublicKey,
  });
  console.log(`HTTP ${res.status}`);
  console.log(`响应签名: ${verified ? '验证通过（平台公钥）' : '验证失败！该响应不可信'}`);
  const text = raw.toString('utf8');
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    console.log(text);
  }
  if (!verified) return 2;
  return res.status >= 200 && res.status < 300 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
