import crypto from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { sm2, sm3 } from 'sm-crypto-v2';
import run from './worker.mjs';

/**
 * SM2 with SM3 (GB/T 32918, GM/T 0009 default user id 1234567812345678, signatures r‖s in hex) for
 * the open API (docs/decisions/021). Verifications and signatures run in a pool of worker threads
 * (tinypool) so that the event loop serving portal users never waits for one; `threads: 0` runs
 * them inline (the bench's comparison, and a fallback where workers cannot start).
 */
export interface Sm2Pool {
  verify(publicKey: string, message: string, signature: string): Promise<boolean>;
  sign(privateKey: string, message: string): Promise<string>;
  readonly threads: number;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/** One thread fewer than the machine has cores (the event loop keeps one), at least 1, at most 4. */
export function defaultSm2Threads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function createSm2Pool(opts: { threads: number }): Sm2Pool {
  if (opts.threads <= 0) {
    return {
      threads: 0,
      verify: async (publicKey, message, signature) => run({ op: 'verify', publicKey, message, signature }),
      sign: async (privateKey, message) => run({ op: 'sign', privateKey, message }),
      close: async () => {},
    };
  }
  // started at the first use: a process (or a test) that never sees an open API call starts no thread
  let pool: Tinypool | null = null;
  const started = () =>
    (pool ??= new Tinypool({
      filename: WORKER,
      minThreads: opts.threads,
      maxThreads: opts.threads,
      // the workers hold each client's precomputed public key: keep them
      idleTimeout: 0,
      // the worker is plain JavaScript: it needs none of the parent's loaders or profilers
      execArgv: [],
    }));
  return {
    threads: opts.threads,
    verify: (publicKey, message, signature) => started().run({ op: 'verify', publicKey, message, signature }) as Promise<boolean>,
    sign: (privateKey, message) => started().run({ op: 'sign', privateKey, message }) as Promise<string>,
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SM3 and keys: cheap, on the calling thread

const NATIVE_SM3 = crypto.getHashes().includes('sm3');

/** SM3 fed chunk by chunk (a 28 MB body is hashed as it arrives, never in one blocking call). */
export function createSm3(): { update(chunk: Uint8Array): void; hex(): string } {
  if (NATIVE_SM3) {
    const h = crypto.createHash('sm3');
    return { update: (c) => void h.update(c), hex: () => h.digest('hex') };
  }
  const parts: Uint8Array[] = [];
  return { update: (c) => void parts.push(c), hex: () => sm3(Buffer.concat(parts)) };
}

export function sm3Hex(data: Uint8Array | string): string {
  const h = createSm3();
  h.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return h.hex();
}

const CURVE_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/** An uncompressed SM2 public key (`04` + x + y, 130 hex digits) that is a point on the curve. */
export function isSm2PublicKey(hex: string): boolean {
  if (!/^04[0-9a-fA-F]{128}$/.test(hex)) return false;
  try {
    return sm2.verifyPublicKey(hex.toLowerCase());
  } catch {
    return false;
  }
}

/** A private key: 64 hex digits, 1 ≤ d ≤ n − 2 (GB/T 32918.1: d ∈ [1, n−2]). */
export function isSm2PrivateKey(hex: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const d = BigInt(`0x${hex}`);
  return d >= 1n && d <= CURVE_N - 2n;
}

export const publicKeyOf = (privateKey: string): string => sm2.getPublicKeyFromPrivateKey(privateKey.toLowerCase());
export const generateSm2KeyPair = (): { privateKey: string; publicKey: string } => sm2.generateKeyPairHex();
