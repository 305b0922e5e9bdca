import ExcelJS from 'exceljs';
import { fenToYuan, USE_MAX_WORKERS, USE_WORKER_COLUMNS, yuanToFen, zUseWorker } from '@benxi/shared';
import { AppError } from '../../platform/errors';

/**
 * 农民工工资支付名单 (SPEC §9): the Excel template the hrss dialog offers, and its import. Every cell is
 * text (an 18-digit ID number or a card number as a number would lose digits); the import checks
 * every row with the same schema as the form and answers either all the rows or, when any is wrong,
 * every error by row and column — nothing is kept from a file with one bad row (ADR 033).
 */

export const WORKER_TEMPLATE_NAME = '农民工工资支付名单模板.xlsx';

export async function workerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农民工名单');
  ws.columns = USE_WORKER_COLUMNS.map((c) => ({ header: c.label, key: c.key, width: c.key === 'idNumber' || c.key === 'cardNo' ? 26 : 18, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '填写说明', width: 90 }];
  for (const line of [
    '1. 在“农民工名单”表第2行起逐行填写，每行一名农民工；不要修改第1行表头。',
    '2. 身份证号：18位居民身份证号码，最后一位为数字或X，平台校验校验位。',
    '3. 开户银行：农民工本人银行卡的开户银行，如“中国工商银行本溪分行”。',
    '4. 银行卡号：12到32位数字（单元格已设为文本格式，请勿改为数字格式）。',
    `5. 金额：以元为单位，最多两位小数，如 3500.00；一次最多${USE_MAX_WORKERS}人。`,
    '6. 导入时任一行有误，整份名单均不导入，并提示出错的行和列。',
  ])
    help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

const LABEL_OF = Object.fromEntries(USE_WORKER_COLUMNS.map((c) => [c.key, c.label])) as Record<(typeof USE_WORKER_COLUMNS)[number]['key'], string>;

/** The workers of an uploaded template, or a 400 listing every wrong cell by row and column. */
export async function importWorkers(bytes: Buffer): Promise<{ workers: { name: string; idNumber: string; bankName: string; cardNo: string; amount: string }[]; total: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('not a zip');
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '文件不是有效的 Excel（.xlsx）文件，请下载模板填写后再导入');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('BAD_REQUEST', 'Excel 文件中没有工作表，请下载模板填写后再导入');
  // columns by their header (the template's order, or any order with the same headers)
  const header = ws.getRow(1);
  const colOf = new Map<string, number>();
  header.eachCell((cell, col) => {
    const t = cellText(cell.value).replace(/\s/g, '');
    const c = USE_WORKER_COLUMNS.find((x) => t === x.label || t.startsWith(x.label.replace(/（.*$/, '')));
    if (c && !colOf.has(c.key)) colOf.set(c.key, col);
  });
  const missing = USE_WORKER_COLUMNS.filter((c) => !colOf.has(c.key)).map((c) => c.label);
  if (missing.length) throw new AppError('VALIDATION_FAILED', `Excel 第1行缺少表头：${missing.join('、')}，请使用平台提供的模板`, { rows: missing.map((m) => ({ row: 1, column: m, message: '缺少该列' })) });

  const errors: ImportRowError[] = [];
  const workers: { name: string; idNumber: string; bankName: string; cardNo: string; amount: string }[] = [];
  const seen = new Map<string, number>();
  let totalFen = 0n;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = Object.fromEntries(USE_WORKER_COLUMNS.map((c) => [c.key, cellText(row.getCell(colOf.get(c.key)!).value)])) as Record<string, string>;
    if (Object.values(raw).every((v) => v === '')) continue;
    if (workers.length + errors.length >= USE_MAX_WORKERS * 2) break;
    // an ID number typed as a number has lost its last digits: say so rather than "check digit wrong"
    const idCell = row.getCell(colOf.get('idNumber')!).value;
    if (typeof idCell === 'number' && raw.idNumber!.length >= 16) {
      errors.push({ row: r, column: LABEL_OF.idNumber, message: '身份证号被保存为数字，末尾数字已丢失，请将该列设为文本格式后重新填写' });
      continue;
    }
    const parsed = zUseWorker.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '') as keyof typeof LABEL_OF;
        errors.push({ row: r, column: LABEL_OF[key] ?? key, message: issue.message });
      }
      continue;
    }
    const w = parsed.data;
    const prev = seen.get(w.idNumber);
    if (prev !== undefined) {
      errors.push({ row: r, column: LABEL_OF.idNumber, message: `与第${prev}行身份证号重复` });
      continue;
    }
    seen.set(w.idNumber, r);
    const amount = fenToYuan(yuanToFen(w.amount));
    totalFen += yuanToFen(w.amount);
    workers.push({ name: w.name, idNumber: w.idNumber, bankName: w.bankName, cardNo: w.cardNo.replace(/\s/g, ''), amount });
  }
  if (errors.length) {
    const first = errors[0]!;
    throw new AppError('VALIDATION_FAILED', `Excel 第${first.row}行「${first.column}」：${first.message}${errors.length > 1 ? `（共${errors.length}处错误）` : ''}；名单未导入，请修改后重新导入`, { rows: errors });
  }
  if (workers.length === 0) throw new AppError('VALIDATION_FAILED', 'Excel 中没有农民工名单，请从第2行起填写', { rows: [] });
  if (workers.length > USE_MAX_WORKERS) throw new AppError('VALIDATION_FAILED', `一次最多导入${USE_MAX_WORKERS}名农民工`, { rows: [] });
  return { workers, total: fenToYuan(totalFen) };
}
