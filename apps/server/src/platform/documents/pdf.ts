import fs from 'node:fs';
import zlib from 'node:zlib';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { formatFen } from '@benxi/shared';

/**
 * The platform's PDF documents (docs/decisions/028): pdfkit with Noto Sans SC (SIL OFL 1.1), the
 * font files committed beside this module (fonts/, the "chinese-simplified" subset of 7,947
 * characters: GB 2312 and the common ones, ASCII and the CJK punctuation), so a fresh checkout
 * renders Chinese without any system font. pdfkit embeds only the glyphs a document uses.
 *
 *   const pdf = await renderPdf({ title: '工资保证金返还（销户）确认书', at: decidedAt }, (d) => {
 *     d.title('工资保证金返还（销户）确认书');
 *     d.number('本人社返〔2026〕第 000123 号');
 *     d.fields([['工程名称', name], ['保证金金额（元）', formatAmount(fen)]]);
 *     d.table({ columns: [{ header: '方式', width: 2 }, { header: '金额（元）', width: 1, align: 'right' }], rows });
 *     d.paragraph('……');
 *     d.signature(['本溪市人力资源和社会保障局', '2026-12-02']);
 *   });
 *   reply.type('application/pdf').header('content-disposition', attachmentHeader('确认书.pdf')).send(pdf);
 */

const FONT_DIR = new URL('./fonts/', import.meta.url);

/**
 * WOFF 1.0 → the sfnt (TrueType) it wraps: each table inflated once. fontkit reads a WOFF table by
 * inflating it on every access (1–2 s per document for this font); the sfnt makes it milliseconds.
 */
export function woffToSfnt(w: Buffer): Buffer {
  if (w.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = w.readUInt32BE(4);
  const numTables = w.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + i * 20;
    const offset = w.readUInt32BE(o + 4);
    const compLength = w.readUInt32BE(o + 8);
    const origLength = w.readUInt32BE(o + 12);
    const raw = w.subarray(offset, offset + compLength);
    tables.push({ tag: w.readUInt32BE(o), checksum: w.readUInt32BE(o + 16), data: compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw) });
  }
  let selector = 0;
  while (1 << (selector + 1) <= numTables) selector++;
  const searchRange = (1 << selector) * 16;
  const head = Buffer.alloc(12 + 16 * numTables);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(selector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    head.writeUInt32BE(t.tag, o);
    head.writeUInt32BE(t.checksum, o + 4);
    head.writeUInt32BE(offset, o + 8);
    head.writeUInt32BE(t.data.length, o + 12);
    const pad = (4 - (t.data.length % 4)) % 4;
    parts.push(t.data, Buffer.alloc(pad));
    offset += t.data.length + pad;
  });
  return Buffer.concat(parts);
}

/** The two faces, parsed once per process and shared by every document (pdfkit takes a fontkit font). */
let fonts: { regular: fontkit.Font; bold: fontkit.Font } | undefined;
function loadFonts() {
  const open = (file: string) => fontkit.create(woffToSfnt(fs.readFileSync(new URL(file, FONT_DIR)))) as fontkit.Font;
  fonts ??= { regular: open('NotoSansSC-Regular-chinese-simplified.woff'), bold: open('NotoSansSC-Bold-chinese-simplified.woff') };
  return fonts;
}

/** Money in 分 → 2,600,000.00 (the form every document shows). */
export const formatAmount = (fen: number | bigint): string => formatFen(fen);

export interface PdfColumn {
  header: string;
  /** relative width (the columns share the page's width in proportion) */
  width?: number;
  align?: 'left' | 'right' | 'center';
}

export interface PdfTable {
  columns: PdfColumn[];
  rows: string[][];
}

export interface PdfWriter {
  /** the pdfkit document itself, for anything the helpers do not cover */
  readonly doc: PDFKit.PDFDocument;
  /** the document's title, bold and centred */
  title(text: string): void;
  /** the document number under the title, centred (本人社返〔2026〕第 000123 号) */
  number(text: string): void;
  /** a heading inside the document */
  heading(text: string): void;
  paragraph(text: string, opts?: { indent?: boolean; align?: 'left' | 'right' | 'center' | 'justify' }): void;
  /** label：value lines, labels aligned */
  fields(rows: Array<[label: string, value: string]>): void;
  /** a ruled table; it breaks across pages and repeats its header */
  table(table: PdfTable): void;
  /** right-aligned lines at the end (the issuing unit, the date) */
  signature(lines: string[]): void;
  space(lines?: number): void;
}

const MARGIN = 56;
const BODY = 11;

export interface PdfMeta {
  title: string;
  subject?: string;
  /** the document's date (its CreationDate): the decision's time, so the same input gives the same file */
  at: Date;
}

/** Builds one PDF in memory (A4) and answers its bytes. */
export async function renderPdf(meta: PdfMeta, build: (w: PdfWriter) => void): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: meta.title, Subject: meta.subject ?? meta.title, Author: '本溪建设工程农民工工资支付保证金管理服务平台', Producer: 'benxi-wage-deposit', Creator: 'benxi-wage-deposit', CreationDate: meta.at, ModDate: meta.at },
    bufferPages: false,
    autoFirstPage: true,
  });
  // pdfkit accepts a fontkit font where its types say a path or bytes
  doc.registerFont('cjk', f.regular as unknown as Buffer);
  doc.registerFont('cjk-bold', f.bold as unknown as Buffer);
  doc.font('cjk').fontSize(BODY);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = () => doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN;

  const w: PdfWriter = {
    doc,
    title(text) {
      doc.font('cjk-bold').fontSize(18).text(text, MARGIN, doc.y, { width: width(), align: 'center' });
      doc.font('cjk').fontSize(BODY).moveDown(0.5);
    },
    number(text) {
      doc.font('cjk').fontSize(BODY).text(text, MARGIN, doc.y, { width: width(), align: 'center' });
      doc.moveDown(1);
    },
    heading(text) {
      doc.moveDown(0.5);
      doc.font('cjk-bold').fontSize(12.5).text(text, MARGIN, doc.y, { width: width() });
      doc.font('cjk').fontSize(BODY).moveDown(0.3);
    },
    paragraph(text, opts = {}) {
      doc.font('cjk').fontSize(BODY).text(text, MARGIN, doc.y, {
        width: width(),
        align: opts.align ?? 'justify',
        indent: opts.indent === false ? 0 : BODY * 2,
        lineGap: 4,
      });
      doc.moveDown(0.5);
    },
    fields(rows) {
      const labelWidth = Math.min(width() * 0.4, Math.max(...rows.map(([l]) => doc.widthOfString(`${l}：`))) + 4);
      for (const [label, value] of rows) {
        const y = doc.y;
        const h = Math.max(doc.heightOfString(value || '-', { width: width() - labelWidth }), doc.currentLineHeight());
        if (y + h > bottom()) doc.addPage();
        const top = doc.y;
        doc.font('cjk').text(`${label}：`, MARGIN, top, { width: labelWidth, align: 'right' });
        doc.text(value || '-', MARGIN + labelWidth, top, { width: width() - labelWidth });
        doc.y = Math.max(doc.y, top + h) + 4;
      }
      doc.x = MARGIN;
      doc.moveDown(0.3);
    },
    table({ columns, rows }) {
      const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
      const widths = columns.map((c) => ((c.width ?? 1) / total) * width());
      const pad = 4;
      const heightOf = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'cjk-bold' : 'cjk');
        return Math.max(...cells.map((c, i) => doc.heightOfString(c || '-', { width: widths[i]! - pad * 2 }))) + pad * 2;
      };
      const drawRow = (cells: string[], bold: boolean) => {
        const h = heightOf(cells, bold);
        if (doc.y + h > bottom()) {
          doc.addPage();
          if (!bold) drawRow(columns.map((c) => c.header), true);
        }
        const top = doc.y;
        let x = MARGIN;
        if (bold) doc.rect(MARGIN, top, width(), h).fillColor('#f0f0f0').fill().fillColor('#000000');
        cells.forEach((c, i) => {
          doc.rect(x, top, widths[i]!, h).lineWidth(0.5).strokeColor('#555555').stroke();
          doc.font(bold ? 'cjk-bold' : 'cjk').text(c || '-', x + pad, top + pad, { width: widths[i]! - pad * 2, align: bold ? 'center' : (columns[i]!.align ?? 'left') });
          x += widths[i]!;
        });
        doc.y = top + h;
      };
      doc.fontSize(10);
      drawRow(columns.map((c) => c.header), true);
      for (const r of rows) drawRow(r, false);
      doc.font('cjk').fontSize(BODY);
      doc.x = MARGIN;
      doc.moveDown(0.8);
    },
    signature(lines) {
      doc.moveDown(1.5);
      for (const l of lines) doc.font('cjk').fontSize(BODY).text(l, MARGIN, doc.y, { width: width(), align: 'right', lineGap: 4 });
    },
    space(lines = 1) {
      doc.moveDown(lines);
    },
  };

  build(w);
  doc.end();
  return done;
}

/** Content-Disposition for a download with a Chinese file name: the one of platform/excel.ts. */
export { attachmentHeader } from '../excel';
