/**
 * The SM2 layer (docs/decisions/021): the worker pool agrees with the independent client in both
 * directions, refuses malformed signatures (r, s outside [1, n−1], which the library does not check),
 * and Node's built-in "SM2" is not SM2 (an EC key on the SM2 curve signs ECDSA, without the GM/T 0009
 * user id), so it could not have been used.
 */
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sm3 } from 'sm-crypto-v2';
import { generateKeyPair, sign as clientSign, verify as clientVerify } from '../../../../../tools/open-client/signer';
import { createSm2Pool, createSm3, isSm2PrivateKey, isSm2PublicKey, sm3Hex } from './pool';

const pool = createSm2Pool({ threads: 1 });
const inline = createSm2Pool({ threads: 0 });
afterAll(() => pool.close());

const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

describe('SM2 in the worker pool', () => {
  it('verifies what the independent client signs, and signs what it verifies (default user id)', async () => {
    const kp = generateKeyPair();
    const message = 'POST\n/api/open/v1/cash-deposits/1/confirm\n1772416800000\nnonce-0123456789abcdef\n' + sm3Hex('{"amount":"1.00"}');
    const sig = clientSign(kp.privateKey, message);
    expect(await pool.verify(kp.publicKey, message, sig)).toBe(true);
    expect(await inline.verify(kp.publicKey, message, sig)).toBe(true);
    expect(await pool.verify(kp.publicKey, `${message}x`, sig)).toBe(false);
    expect(await pool.verify(generateKeyPair().publicKey, message, sig)).toBe(false);
    const ours = await pool.sign(kp.privateKey, message);
    expect(ours).toMatch(/^[0-9a-f]{128}$/);
    expect(clientVerify(kp.publicKey, message, ours)).toBe(true);
  });

  it('refuses r or s of 0 or ≥ n, and what is not 128 hex digits', async () => {
    const kp = generateKeyPair();
    const sig = clientSign(kp.privateKey, 'm');
    const r = BigInt(`0x${sig.slice(0, 64)}`);
    const s = BigInt(`0x${sig.slice(64)}`);
    for (const bad of [hex64(0n) + hex64(s), hex64(r) + hex64(0n), hex64(r + N) .slice(-64) + hex64(s), hex64(r) + hex64(s + N).slice(-64), hex64(N) + hex64(s), sig.slice(2), `${sig}00`, 'zz'.repeat(64)]) {
      expect(await pool.verify(kp.publicKey, 'm', bad), bad).toBe(false);
    }
    expect(await pool.verify(kp.publicKey, 'm', sig)).toBe(true);
  });

  it('checks keys: an uncompressed point on the curve; a private key in [1, n−2]', () => {
    const kp = generateKeyPair();
    expect(isSm2PublicKey(kp.publicKey)).toBe(true);
    expect(isSm2PublicKey(`04${'1'.repeat(128)}`)).toBe(false);
    expect(isSm2PublicKey(kp.publicKey.replace(/^04/, '02').slice(0, 66))).toBe(false);
    expect(isSm2PrivateKey(kp.privateKey)).toBe(true);
    expect(isSm2PrivateKey(hex64(0n))).toBe(false);
    expect(isSm2PrivateKey(hex64(N - 1n))).toBe(false);
  });

  it('hashes with SM3 incrementally, as sm-crypto-v2 does in one piece', () => {
    const data = crypto.randomBytes(300_000);
    const h = createSm3();
    for (let i = 0; i < data.length; i += 65_536) h.update(data.subarray(i, i + 65_536));
    expect(h.hex()).toBe(sm3(data));
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });
});

describe("Node's built-in SM2 (why a library)", () => {
  it('signs ECDSA over SM3 with an SM2-curve key: neither SM2 verifies it nor it verifies SM2', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(privateKey.asymmetricKeyType).toBe('ec'); // not 'sm2': OpenSSL's SM2 signature is not reachable
    const der = privateKey.export({ format: 'der', type: 'sec1' });
    const d = der.subarray(7, 39).toString('hex');
    const pub = der.subarray(der.length - 65).toString('hex');
    const message = 'GET\n/api/open/v1/events\n1772416800000\nnonce-0123456789abcdef\n' + sm3Hex('');
    const nodeSig = crypto.sign('sm3', Buffer.from(message), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('hex');
    expect(crypto.verify('sm3', Buffer.from(message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(nodeSig, 'hex'))).toBe(true);
    expect(await pool.verify(pub, message, nodeSig)).toBe(false);
    const sm2Sig = await pool.sign(d, message);
    expect(clientVerify(pub, message, sm2Sig)).toBe(true);
    expect(crypto.verify('sm3', Buffer.from(message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(sm2Sig, 'hex'))).toBe(false);
  });
});
