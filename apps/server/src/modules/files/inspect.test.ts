import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CANVAS_PNG_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../../test/harness';
import { inspectorFor, JPEG_INVALID, PDF_ACTIVE_CONTENT, PDF_UNCHECKABLE, PNG_INVALID } from './inspect';

/** The verdict on a file fed in one piece, and byte by byte (every chunk boundary). */
function inspect(mime: string, file: Buffer): string | null {
  const whole = inspectorFor(mime);
  whole.push(file);
  const verdict = whole.finish();
  const bytewise = inspectorFor(mime);
  for (let i = 0; i < file.length; i++) bytewise.push(file.subarray(i, i + 1));
  expect(bytewise.finish(), 'byte-by-byte verdict').toBe(verdict);
  return verdict;
}
const pdf = (body: string | Buffer) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n')]);
const catalog = (extra: string) => `1 0 obj << /Type /Catalog /Pages 2 0 R ${extra} >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj`;
const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`5 0 obj << ${dict} /Length ${data.length} >>\nstream\r\n`), data, Buffer.from('\nendstream\nendobj\n')]);
/** An object stream holding `objects` (what PDF 1.5 writers compress the dictionaries into). */
const objStm = (objects: string, extra = '/Filter /FlateDecode') => {
  const header = '3 0 ';
  const data = extra.includes('FlateDecode') ? zlib.deflateSync(Buffer.from(header + objects)) : Buffer.from(header + objects);
  return stream(`/Type /ObjStm /N 1 /First ${header.length} ${extra}`, data);
};

describe('PDF content check', () => {
  it('accepts plain PDFs, an /OpenAction that only opens a page, links, and binary streams that happen to contain /JS', () => {
    expect(inspect('application/pdf', PDF_BYTES)).toBeNull();
    expect(inspect('application/pdf', pdf(catalog('/OpenAction [3 0 R /Fit] /PageMode /UseOutlines')))).toBeNull();
    expect(inspect('application/pdf', pdf(catalog('/URI (https://example.com/a/JS) /Title (JavaScript tutorial)')))).toBeNull();
    const image = Buffer.concat([Buffer.from([0x78, 0x9c, 0xff]), Buffer.from('/JS /AA /XFA'), Buffer.alloc(4096, 7)]);
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), stream('/Subtype /Image /Filter /DCTDecode', image)])))).toBeNull();
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< /Type /Page /Parent 2 0 R >>')])))).toBeNull();
  });

  it('refuses JavaScript run on opening, in an additional action, a launch action and embedded files', () => {
    expect(inspect('application/pdf', pdf(catalog('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/AA << /WC << /S /JavaScript /JS 9 0 R >> >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/OpenAction<</S/Launch/F(cmd.exe)>>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/Names << /EmbeddedFiles << /Names [(a.exe) 7 0 R] >> >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(`7 0 obj << /Type /EmbeddedFile /Length 3 >>\nstream\nMZ\x90\nendstream endobj`))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/AcroForm << /XFA 8 0 R >>')))).toBe(PDF_ACTIVE_CONTENT);
  });

  it('sees through #xx escapes in names', () => {
    expect(inspect('application/pdf', pdf(catalog('/OpenAction << /S /J#61vaScript /J#53 (x) >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/OpenAction << /S /#4a#53 (x) >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/OpenAction << /S /L#61unch >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(catalog('/Names << /Embedded#46iles 4 0 R >>')))).toBe(PDF_ACTIVE_CONTENT);
  });

  it('is not fooled by a string or comment that says "stream", nor by a stream that ends early', () => {
    expect(inspect('application/pdf', pdf(catalog('/Title (stream) /OpenAction << /JS (x) >>')))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(`% stream\n${catalog('/OpenAction << /JS (x) >>')}`))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(`5 0 obj << /Length 999 >>\nstream\nabc\nendstream endobj\n${catalog('/OpenAction << /JS (x) >>')}`))).toBe(PDF_ACTIVE_CONTENT);
    // a long name is refused even inside stream data and strings
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), stream('/Length 10', Buffer.from('/JavaScript'))])))).toBe(PDF_ACTIVE_CONTENT);
  });

  it('looks inside compressed object streams, and refuses one it cannot read', () => {
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< /S /JavaScript /JS (app.alert(1)) >>')])))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< /S /#4A#53 (x) >>')])))).toBe(PDF_ACTIVE_CONTENT);
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< /JS (x) >>', '')])))).toBe(PDF_ACTIVE_CONTENT);
    // an object stream whose /Type is hidden is still one (readers go by /First and /N)
    const hidden = zlib.deflateSync(Buffer.from('3 0 << /JS (x) >>'));
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), stream('/Type 9 0 R /N 1 /F#69rst 4 /Filter /FlateDecode', hidden)])))).toBe(PDF_ACTIVE_CONTENT);
    // encrypted (does not inflate), another filter, a predictor
    const junk = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73 + 11) % 256));
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('/Encrypt 9 0 R')), stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', junk)])))).toBe(PDF_UNCHECKABLE);
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< >>', '/Filter [/ASCIIHexDecode /FlateDecode]')])))).toBe(PDF_UNCHECKABLE);
    expect(inspect('application/pdf', pdf(Buffer.concat([Buffer.from(catalog('')), objStm('<< >>', '/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>')])))).toBe(PDF_UNCHECKABLE);
  });

  it('checks 100 MB quickly, streaming', () => {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
    const ins = inspectorFor('application/pdf');
    const t0 = performance.now();
    ins.push(Buffer.from(`%PDF-1.4\n${catalog('')}\n5 0 obj << /Subtype /Image /Filter /FlateDecode /Length 104857600 >>\nstream\n`));
    for (let i = 0; i < 50; i++) ins.push(chunk);
    ins.push(Buffer.from('\nendstream endobj\n'));
    for (let i = 0; i < 50; i++) ins.push(Buffer.alloc(chunk.length, 0x20));
    expect(ins.finish()).toBeNull();
    const ms = performance.now() - t0;
    console.log(`PDF check of 100 MB: ${ms.toFixed(0)} ms`);
    // 1.3 s measured at load average 16 on 2 cores (docs/decisions/015); the bound catches a quadratic slip, not a busy CI
    expect(ms).toBeLessThan(30_000);
  });
});

describe('image content check', () => {
  it('accepts real PNG and JPEG files', () => {
    expect(inspect('image/png', PNG_BYTES)).toBeNull();
    expect(inspect('image/png', CANVAS_PNG_BYTES)).toBeNull();
    expect(inspect('image/jpeg', JPEG_BYTES)).toBeNull();
  });

  it('refuses a PNG header followed by HTML, data after IEND, a bad CRC, a missing IEND', () => {
    const sig = PNG_BYTES.subarray(0, 8);
    expect(inspect('image/png', Buffer.concat([sig, Buffer.from('<html><script>alert(document.cookie)</script></html>')]))).toBe(PNG_INVALID);
    expect(inspect('image/png', Buffer.concat([PNG_BYTES, Buffer.from('<script>alert(1)</script>')]))).toBe(PNG_INVALID);
    const badCrc = Buffer.from(PNG_BYTES);
    badCrc[29] = badCrc[29]! ^ 1; // IHDR's CRC
    expect(inspect('image/png', badCrc)).toBe(PNG_INVALID);
    expect(inspect('image/png', PNG_BYTES.subarray(0, PNG_BYTES.length - 12))).toBe(PNG_INVALID);
    expect(inspect('image/png', sig)).toBe(PNG_INVALID);
  });

  it('refuses a JPEG header followed by HTML, data after EOI, a truncated file, a scan without a frame', () => {
    expect(inspect('image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0<html><script>alert(1)</script>')]))).toBe(JPEG_INVALID);
    expect(inspect('image/jpeg', Buffer.concat([JPEG_BYTES, Buffer.from('<html></html>')]))).toBe(JPEG_INVALID);
    expect(inspect('image/jpeg', JPEG_BYTES.subarray(0, JPEG_BYTES.length - 2))).toBe(JPEG_INVALID);
    expect(inspect('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x3f, 0xff, 0xd9]))).toBe(JPEG_INVALID);
    expect(inspect('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBe(JPEG_INVALID);
  });
});
