/**
 * The bank's or insurer's side of the open API's signatures (SPEC §13), written from the contract
 * alone: it imports nothing of the server (apps/server), so a mistake on one side cannot cancel out
 * the same mistake on the other. Tests sign with this module, never with the server's code.
 *
 * - SM2 with SM3, the GM/T 0009 default user id 1234567812345678, signature r‖s as 128 hex digits;
 * - request: METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(SM3(raw body));
 * - response: STATUS \n X-Bx-Timestamp \n hex(SM3(raw body)), by the platform's key.
 *
 * SM3 here is sm-crypto-v2's (the server uses Node's OpenSSL one): two implementations.
 */
import crypto from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';

export const USER_ID = '1234567812345678';

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/** A new SM2 key pair: the private key (64 hex digits) stays with the bank; the public key (04…) goes to the platform. */
export function generateKeyPair(): KeyPair {
  return sm2.generateKeyPairHex();
}

export function publicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey.trim().toLowerCase());
}

export function sm3Hex(body: Uint8Array | string): string {
  return sm3(typeof body === 'string' ? new TextEncoder().encode(body) : body);
}

/** 32 characters of [A-Za-z0-9-]: within 16–64, different for every request. */
export function newNonce(): string {
  return crypto.randomBytes(24).toString('base64url').replace(/_/g, '-').slice(0, 32);
}

export function requestStringToSign(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Uint8Array | string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${sm3Hex(body)}`;
}

export function sign(privateKey: string, message: string, publicKey = publicKeyOf(privateKey)): string {
  return sm2.doSignature(message, privateKey.trim().toLowerCase(), { hash: true, publicKey, userId: USER_ID });
}

export function verify(publicKey: string, message: string, signature: string): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return false;
  try {
    return sm2.doVerifySignature(message, signature, publicKey, { hash: true, userId: USER_ID });
  } catch {
    return false;
  }
}

export interface SignOptions {
  method: string;
  /** the request target exactly as it will be sent: path and query string */
  path: string;
  /** the raw body bytes as they will be sent (JSON text); none for a GET */
  body?: Uint8Array | string;
  appId: string;
  privateKey: string;
  /** default: derived from the private key */
  publicKey?: string;
  /** Unix milliseconds; default now */
  timestamp?: number | string;
  nonce?: string;
}

/** The four headers of a signed request. */
export function signRequest(o: SignOptions): Record<'x-bx-app-id' | 'x-bx-timestamp' | 'x-bx-nonce' | 'x-bx-signature', string> {
  const timestamp = String(o.timestamp ?? Date.now());
  const nonce = o.nonce ?? newNonce();
  const message = requestStringToSign(o.method, o.path, timestamp, nonce, o.body ?? '');
  return {
    'x-bx-app-id': o.appId,
    'x-bx-timestamp': timestamp,
    'x-bx-nonce': nonce,
    'x-bx-signature': sign(o.privateKey, message, o.publicKey),
  };
}

/** Whether a response really comes from the platform: its signature over status, timestamp and body. */
export function verifyResponse(o: { status: number; timestamp: string | undefined; signature: string | undefined; body: Uint8Array | string; platformPublicKey: string }): boolean {
  if (!o.timestamp || !o.signature) return false;
  return verify(o.platformPublicKey, `${o.status}\n${o.timestamp}\n${sm3Hex(o.body)}`, o.signature);
}
