/**
 * The deposit quota rules of 《工程建设领域农民工工资保证金规定》(人社部发〔2021〕65号) 第七–九条.
 *
 * Pure: no I/O, no clock. Money is integer 分 (`bigint`); ratios are integer ppm (parts per million,
 * 2% = 20000) so that ×1.5 and ×0.5 stay exact. No floating point ever touches an amount.
 *
 * 第七条 base ratio (原则上 1%–3%), optional cap per project; several projects under construction in
 *        the region → the ratio may float down, never below 0.5%.
 * 第八条 contract amount under 300万元 and no arrears in the year before signing → 免缴 may be granted.
 * 第九条 two consecutive clean years in the region → ratio lowered (≥ 50%); three clean years with
 *        real-name management and the wage special account → 免缴; arrears → raised (≥ 50%);
 *        on the 严重失信主体名单 for wage arrears → raised (≥ 100%).
 */
import { formatFen } from '../format';

export interface RatioParams {
  /** 20000 (2%), must lie in minRatioPpm..maxRatioPpm. */
  baseRatioPpm: number;
  /** 10000 (1%). */
  minRatioPpm: number;
  /** 30000 (3%). */
  maxRatioPpm: number;
  /** Optional cap on one project's amount (分). */
  capFen: bigint | null;
  /** 5000 (0.5%): start ratio when the enterprise has other projects under construction in the region; ≥ floorPpm. */
  multiProjectRatioPpm: number;
  /** 5000 (0.5%): nothing goes below this for a multi-project enterprise. */
  floorPpm: number;
  /** 300000000n (3,000,000 yuan): contract strictly below it + no arrears in the year before signing → 免缴 allowed. */
  exemptionThresholdFen: bigint;
  /** 2: clean years after which the ratio is lowered by reducePct. */
  reduceAfterCleanYears: number;
  /** 50. */
  reducePct: number;
  /** 3: clean years after which (with real-name and special-account duties met) 免缴 is allowed. */
  exemptAfterCleanYears: number;
  /** 50: arrears in the two years before signing. */
  arrearsIncreasePct: number;
  /** 100: on the 严重失信主体名单 for wage arrears. */
  blacklistIncreasePct: number;
}

export const DEFAULT_RATIO_PARAMS: RatioParams = Object.freeze({
  baseRatioPpm: 20_000,
  minRatioPpm: 10_000,
  maxRatioPpm: 30_000,
  capFen: null,
  multiProjectRatioPpm: 5_000,
  floorPpm: 5_000,
  exemptionThresholdFen: 300_000_000n,
  reduceAfterCleanYears: 2,
  reducePct: 50,
  exemptAfterCleanYears: 3,
  arrearsIncreasePct: 50,
  blacklistIncreasePct: 100,
}) as RatioParams;

const PPM_PER_UNIT = 1_000_000;
/** Ratios are entered to 0.01% (= 100 ppm), which keeps every percentage adjustment an integer ppm. */
const RATIO_STEP_PPM = 100;
/** 第七条: "存储比例可适当下浮但不得低于0.5%". */
const REGULATORY_FLOOR_PPM = 5_000;
/** 第九条: "降幅不低于50%", "增幅不低于50%", "增幅不低于100%". */
const REGULATORY_MIN_REDUCE_PCT = 50;
const REGULATORY_MIN_ARREARS_PCT = 50;
const REGULATORY_MIN_BLACKLIST_PCT = 100;

/** 20000 → '2.00%', 7500 → '0.75%', 3750 → '0.375%', 1 → '0.0001%' (2 decimals, more only when needed; exact). */
export function formatRatioPpm(ppm: number): string {
  return percentText(ppm, 2);
}

/** 20000 → '2%', 5000 → '0.5%': the compact form used in reasons and messages. */
function shortPercent(ppm: number): string {
  return percentText(ppm, 0);
}

function percentText(ppm: number, minDecimals: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError(`比例应为非负整数 ppm：${ppm}`);
  const whole = Math.floor(ppm / 10_000);
  let frac = String(ppm % 10_000).padStart(4, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** 300000000n → '300万元'; an amount that is not whole 万元 → '2,500,000.50元'. */
function amountText(fen: bigint): string {
  return fen % 1_000_000n === 0n ? `${fen / 1_000_000n}万元` : `${formatFen(fen)}元`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 2 → '两', 3 → '三', 10 → '十', 12 → '十二', 25 → '二十五' (years in the reason lines). */
function yearsText(n: number): string {
  if (n === 2) return '两';
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

function isRatio(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= PPM_PER_UNIT;
}

/** Everything wrong with a region's parameters, in Chinese; empty when they can be used. */
export function ratioParamProblems(p: RatioParams): string[] {
  const out: string[] = [];
  const ratioFields: [keyof RatioParams, string][] = [
    ['baseRatioPpm', '基础比例'],
    ['minRatioPpm', '最低比例'],
    ['maxRatioPpm', '最高比例'],
    ['multiProjectRatioPpm', '多项目比例'],
    ['floorPpm', '多项目最低比例'],
  ];
  let ratiosOk = true;
  for (const [key, label] of ratioFields) {
    const v = p[key];
    if (!isRatio(v)) {
      out.push(`${label}应为大于0且不超过100%的比例`);
      ratiosOk = false;
    } else if (v % RATIO_STEP_PPM !== 0) {
      out.push(`${label}最多精确到0.01%`);
      ratiosOk = false;
    }
  }
  if (ratiosOk) {
    if (p.minRatioPpm > p.maxRatioPpm) out.push('最低比例不能高于最高比例');
    else if (p.baseRatioPpm < p.minRatioPpm || p.baseRatioPpm > p.maxRatioPpm) {
      out.push(`基础比例应在${shortPercent(p.minRatioPpm)}–${shortPercent(p.maxRatioPpm)}之间`);
    }
    if (p.floorPpm < REGULATORY_FLOOR_PPM) out.push('多项目最低比例不得低于0.5%');
    if (p.multiProjectRatioPpm < p.floorPpm) out.push('多项目比例不能低于多项目最低比例');
    if (p.multiProjectRatioPpm > p.baseRatioPpm) out.push('多项目比例不能高于基础比例');
  }
  if (p.capFen !== null && (typeof p.capFen !== 'bigint' || p.capFen <= 0n)) {
    out.push('单个项目存储上限应大于0');
  }
  if (typeof p.exemptionThresholdFen !== 'bigint' || p.exemptionThresholdFen < 0n) {
    out.push('免缴合同金额标准不能为负数');
  }
  const yearsOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 99;
  if (!yearsOk(p.reduceAfterCleanYears)) out.push('下调比例所需无拖欠年数应为1–99的整数');
  if (!yearsOk(p.exemptAfterCleanYears)) out.push('免缴所需无拖欠年数应为1–99的整数');
  if (yearsOk(p.reduceAfterCleanYears) && yearsOk(p.exemptAfterCleanYears) && p.exemptAfterCleanYears < p.reduceAfterCleanYears) {
    out.push('免缴所需无拖欠年数不能少于下调比例所需年数');
  }
  const pctOk = (v: unknown, min: number, max: number): boolean =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!pctOk(p.reducePct, REGULATORY_MIN_REDUCE_PCT, 99)) out.push('无拖欠下调幅度应在50%–99%之间');
  if (!pctOk(p.arrearsIncreasePct, REGULATORY_MIN_ARREARS_PCT, 1000)) out.push('有拖欠提高幅度应在50%–1000%之间');
  if (!pctOk(p.blacklistIncreasePct, REGULATORY_MIN_BLACKLIST_PCT, 1000)) out.push('列入严重失信主体名单提高幅度应在100%–1000%之间');
  return out;
}

export interface EnterpriseRecord {
  /** Wage arrears in [signing − 1 year, signing) (第八条). */
  arrearsInYearBeforeSigning: boolean;
  /** Wage arrears in [signing − 2 years, signing) (第九条 increase). */
  arrearsInTwoYearsBefore: boolean;
  /** Whole years without arrears in the region up to signing. */
  cleanYearsInRegion: number;
  /** On the 严重失信主体名单 for wage arrears on the signing date. */
  onSeriousDishonestList: boolean;
  /** Other projects of the enterprise under construction in the region. */
  otherProjectsUnderConstructionInRegion: number;
  /** 用工实名制管理 and 农民工工资专用账户 duties met. */
  realNameAndSpecialAccountMet: boolean;
}

export interface RatioResult {
  ratioPpm: number;
  /** formatRatioPpm(ratioPpm): '2.00%', '0.75%', '0.375%'. */
  ratioText: string;
  /** round-half-up(contract × ratio) to the 分, then the cap. */
  requiredFen: bigint;
  exemptionAllowed: boolean;
  /** One Chinese line per rule applied, in the order applied. */
  reasons: string[];
  /** The reasons joined with '，'. */
  summary: string;
}

/** ratio × (100 + pct) / 100 in ppm; exact for ratios in 0.01% steps, otherwise rounded half up. */
function adjust(ppm: number, pct: number): number {
  const num = ppm * (100 + pct);
  return Math.max(0, Math.floor((num + 50) / 100));
}

/**
 * The deposit the regulation requires for one project.
 *
 * Order: start = multi-project ? multiProjectRatioPpm : baseRatioPpm; then exactly one of
 * 严重失信 (+blacklistIncreasePct) > arrears in the two years before (+arrearsIncreasePct) >
 * clean ≥ exemptAfterCleanYears with duties met (−reducePct and 免缴 allowed) > clean ≥
 * reduceAfterCleanYears (−reducePct); then, multi-project only, at least floorPpm. The amount is
 * contract × ratio rounded half up to the 分, then capped. 第八条 also allows 免缴 under the
 * threshold without arrears in the year before signing. Listed or in arrears within the two years
 * → never exemptible. Arrears in the year before signing count as arrears in the two years before.
 *
 * Parameters are used as given; validate them with ratioParamProblems before saving.
 */
export function computeRequiredDeposit(input: {
  contractAmountFen: bigint;
  params: RatioParams;
  record: EnterpriseRecord;
}): RatioResult {
  const { contractAmountFen: contract, params: p, record: r } = input;
  if (typeof contract !== 'bigint' || contract < 0n) throw new RangeError('施工合同金额不能为负数');

  const reasons: string[] = [];
  const multi = r.otherProjectsUnderConstructionInRegion > 0;
  const arrearsTwoYears = r.arrearsInTwoYearsBefore || r.arrearsInYearBeforeSigning;
  let exemptionAllowed = false;

  reasons.push(`基础比例 ${shortPercent(p.baseRatioPpm)}`);
  let ratio = p.baseRatioPpm;
  if (multi) {
    ratio = p.multiProjectRatioPpm;
    reasons.push(`本地区有其他在建工程，比例下浮至 ${shortPercent(ratio)}`);
  }

  if (r.onSeriousDishonestList) {
    ratio = adjust(ratio, p.blacklistIncreasePct);
    reasons.push(`列入严重失信主体名单，比例提高${p.blacklistIncreasePct}%`);
  } else if (arrearsTwoYears) {
    ratio = adjust(ratio, p.arrearsIncreasePct);
    reasons.push(`签订前两年内发生工资拖欠，比例提高${p.arrearsIncreasePct}%`);
  } else if (r.cleanYearsInRegion >= p.exemptAfterCleanYears && r.realNameAndSpecialAccountMet) {
    ratio = adjust(ratio, -p.reducePct);
    reasons.push(`连续${yearsText(p.exemptAfterCleanYears)}年无拖欠，比例下调${p.reducePct}%`);
    reasons.push(
      `连续${yearsText(p.exemptAfterCleanYears)}年无拖欠且落实实名制管理和工资专用账户制度，可申请免缴`,
    );
    exemptionAllowed = true;
  } else if (r.cleanYearsInRegion >= p.reduceAfterCleanYears) {
    ratio = adjust(ratio, -p.reducePct);
    reasons.push(`连续${yearsText(p.reduceAfterCleanYears)}年无拖欠，比例下调${p.reducePct}%`);
  }

  if (multi && ratio < p.floorPpm) {
    ratio = p.floorPpm;
    reasons.push(`多个在建工程比例不低于 ${shortPercent(p.floorPpm)}`);
  }

  if (!r.onSeriousDishonestList && !arrearsTwoYears && contract < p.exemptionThresholdFen) {
    exemptionAllowed = true;
    reasons.push(`施工合同金额低于${amountText(p.exemptionThresholdFen)}且签订前一年内无拖欠，可申请免缴`);
  }

  const million = BigInt(PPM_PER_UNIT);
  let requiredFen = (contract * BigInt(ratio) + million / 2n) / million;
  if (p.capFen !== null && requiredFen > p.capFen) {
    requiredFen = p.capFen;
    reasons.push(`单个项目存储上限 ${formatFen(p.capFen)} 元`);
  }

  return {
    ratioPpm: ratio,
    ratioText: formatRatioPpm(ratio),
    requiredFen,
    exemptionAllowed,
    reasons,
    summary: reasons.join('，'),
  };
}

// ---- the record, derived from the register ----

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parseYmd(s: string, what: string): Ymd {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return { y, m: mo, d };
  }
  throw new RangeError(`${what}不是有效日期（YYYY-MM-DD）：${String(s)}`);
}

function cmp(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Same month and day `n` years later (earlier when negative); 29 Feb → 28 Feb in a common year. */
function addYears(a: Ymd, n: number): Ymd {
  const y = a.y + n;
  return { y, m: a.m, d: Math.min(a.d, daysInMonth(y, a.m)) };
}

/** Largest n with addYears(from, n) <= to; 0 when to is before from. */
function wholeYears(from: Ymd, to: Ymd): number {
  if (cmp(to, from) < 0) return 0;
  let n = to.y - from.y;
  while (n > 0 && cmp(addYears(from, n), to) > 0) n--;
  return n;
}

export interface CreditRegisterEntry {
  kind: 'arrears' | 'serious_dishonest';
  occurredOn: string;
  removedOn?: string | null;
}

/**
 * The enterprise's record at the signing date, from its register entries in the region.
 *
 * - "the year before signing" is [signing − 1 year, signing): arrears exactly one year before the
 *   signing date are inside; arrears on the signing date are not. "The two years" likewise with 2.
 *   29 Feb minus a year is 28 Feb.
 * - clean years = whole years from max(last arrears on or before signing, firstActivityInRegion) to
 *   signing; 0 without activity in the region. An anniversary reached on the signing date counts.
 * - a serious_dishonest entry counts while occurredOn <= signing and (no removedOn or removedOn >
 *   signing). removedOn is ignored for arrears (an arrears entry is a fact, not a listing).
 * - entries after the signing date are ignored, so recomputing an old application gives its result.
 */
export function deriveEnterpriseRecord(input: {
  entries: CreditRegisterEntry[];
  signingDate: string;
  firstActivityInRegion: string | null;
  otherProjectsUnderConstructionInRegion: number;
  realNameAndSpecialAccountMet: boolean;
}): EnterpriseRecord {
  const signing = parseYmd(input.signingDate, '合同签订日');
  const oneYearBefore = addYears(signing, -1);
  const twoYearsBefore = addYears(signing, -2);

  let arrearsInYearBeforeSigning = false;
  let arrearsInTwoYearsBefore = false;
  let onSeriousDishonestList = false;
  let lastArrears: Ymd | null = null;

  for (const e of input.entries) {
    const on = parseYmd(e.occurredOn, '记录日期');
    if (e.kind === 'arrears') {
      if (cmp(on, signing) > 0) continue;
      if (lastArrears === null || cmp(on, lastArrears) > 0) lastArrears = on;
      if (cmp(on, signing) < 0) {
        if (cmp(on, oneYearBefore) >= 0) arrearsInYearBeforeSigning = true;
        if (cmp(on, twoYearsBefore) >= 0) arrearsInTwoYearsBefore = true;
      }
    } else if (e.kind === 'serious_dishonest') {
      const removed = e.removedOn != null ? parseYmd(e.removedOn, '移出日期') : null;
      if (cmp(on, signing) <= 0 && (removed === null || cmp(removed, signing) > 0)) onSeriousDishonestList = true;
    } else {
      throw new RangeError(`未知的记录类型：${String((e as { kind: unknown }).kind)}`);
    }
  }

  let cleanYearsInRegion = 0;
  if (input.firstActivityInRegion !== null) {
    const first = parseYmd(input.firstActivityInRegion, '首次在本地区承建日期');
    const start = lastArrears !== null && cmp(lastArrears, first) > 0 ? lastArrears : first;
    cleanYearsInRegion = wholeYears(start, signing);
  }

  return {
    arrearsInYearBeforeSigning,
    arrearsInTwoYearsBefore,
    cleanYearsInRegion,
    onSeriousDishonestList,
    otherProjectsUnderConstructionInRegion: input.otherProjectsUnderConstructionInRegion,
    realNameAndSpecialAccountMet: input.realNameAndSpecialAccountMet,
  };
}
