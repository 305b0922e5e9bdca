/**
 * The open API's load for bench/open.ts, in a process of its own so that its requests do not share
 * an event loop with the /api/me load generator (whose latencies would then include the driver's).
 * `tsx bench/open-driver.ts <url> <connections> <seconds> <signed>`: signs `<signed>` requests first,
 * prints READY, drives them, prints the Stat as JSON on the last line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type autocannon from 'autocannon';
import { newNonce, signRequest } from '../tools/open-client/signer';
import { httpLoad } from './lib/load';
import { ROOT } from './lib/server';

const [url, connections, seconds, count, pid] = process.argv.slice(2);
const EVENTS = '/api/open/v1/events?after=0';
const key = fs.readFileSync(path.join(ROOT, 'tools/open-client/demo-keys/bank.private.hex'), 'utf8').trim();
const signed: Record<string, string>[] = [];
for (let i = 0; i < Number(count); i++) signed.push(signRequest({ method: 'GET', path: EVENTS, appId: 'bx_demobank000000000000', privateKey: key, nonce: newNonce() }));
let next = 0;
const request: autocannon.Request = {
  method: 'GET',
  path: EVENTS,
  setupRequest: (req) => {
    if (next >= signed.length) throw new Error(`the open driver ran out of pre-signed requests (${count})`);
    return { ...req, headers: { ...(req.headers ?? {}), ...signed[next++]! } };
  },
};
console.log('READY');
const stat = await httpLoad({ url: url!, requests: [request], connections: Number(connections), durationSec: Number(seconds), pids: pid ? [Number(pid)] : undefined });
console.log(JSON.stringify(stat));
