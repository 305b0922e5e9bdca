import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../clock';

/**
 * Document numbers (docs/decisions/028): unique and gap-free per kind and per year, e.g.
 * 本人社返〔2026〕第 000123 号. One counter row per (kind, year) in `document_counters` (migration
 * 0022), incremented by `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the transaction of the
 * decision that issues the document: the row stays locked until that transaction ends, so a second
 * decision in any process waits for it and takes the next number; a decision that rolls back takes
 * its number back with it (no gap). Keep the call late in the transaction (just before the audit
 * row): the lock is held until the commit.
 *
 * A new kind: add it here (code → prefix and label). No migration: the table takes any kind.
 */
export const DOCUMENT_KINDS = {
  /** 《工资保证金返还（销户）确认书》 (issue 13): 本人社返〔2026〕第 000123 号 */
  return_confirmation: { prefix: '本人社返', label: '工资保证金返还（销户）确认书' },
  // issue 14 (helper U): 《农民工工资保证金支付通知书》 of a deposit use
  use_notice: { prefix: '本人社付', label: '农民工工资保证金支付通知书' },
} as const satisfies Record<string, { prefix: string; label: string }>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export interface DocumentNumber {
  kind: DocumentKind;
  /** the Beijing calendar year of the decision */
  year: number;
  /** 1, 2, 3 … within (kind, year) */
  seq: number;
  /** 本人社返〔2026〕第 000123 号 */
  text: string;
}

export function formatDocumentNumber(kind: DocumentKind, year: number, seq: number): string {
  return `${DOCUMENT_KINDS[kind].prefix}〔${year}〕第 ${String(seq).padStart(6, '0')} 号`;
}

/** Takes the next number of `kind` for the Beijing year of `at`, inside the caller's transaction. */
export async function nextDocumentNumber(tx: Tx, kind: DocumentKind, at: Date): Promise<DocumentNumber> {
  if (!(kind in DOCUMENT_KINDS)) throw new Error(`unknown document kind ${kind}`);
  const year = Number(shanghaiDate(at).slice(0, 4));
  const res = await tx.execute<{ last_seq: number }>(sql`
    insert into document_counters (kind, year, last_seq, updated_at) values (${kind}, ${year}, 1, ${at})
    on conflict (kind, year) do update set last_seq = document_counters.last_seq + 1, updated_at = excluded.updated_at
    returning last_seq`);
  const seq = Number((res as unknown as { rows: Array<{ last_seq: number }> }).rows[0]!.last_seq);
  return { kind, year, seq, text: formatDocumentNumber(kind, year, seq) };
}
