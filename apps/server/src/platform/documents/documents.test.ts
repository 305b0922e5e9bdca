import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, usingPostgres, type TestContext } from '../../test/harness';
import { pdfText } from '../../test/pdf';
import { formatAmount, formatDocumentNumber, nextDocumentNumber, renderPdf } from './index';

describe('PDF documents (ADR 028)', () => {
  it('formats amounts as 2,600,000.00', () => {
    expect(formatAmount(260000000n)).toBe('2,600,000.00');
    expect(formatAmount(5)).toBe('0.05');
    expect(formatAmount(123456789012n)).toBe('1,234,567,890.12');
  });

  it('renders Chinese text, amounts, the number and a table that a reader extracts', async () => {
    const number = formatDocumentNumber('return_confirmation', 2026, 123);
    expect(number).toBe('本人社返〔2026〕第 000123 号');
    const rows = Array.from({ length: 60 }, (_, i) => [`保函${i + 1}`, '中国工商银行本溪分行', formatAmount(BigInt(i + 1) * 100_000_00n)]);
    const pdf = await renderPdf({ title: '工资保证金返还（销户）确认书', at: new Date('2026-12-02T02:00:00Z') }, (d) => {
      d.title('工资保证金返还（销户）确认书');
      d.number(number);
      d.fields([
        ['工程名称', '本溪市平山区滨河路综合管廊建设工程'],
        ['统一社会信用代码', '91210500MA0Y4XXXXA'],
        ['保证金金额（元）', formatAmount(260000000n)],
      ]);
      d.heading('保证金缴纳方式');
      d.table({ columns: [{ header: '凭证', width: 1 }, { header: '出具机构', width: 2 }, { header: '金额（元）', width: 1, align: 'right' }], rows });
      d.paragraph('经审核，该工程项目无拖欠农民工工资情况，同意返还工资保证金。');
      d.signature(['本溪市人力资源和社会保障局', '2026年12月02日']);
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('工资保证金返还（销户）确认书');
    expect(text).toContain('本人社返〔2026〕第 000123 号');
    expect(text).toContain('本溪市平山区滨河路综合管廊建设工程');
    expect(text).toContain('2,600,000.00');
    expect(text).toContain('91210500MA0Y4XXXXA');
    expect(text).toContain('6,000,000.00'); // the last table row, on a later page
    expect(text).toContain('本溪市人力资源和社会保障局');
    // the font is embedded (subset), not one of the machine's
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC/);
    expect(fonts.split('\n').slice(2).filter(Boolean).every((l) => /\syes\s+yes\s/.test(l))).toBe(true);
    // only the glyphs used are embedded: far below the 1.5 MB font
    expect(pdf.length).toBeLessThan(400_000);
    expect(text.split('\f').length).toBeGreaterThan(2); // the table went on to a second page
  });
});

describe('document numbering (ADR 028)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());
  const db = () => ctx.database.db;
  const at = new Date('2026-06-01T04:00:00Z');

  it('counts per kind and per Beijing year, from 1', async () => {
    const a = await db().transaction((tx) => nextDocumentNumber(tx, 'return_confirmation', at));
    const b = await db().transaction((tx) => nextDocumentNumber(tx, 'return_confirmation', at));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(b.text).toBe('本人社返〔2026〕第 000002 号');
    // 2026-12-31T16:00Z is already 2027-01-01 in Beijing
    const c = await db().transaction((tx) => nextDocumentNumber(tx, 'return_confirmation', new Date('2026-12-31T16:00:00Z')));
    expect(c.text).toBe('本人社返〔2027〕第 000001 号');
  });

  it('a decision that rolls back gives its number back (no gap)', async () => {
    await expect(
      db().transaction(async (tx) => {
        await nextDocumentNumber(tx, 'return_confirmation', at);
        throw new Error('decision refused');
      }),
    ).rejects.toThrow('decision refused');
    const next = await db().transaction((tx) => nextDocumentNumber(tx, 'return_confirmation', at));
    expect(next.seq).toBe(3);
  });

  it('concurrent transactions get distinct consecutive numbers; one that rolls back leaves no gap', async () => {
    const year = 2030;
    const when = new Date(`${year}-03-01T04:00:00Z`);
    const n = 12;
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        db().transaction(async (tx) => {
          const num = await nextDocumentNumber(tx, 'return_confirmation', when);
          // hold the counter's lock a while, as a decision does until its commit
          await tx.execute(sql`select pg_sleep(0.02)`);
          if (i % 4 === 3) throw new Error('rolled back');
          return num.seq;
        }),
      ),
    );
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])).sort((x, y) => x - y);
    expect(seqs).toHaveLength(n - n / 4);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const [row] = (await ctx.ownerQuery<{ last_seq: number }>(`select last_seq from document_counters where kind = 'return_confirmation' and year = $1`, [year])).rows;
    expect(Number(row!.last_seq)).toBe(seqs.length);
  });

  it.runIf(usingPostgres())('two processes taking numbers at once: every number once, no gap (PostgreSQL)', async () => {
    const [{ db: name }] = (await ctx.ownerQuery<{ db: string }>('select current_database() as db')).rows as [{ db: string }];
    const base = new URL(process.env.TEST_DATABASE_URL!);
    base.pathname = `/${name}`;
    const worker = fileURLToPath(new URL('../../test/numbering-worker.ts', import.meta.url));
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', worker, base.toString(), '20', '2033-04-01T04:00:00Z'], { timeout: 60_000 }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as number[]),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toHaveLength(16);
    expect(b).toHaveLength(16);
    const all = [...a, ...b].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  }, 90_000);

  it.runIf(usingPostgres())('two connections in parallel: the second waits for the first commit (PostgreSQL)', async () => {
    const when = new Date('2031-03-01T04:00:00Z');
    let firstHolds!: () => void;
    const holding = new Promise<void>((r) => (firstHolds = r));
    let releaseFirst!: () => void;
    const release = new Promise<void>((r) => (releaseFirst = r));
    const first = db().transaction(async (tx) => {
      const num = await nextDocumentNumber(tx, 'return_confirmation', when);
      firstHolds();
      await release;
      return num.seq;
    });
    await holding;
    let secondDone = false;
    const second = db()
      .transaction((tx) => nextDocumentNumber(tx, 'return_confirmation', when))
      .then((n) => {
        secondDone = true;
        return n.seq;
      });
    await new Promise((r) => setTimeout(r, 150));
    expect(secondDone).toBe(false); // blocked on the counter row
    releaseFirst();
    expect([await first, await second]).toEqual([1, 2]);
  });
});
