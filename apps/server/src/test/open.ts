/**
 * Test helpers for the open API (SPEC §13): an API client registered for an organisation, and calls
 * signed by the independent client (tools/open-client/signer.ts, never the server's code), with the
 * platform's response signature checked by that client too.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { apiClients } from '../db/schema/index';
import { generateKeyPair, newNonce, signRequest, verifyResponse, type KeyPair } from '../../../../tools/open-client/signer';
import type { TestContext } from './harness';

export interface TestApiClient extends KeyPair {
  id: string;
  appId: string;
  orgId: string;
}

let seq = 0;
/** An enabled API client of `orgId` (a bank or an insurer) with a fresh key pair, inserted directly. */
export async function buildApiClient(ctx: TestContext, orgId: string, opts: { enabled?: boolean; keys?: KeyPair } = {}): Promise<TestApiClient> {
  const keys = opts.keys ?? generateKeyPair();
  seq += 1;
  const appId = `bx_test${String(process.pid).padStart(7, '0').slice(-7)}${String(seq).padStart(6, '0')}`;
  const enabled = opts.enabled ?? true;
  const now = ctx.clock.now();
  const [row] = await ctx.database.db
    .insert(apiClients)
    .values({ appId, orgId, publicKey: keys.publicKey, enabled, createdAt: now, disabledAt: enabled ? null : now })
    .returning();
  return { ...keys, id: row!.id, appId, orgId };
}

export interface OpenCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the request target as sent (path and query) */
  url: string;
  /** JSON body (sent as its exact text) or raw text */
  body?: unknown;
  /** sign this body text instead of the one sent (a tampered body) */
  signedBody?: string;
  /** sign with this key instead of the client's (a wrong key) */
  privateKey?: string;
  timestamp?: number;
  nonce?: string;
  headers?: Record<string, string>;
}

/** The body text a call sends. */
export const bodyText = (body: unknown): string | undefined => (body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));

/** A call signed by the independent client, through app.inject. */
export async function openInject(ctx: TestContext, client: TestApiClient, call: OpenCall): Promise<LightMyRequestResponse> {
  const text = bodyText(call.body);
  const headers = signRequest({
    method: call.method,
    path: call.url,
    body: call.signedBody ?? text ?? '',
    appId: client.appId,
    privateKey: call.privateKey ?? client.privateKey,
    timestamp: call.timestamp ?? ctx.clock.now().getTime(),
    nonce: call.nonce ?? newNonce(),
  });
  const opts: InjectOptions = {
    method: call.method,
    url: call.url,
    headers: { ...headers, ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...(call.headers ?? {}) },
    ...(text !== undefined ? { payload: text } : {}),
  };
  return ctx.app.inject(opts);
}

const platformKeys = new WeakMap<TestContext, string>();
/** The platform's public key as a client learns it: GET /api/open/v1/platform-key. */
export async function platformPublicKey(ctx: TestContext): Promise<string> {
  let key = platformKeys.get(ctx);
  if (!key) {
    key = (await ctx.app.inject({ method: 'GET', url: '/api/open/v1/platform-key' })).json().publicKey as string;
    platformKeys.set(ctx, key);
  }
  return key;
}

/** Whether the answer carries the platform's valid signature (checked by the independent client). */
export async function signedByPlatform(ctx: TestContext, res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }): Promise<boolean> {
  return verifyResponse({
    status: res.statusCode,
    timestamp: res.headers['x-bx-timestamp'] as string | undefined,
    signature: res.headers['x-bx-signature'] as string | undefined,
    body: res.rawPayload,
    platformPublicKey: await platformPublicKey(ctx),
  });
}
