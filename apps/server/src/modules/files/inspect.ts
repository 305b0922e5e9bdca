/**
 * Content checks beyond the first bytes (docs/decisions/015), fed chunk by chunk as the upload streams
 * to disk, so a 100 MB file is never held in memory:
 *  - PDF: no JavaScript (/JavaScript, /JS), launch actions (/Launch), embedded files (/EmbeddedFile,
 *    /EmbeddedFiles), Flash (/RichMedia) or XFA forms (which carry scripts). Names are compared after
 *    #xx escapes are decoded (/J#61vaScript is /JavaScript). Object streams (a stream with /First,
 *    where readers find compressed objects) are inflated and scanned the same way; one that cannot be
 *    checked (encrypted, an unusual filter or predictor, oversized) is refused.
 *  - PNG: the chunk structure: IHDR first with sane values, every chunk's CRC, IDAT present, IEND last
 *    and nothing after it.
 *  - JPEG: SOI, well-formed segments with a frame header (SOFn) before the first scan (SOS), entropy
 *    data, and EOI as the last two bytes.
 * Each inspector answers null (fine) or the reason for refusing, in Chinese, saying what to do.
 */
import zlib from 'node:zlib';

export interface Inspector {
  push(chunk: Buffer): void;
  /** null when the file is acceptable, else the message for the user */
  finish(): string | null;
}

export const PDF_ACTIVE_CONTENT =
  'PDF 文件含有脚本、自动执行的动作或内嵌文件，出于安全原因不能上传；请用扫描件或“打印为 PDF”重新生成一份普通 PDF 后再上传';
export const PDF_UNCHECKABLE =
  'PDF 文件已加密或使用了无法检查的压缩方式，不能上传；请取消密码保护或用“打印为 PDF”另存为普通 PDF 后再上传';
export const PNG_INVALID = '图片内容不是完整有效的 PNG 图片（文件已损坏或夹带了其他内容）；请重新导出或截图保存为 PNG/JPG 后再上传';
export const JPEG_INVALID =
  '图片内容不是完整有效的 JPG 图片（文件已损坏或在图片后附带了其他内容，如“动态照片”）；请重新导出或截图保存为 JPG/PNG 后再上传';

/** Names refused wherever they occur, even inside a stream or string: too long to appear by chance. */
const DENY_ANYWHERE = new Set(['JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia']);
/** Names refused where the reader interprets them (dictionaries, object streams). */
const DENY_IN_OBJECTS = new Set([...DENY_ANYWHERE, 'JS', 'XFA']);
const FLATE = new Set(['FlateDecode', 'Fl']);
const FILTERS = new Set([
  'ASCIIHexDecode', 'AHx', 'ASCII85Decode', 'A85', 'LZWDecode', 'LZW', 'RunLengthDecode', 'RL',
  'CCITTFaxDecode', 'CCF', 'JBIG2Decode', 'DCTDecode', 'DCT', 'JPXDecode', 'Crypt',
]);
const OBJSTM_RAW_MAX = 16 * 1024 * 1024;
const OBJSTM_INFLATED_MAX = 64 * 1024 * 1024;
const OBJSTM_INFLATED_TOTAL_MAX = 256 * 1024 * 1024;

// byte classes (PDF 32000-1 §7.2.2): 1 whitespace, 2 delimiter, 0 regular
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const hexValue = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1);

const enum S {
  Normal,
  Comment,
  String,
  StreamEol,
  Stream,
}
const ENDSTREAM = Buffer.from('endstream');
const NAME_MAX = 64;
const WORD_MAX = 16;

/**
 * A streaming PDF tokenizer just deep enough for the check: names (with #xx decoded), comments,
 * literal strings (nesting and escapes), the keywords obj / endobj / stream, and stream data up to
 * the first `endstream` (the earliest end any reader could take).
 */
class PdfScanner {
  refused: string | null = null;
  private state = S.Normal;
  private strDepth = 0;
  private strEscape = false;
  // the name being read (in any state), as decoded bytes
  private inName = false;
  private nameInObjects = false;
  private name = Buffer.alloc(NAME_MAX);
  private nameLen = 0;
  private hex = 0; // 0: none, 1: after '#', 2: after '#' and one digit
  private hexHi = 0;
  private hexFirst = 0;
  // the keyword being read in the Normal state
  private word = '';
  // what the current object's dictionary said about its stream
  private firstKey = false;
  private flate = false;
  private otherFilter = false;
  private decodeParms = false;
  // stream data
  private endMatch = 0;
  private objStm: Buffer[] | null = null;
  private objStmBytes = 0;
  private inflatedTotal = 0;
  private prevCr = false;

  constructor(private readonly nested = false) {}

  push(buf: Buffer): void {
    if (this.refused) return;
    const n = buf.length;
    // start of this chunk's stream data when collecting an object stream
    let streamFrom = this.state === S.Stream ? 0 : -1;
    let nextEnd = -1; // where the next `endstream` starts in this chunk (n: nowhere), once looked up
    for (let i = 0; i < n; i++) {
      if (this.refused) return;
      // fast paths: stream data up to the next '/' or `endstream` (native search), runs of whitespace
      if (!this.inName) {
        if (this.state === S.Stream && this.endMatch === 0) {
          if (nextEnd < i) {
            const e = buf.indexOf(ENDSTREAM, i);
            nextEnd = e < 0 ? n : e;
          }
          let target = buf.indexOf(0x2f, i);
          if (target < 0 || target > nextEnd) target = nextEnd;
          // no end in this chunk: the last bytes may begin one that the next chunk completes
          if (target === n) target = Math.max(i, n - ENDSTREAM.length + 1);
          i = target;
          if (i >= n) break;
        } else if (this.state === S.Normal && this.word === '' && CLASS[buf[i]!] === 1) {
          while (i < n && CLASS[buf[i]!] === 1) i++;
          if (i >= n) break;
        }
      }
      const c = buf[i]!;
      const cls = CLASS[c]!;
      // names are tracked in every state: DENY_ANYWHERE applies inside streams and strings too
      if (this.inName) {
        if (cls === 0) {
          this.nameByte(c);
          if (this.state === S.Normal) continue;
        } else {
          this.endName();
          if (this.refused) return;
        }
      }
      if (c === 0x2f /* / */) {
        this.inName = true;
        this.nameInObjects = this.state === S.Normal;
        this.nameLen = 0;
        this.hex = 0;
        if (this.state === S.Normal) {
          this.endWord();
          continue;
        }
      }
      switch (this.state) {
        case S.Normal:
          if (cls === 0) {
            if (this.word.length < WORD_MAX) this.word += String.fromCharCode(c);
            continue;
          }
          this.endWord();
          if ((this.state as S) === S.StreamEol) {
            // `stream` is followed by CRLF or LF (readers skip the rest of the line)
            if (c === 0x0a) this.startStream();
            else if (c === 0x0d) this.prevCr = true;
            if ((this.state as S) === S.Stream) streamFrom = i + 1;
            continue;
          }
          if (c === 0x25 /* % */) this.state = S.Comment;
          else if (c === 0x28 /* ( */) {
            this.state = S.String;
            this.strDepth = 1;
            this.strEscape = false;
          }
          break;
        case S.Comment:
          if (c === 0x0a || c === 0x0d) this.state = S.Normal;
          break;
        case S.String:
          if (this.strEscape) this.strEscape = false;
          else if (c === 0x5c) this.strEscape = true;
          else if (c === 0x28) this.strDepth++;
          else if (c === 0x29 && --this.strDepth === 0) this.state = S.Normal;
          break;
        case S.StreamEol:
          if (this.prevCr) {
            this.prevCr = false;
            this.startStream();
            if (c !== 0x0a) i--; // a lone CR: this byte is data
            streamFrom = i + 1;
          } else if (c === 0x0a) {
            this.startStream();
            streamFrom = i + 1;
          } else if (c === 0x0d) this.prevCr = true;
          break;
        case S.Stream:
          if (c === ENDSTREAM[this.endMatch]) {
            if (++this.endMatch === ENDSTREAM.length) {
              if (this.objStm && streamFrom >= 0) this.collect(buf.subarray(streamFrom, i + 1));
              this.endStream();
              if (this.refused) return;
              streamFrom = -1;
            }
          } else this.endMatch = c === 0x65 /* e */ ? 1 : 0;
          break;
      }
    }
    if (this.state === S.Stream && this.objStm && streamFrom >= 0) this.collect(buf.subarray(streamFrom));
  }

  finish(): string | null {
    if (this.inName) this.endName();
    return this.refused;
  }

  private nameByte(c: number): void {
    if (this.hex === 1) {
      const v = hexValue(c);
      if (v >= 0) {
        this.hexHi = v;
        this.hexFirst = c;
        this.hex = 2;
        return;
      }
      this.hex = 0;
      this.addNameByte(0x23); // a '#' not followed by two hex digits is itself
    } else if (this.hex === 2) {
      const v = hexValue(c);
      this.hex = 0;
      if (v >= 0) return this.addNameByte(this.hexHi * 16 + v);
      this.addNameByte(0x23);
      this.addNameByte(this.hexFirst);
    }
    if (c === 0x23 /* # */) this.hex = 1;
    else this.addNameByte(c);
  }

  private addNameByte(b: number): void {
    if (this.nameLen < NAME_MAX) this.name[this.nameLen] = b;
    this.nameLen++;
  }

  private endName(): void {
    this.inName = false;
    if (this.hex >= 1) this.addNameByte(0x23);
    if (this.hex === 2) this.addNameByte(this.hexFirst);
    this.hex = 0;
    if (this.nameLen > NAME_MAX) return; // longer than every name looked for
    const name = this.name.toString('latin1', 0, this.nameLen);
    if (DENY_ANYWHERE.has(name) || (this.nameInObjects && DENY_IN_OBJECTS.has(name))) {
      this.refused = PDF_ACTIVE_CONTENT;
      return;
    }
    if (!this.nameInObjects || this.nested) return;
    if (name === 'First') this.firstKey = true;
    else if (FLATE.has(name)) this.flate = true;
    else if (FILTERS.has(name)) this.otherFilter = true;
    else if (name === 'DecodeParms' || name === 'DP') this.decodeParms = true;
  }

  private endWord(): void {
    const w = this.word;
    if (!w) return;
    this.word = '';
    if (w === 'obj' || w === 'endobj') this.resetObject();
    else if (w === 'stream' && !this.nested) {
      this.state = S.StreamEol;
      this.prevCr = false;
    }
  }

  private resetObject(): void {
    this.firstKey = this.flate = this.otherFilter = this.decodeParms = false;
  }

  private startStream(): void {
    this.state = S.Stream;
    this.endMatch = 0;
    if (this.firstKey) {
      // an object stream: readers parse objects out of it, so its content is checked as well
      if (this.otherFilter || this.decodeParms) this.refused = PDF_UNCHECKABLE;
      this.objStm = [];
      this.objStmBytes = 0;
    }
  }

  private collect(part: Buffer): void {
    this.objStmBytes += part.length;
    if (this.objStmBytes > OBJSTM_RAW_MAX + ENDSTREAM.length) this.refused = PDF_UNCHECKABLE;
    else this.objStm!.push(Buffer.from(part));
  }

  private endStream(): void {
    const parts = this.objStm;
    const flate = this.flate;
    this.objStm = null;
    this.state = S.Normal;
    this.resetObject();
    if (!parts || this.refused) return;
    let data = Buffer.concat(parts);
    data = data.subarray(0, Math.max(0, data.length - ENDSTREAM.length));
    if (flate) {
      try {
        data = zlib.inflateSync(data, { maxOutputLength: OBJSTM_INFLATED_MAX, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch {
        this.refused = PDF_UNCHECKABLE;
        return;
      }
    }
    this.inflatedTotal += data.length;
    if (this.inflatedTotal > OBJSTM_INFLATED_TOTAL_MAX) {
      this.refused = PDF_UNCHECKABLE;
      return;
    }
    const inner = new PdfScanner(true);
    inner.push(data);
    this.refused = inner.finish();
  }
}

export const pdfInspector = (): Inspector => {
  const s = new PdfScanner();
  return { push: (c) => s.push(c), finish: () => s.finish() };
};

// ---- PNG ---------------------------------------------------------------------------------------------
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export function pngInspector(): Inspector {
  let bad = false;
  let pos = 0; // bytes consumed
  let header = Buffer.alloc(0); // signature, then each chunk's 8-byte length+type, then its CRC
  let phase: 'signature' | 'head' | 'data' | 'crc' | 'after' = 'signature';
  let remaining = 0;
  let type = '';
  let crc = 0;
  let chunks = 0;
  let sawIdat = false;
  let ihdr = Buffer.alloc(0);

  const need = (n: number, chunk: Buffer, i: number): [Buffer | null, number] => {
    const take = Math.min(n - header.length, chunk.length - i);
    header = Buffer.concat([header, chunk.subarray(i, i + take)]);
    return [header.length === n ? header : null, i + take];
  };

  return {
    push(chunk) {
      let i = 0;
      while (!bad && i < chunk.length) {
        if (phase === 'after') {
          bad = true; // anything after IEND
          break;
        }
        if (phase === 'signature') {
          const [h, next] = need(8, chunk, i);
          i = next;
          if (!h) break;
          if (!h.equals(PNG_SIGNATURE)) bad = true;
          header = Buffer.alloc(0);
          phase = 'head';
        } else if (phase === 'head') {
          const [h, next] = need(8, chunk, i);
          i = next;
          if (!h) break;
          remaining = h.readUInt32BE(0);
          type = h.toString('latin1', 4, 8);
          if (remaining > 0x7fffffff || ![4, 5, 6, 7].every((k) => isLetter(h[k]!))) bad = true;
          if (chunks === 0 && (type !== 'IHDR' || remaining !== 13)) bad = true;
          if (type === 'IHDR' && chunks > 0) bad = true;
          if (type === 'IDAT') sawIdat = true;
          if (type === 'IEND' && (remaining !== 0 || !sawIdat)) bad = true;
          crc = zlib.crc32(h.subarray(4, 8));
          header = Buffer.alloc(0);
          phase = remaining > 0 ? 'data' : 'crc';
        } else if (phase === 'data') {
          const take = Math.min(remaining, chunk.length - i);
          const part = chunk.subarray(i, i + take);
          crc = zlib.crc32(part, crc);
          if (type === 'IHDR') ihdr = Buffer.concat([ihdr, part]);
          remaining -= take;
          i += take;
          if (remaining === 0) phase = 'crc';
        } else {
          const [h, next] = need(4, chunk, i);
          i = next;
          if (!h) break;
          if (h.readUInt32BE(0) !== crc >>> 0) bad = true;
          if (type === 'IHDR') {
            const w = ihdr.readUInt32BE(0);
            const hgt = ihdr.readUInt32BE(4);
            const depth = ihdr[8]!;
            const color = ihdr[9]!;
            if (!w || !hgt || w > 0x7fffffff || hgt > 0x7fffffff || !PNG_DEPTHS[color]?.includes(depth) || ihdr[10] !== 0 || ihdr[11] !== 0 || ihdr[12]! > 1) bad = true;
          }
          chunks++;
          header = Buffer.alloc(0);
          phase = type === 'IEND' ? 'after' : 'head';
        }
      }
      pos += chunk.length;
    },
    finish: () => (bad || phase !== 'after' || pos === 0 ? PNG_INVALID : null),
  };
}

// ---- JPEG --------------------------------------------------------------------------------------------
/** Markers without a length: TEM, RST0–7, SOI, EOI. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd9);
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export function jpegInspector(): Inspector {
  let bad = false;
  // 'soi' → 'marker' (expect 0xFF) → 'code' → 'len1' → 'len2' → 'skip' → 'marker' …; after SOS: 'scan'
  let phase: 'soi0' | 'soi1' | 'marker' | 'code' | 'len1' | 'len2' | 'skip' | 'scan' | 'scanFF' | 'end' = 'soi0';
  let marker = 0;
  let len = 0;
  let remaining = 0;
  let sawFrame = false;
  let sawScan = false;
  let segment: number[] = [];

  return {
    push(chunk) {
      for (let i = 0; i < chunk.length && !bad; i++) {
        const c = chunk[i]!;
        switch (phase) {
          case 'soi0':
            if (c !== 0xff) bad = true;
            phase = 'soi1';
            break;
          case 'soi1':
            if (c !== 0xd8) bad = true;
            phase = 'marker';
            break;
          case 'marker':
            if (c !== 0xff) bad = true;
            phase = 'code';
            break;
          case 'code':
            if (c === 0xff) break; // fill bytes
            marker = c;
            if (c === 0x00 || c === 0xd8) bad = true;
            else if (c === 0xd9) bad = true; // EOI before any scan
            else if (standalone(c)) phase = 'marker';
            else phase = 'len1';
            break;
          case 'len1':
            len = c << 8;
            phase = 'len2';
            break;
          case 'len2':
            len |= c;
            if (len < 2) bad = true;
            remaining = len - 2;
            segment = [];
            if (isSof(marker) && len < 8) bad = true;
            phase = remaining ? 'skip' : marker === 0xda ? 'scan' : 'marker';
            if (marker === 0xda && !sawFrame) bad = true;
            break;
          case 'skip':
            if (isSof(marker) && segment.length < 6) segment.push(c);
            remaining--;
            if (remaining === 0) {
              if (isSof(marker)) {
                const height = (segment[1]! << 8) | segment[2]!;
                const width = (segment[3]! << 8) | segment[4]!;
                if (!width || segment[5] === 0) bad = true;
                void height; // 0 is allowed (DNL)
                sawFrame = true;
              }
              if (marker === 0xda) {
                sawScan = true;
                phase = 'scan';
              } else phase = 'marker';
            }
            break;
          case 'scan':
            if (c === 0xff) phase = 'scanFF';
            break;
          case 'scanFF':
            if (c === 0x00 || (c >= 0xd0 && c <= 0xd7)) phase = 'scan'; // stuffed byte or restart marker
            else if (c === 0xff) phase = 'scanFF';
            else if (c === 0xd9) phase = 'end';
            else {
              // a new segment between scans (DHT, SOS of a progressive image …)
              marker = c;
              if (standalone(c)) bad = true;
              else phase = 'len1';
            }
            break;
          case 'end':
            bad = true; // anything after EOI
            break;
        }
      }
    },
    finish: () => (bad || phase !== 'end' || !sawScan ? JPEG_INVALID : null),
  };
}

export function inspectorFor(mime: string): Inspector {
  if (mime === 'application/pdf') return pdfInspector();
  if (mime === 'image/png') return pngInspector();
  return jpegInspector();
}
