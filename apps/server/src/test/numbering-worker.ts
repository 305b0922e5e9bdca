/**
 * A second (and third) process for the numbering test (platform/documents/documents.test.ts): takes
 * `n` numbers of one kind and year in concurrent transactions on the database at `url`, every fifth
 * one rolled back, and prints the numbers it kept as JSON.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { nextDocumentNumber } from '../platform/documents/numbering';

const [url, count, at] = process.argv.slice(2);
const database = await openDatabase({ url: url!, poolSize: 4 });
const kept: number[] = [];
await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
    try {
      const seq = await database.db.transaction(async (tx) => {
        const n = await nextDocumentNumber(tx, 'return_confirmation', new Date(at!));
        await tx.execute(sql`select pg_sleep(0.005)`);
        if (i % 5 === 4) throw new Error('rolled back');
        return n.seq;
      });
      kept.push(seq);
    } catch {
      /* the rolled-back ones */
    }
  }),
);
process.stdout.write(JSON.stringify(kept));
await database.close();
process.exit(0);
