/** Display helpers shared by the web and documents; the platform shows times in Asia/Shanghai. */
const dtf = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** 2020-12-21 17:36:09 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '-';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '-';
  const p = Object.fromEntries(dtf.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/** Money in 分 (integer) → 2,600,000.00 */
export function formatFen(fen: number | bigint): string {
  const n = BigInt(fen);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${yuan}.${cents}`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** China has one zone and no daylight saving: Beijing time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The calendar day in Beijing (YYYY-MM-DD), whatever zone the browser's clock is set to. */
export function beijingDate(d: Date = new Date()): string {
  return new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The hour (0–23) in Beijing, whatever zone the browser's clock is set to. */
export function beijingHour(d: Date = new Date()): number {
  return new Date(d.getTime() + BEIJING_OFFSET_MS).getUTCHours();
}

/** The greeting for the hour of the day in Beijing. */
export function greetingFor(d: Date = new Date()): string {
  const h = beijingHour(d);
  if (h < 5) return '夜深了';
  if (h < 9) return '早上好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}
