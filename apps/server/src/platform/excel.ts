import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export interface ExcelColumn<T> {
  header: string;
  width: number;
  value(row: T): string | number | null;
}

/**
 * Streams an .xlsx sheet while rows are still being read: the workbook writer commits each row,
 * so memory stays flat however many rows match.
 */
export function streamExcel<T>(sheetName: string, columns: ExcelColumn<T>[], batches: AsyncIterable<T[]>): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  (async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) ws.addRow(columns.map((c) => c.value(row))).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** RFC 5987 attachment header for a Chinese file name. */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
