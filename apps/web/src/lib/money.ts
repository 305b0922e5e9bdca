/**
 * Exact money and ratio arithmetic for forms: amounts are integer 分 (bigint), ratios integer ppm
 * (parts per million: 2% = 20000). Never a binary float on an amount; rounding is half up, the
 * same as the server (divRound in the quota service).
 */
import { fenToYuan, formatFen, formatRatioPpm } from '@benxi/shared';

const YUAN_RE = /^\d{1,13}(\.\d{1,2})?$/;
const PERCENT_RE = /^\d{1,3}(\.\d{1,4})?$/;
const PPM = 1_000_000n;

/** "400000.5" → 40000050n; null when it is not a non-negative amount with at most 2 decimals. */
export function parseYuan(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/,/g, '').trim();
  if (!YUAN_RE.test(s)) return null;
  const [i, f = ''] = s.split('.');
  return BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
}

/** "2" → 20000, "0.375" → 3750; null unless 0 < percent ≤ 100 with at most 4 decimals (the server's zPercent). */
export function parsePercent(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (!PERCENT_RE.test(s)) return null;
  const [i, f = ''] = s.split('.');
  const ppm = Number(i) * 10_000 + Number((f + '0000').slice(0, 4));
  return ppm > 0 && ppm <= 1_000_000 ? ppm : null;
}

/** round half up of a / b, for non-negative a and positive b */
export const divRound = (a: bigint, b: bigint): bigint => (a * 2n + b) / (2n * b);

/** 申请金额 from 预缴比例: contract × ratio, rounded half up to the 分. */
export const amountFromRatio = (contractFen: bigint, ppm: number): bigint => divRound(contractFen * BigInt(ppm), PPM);

/** 预缴比例 from 申请金额: applied / contract in ppm, rounded half up (as the server stores it). */
export const ratioFromAmount = (appliedFen: bigint, contractFen: bigint): number =>
  contractFen > 0n ? Number(divRound(appliedFen * PPM, contractFen)) : 0;

/** 20000 → "2.00" (the 预缴值 input, no % sign). */
export const ppmToPercentInput = (ppm: number): string => formatRatioPpm(ppm).slice(0, -1);

/** 40000050n → "400000.50" (what the API takes). */
export const fenToInput = (fen: bigint): string => fenToYuan(fen);

/** 40000050n → "400,000.50" */
export const showFen = (fen: bigint): string => formatFen(fen);

/** "400000.5" → "400,000.50"; '-' when empty, the raw text when it is not an amount. */
export function showYuan(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '-';
  const fen = parseYuan(amount);
  return fen === null ? amount : formatFen(fen);
}

/**
 * InputNumber formatter for amounts: thousands separators in the integer part only, and two
 * decimals once the user has stopped typing (20000000.5 → 20,000,000.50).
 */
export function formatAmountInput(v: string | number | undefined, info: { userTyping: boolean }): string {
  if (v === undefined || v === '') return '';
  const [i, f] = String(v).split('.');
  const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (info.userTyping) return f === undefined ? grouped : `${grouped}.${f}`;
  return `${grouped}.${((f ?? '') + '00').slice(0, 2)}`;
}

export const parseAmountInput = (v: string | undefined): string => (v ?? '').replace(/,/g, '');
