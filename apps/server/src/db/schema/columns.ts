import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

/** Column helpers shared by the per-module schema files. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** `in ('a', 'b', …)` of a workflow's state codes: the CHECK of its status column (migration 0015, ADR 017). */
export const oneOf = (codes: readonly string[]) => sql.raw(`in (${codes.map((c) => `'${c}'`).join(', ')})`);
