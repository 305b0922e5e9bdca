// SM2 signatures off the event loop (docs/decisions/021). Plain JavaScript so that it runs as it is
// in a worker thread under tsx, vitest and plain node alike (a worker does not inherit a TypeScript
// transform in every runner). Each task is one verification or one signature; tinypool runs it.
import { sm2 } from 'sm-crypto-v2';

/** n of the SM2 curve (GB/T 32918.5): r and s must lie in [1, n − 1]. */
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const HEX128 = /^[0-9a-fA-F]{128}$/;

/**
 * Public keys seen by this worker, with the curve point and its precomputed multiples (a verification
 * with them costs ~0.5 ms instead of ~3 ms on this machine). A few hundred clients at most; capped anyway.
 */
const points = new Map();
function pointOf(publicKey) {
  let p = points.get(publicKey);
  if (!p) {
    if (points.size >= 1000) points.clear();
    p = sm2.precomputePublicKey(publicKey);
    points.set(publicKey, p);
  }
  return p;
}

/** Private keys with their public key (the signer's Z needs it; deriving it costs a scalar multiplication). */
const publics = new Map();
function publicOf(privateKey) {
  let p = publics.get(privateKey);
  if (!p) {
    if (publics.size >= 16) publics.clear();
    p = sm2.getPublicKeyFromPrivateKey(privateKey);
    publics.set(privateKey, p);
  }
  return p;
}

/**
 * @param {{ op: 'verify', publicKey: string, message: string, signature: string } | { op: 'sign', privateKey: string, message: string }} task
 * @returns {boolean | string}
 */
export default function run(task) {
  if (task.op === 'sign') {
    return sm2.doSignature(task.message, task.privateKey, { hash: true, publicKey: publicOf(task.privateKey) });
  }
  if (task.op === 'verify') {
    const sig = task.signature;
    if (typeof sig !== 'string' || !HEX128.test(sig)) return false;
    const r = BigInt(`0x${sig.slice(0, 64)}`);
    const s = BigInt(`0x${sig.slice(64)}`);
    // the library does not check the ranges (GM/T 0003.2 §7.1 B1, B2)
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    try {
      return sm2.doVerifySignature(task.message, sig, pointOf(task.publicKey), { hash: true });
    } catch {
      return false;
    }
  }
  throw new Error(`unknown task ${String(task.op)}`);
}
