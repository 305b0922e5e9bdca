import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATIO_PARAMS,
  computeRequiredDeposit,
  deriveEnterpriseRecord,
  formatRatioPpm,
  ratioParamProblems,
  type EnterpriseRecord,
  type RatioParams,
} from './deposit-ratio';

/** yuan as a decimal string → 分, by string arithmetic (tests must not use floats for money either). */
const fen = (yuan: string): bigint => {
  const [i, f = ''] = yuan.replace(/,/g, '').split('.');
  return BigInt(i!) * 100n + BigInt(f.padEnd(2, '0'));
};

const clean: EnterpriseRecord = {
  arrearsInYearBeforeSigning: false,
  arrearsInTwoYearsBefore: false,
  cleanYearsInRegion: 0,
  onSeriousDishonestList: false,
  otherProjectsUnderConstructionInRegion: 0,
  realNameAndSpecialAccountMet: false,
};
const rec = (r: Partial<EnterpriseRecord>): EnterpriseRecord => ({ ...clean, ...r });
const params = (p: Partial<RatioParams>): RatioParams => ({ ...DEFAULT_RATIO_PARAMS, ...p });

const BASE = '基础比例 2%';
const MULTI = '本地区有其他在建工程，比例下浮至 0.5%';
const TWO_CLEAN = '连续两年无拖欠，比例下调50%';
const THREE_CLEAN = '连续三年无拖欠，比例下调50%';
const THREE_EXEMPT = '连续三年无拖欠且落实实名制管理和工资专用账户制度，可申请免缴';
const ARREARS = '签订前两年内发生工资拖欠，比例提高50%';
const LISTED = '列入严重失信主体名单，比例提高100%';
const FLOOR = '多个在建工程比例不低于 0.5%';
const SMALL = '施工合同金额低于300万元且签订前一年内无拖欠，可申请免缴';

interface Case {
  name: string;
  contract: string; // yuan
  record?: Partial<EnterpriseRecord>;
  params?: Partial<RatioParams>;
  ratioPpm: number;
  ratioText: string;
  required: string; // yuan
  exempt: boolean;
  reasons: string[];
}

const TEN_MILLION = '10,000,000.00';

const cases: Case[] = [
  // 第七条: the base ratio
  { name: 'base ratio, no history', contract: TEN_MILLION, ratioPpm: 20000, ratioText: '2.00%', required: '200,000.00', exempt: false, reasons: [BASE] },
  { name: 'one clean year changes nothing', contract: TEN_MILLION, record: { cleanYearsInRegion: 1 }, ratioPpm: 20000, ratioText: '2.00%', required: '200,000.00', exempt: false, reasons: [BASE] },

  // 第九条: clean years (whole years: 1.99… years is 1)
  { name: 'exactly two clean years → −50%', contract: TEN_MILLION, record: { cleanYearsInRegion: 2 }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, TWO_CLEAN] },
  { name: 'two clean years with duties met → still only −50%', contract: TEN_MILLION, record: { cleanYearsInRegion: 2, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, TWO_CLEAN] },
  { name: 'exactly three clean years with duties → −50% and exemption', contract: TEN_MILLION, record: { cleanYearsInRegion: 3, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: true, reasons: [BASE, THREE_CLEAN, THREE_EXEMPT] },
  { name: 'three clean years without the duties → only −50%', contract: TEN_MILLION, record: { cleanYearsInRegion: 3 }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, TWO_CLEAN] },
  { name: 'ten clean years with duties', contract: TEN_MILLION, record: { cleanYearsInRegion: 10, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: true, reasons: [BASE, THREE_CLEAN, THREE_EXEMPT] },

  // 第九条: increases
  { name: 'arrears in the two years before → +50%', contract: TEN_MILLION, record: { arrearsInTwoYearsBefore: true }, ratioPpm: 30000, ratioText: '3.00%', required: '300,000.00', exempt: false, reasons: [BASE, ARREARS] },
  { name: 'arrears in the year before (implies the two years) → +50%', contract: TEN_MILLION, record: { arrearsInYearBeforeSigning: true, arrearsInTwoYearsBefore: true }, ratioPpm: 30000, ratioText: '3.00%', required: '300,000.00', exempt: false, reasons: [BASE, ARREARS] },
  { name: 'arrears in the year before only (inconsistent record) is treated as arrears in the two years', contract: TEN_MILLION, record: { arrearsInYearBeforeSigning: true }, ratioPpm: 30000, ratioText: '3.00%', required: '300,000.00', exempt: false, reasons: [BASE, ARREARS] },
  { name: 'on the 严重失信 list → +100%', contract: TEN_MILLION, record: { onSeriousDishonestList: true }, ratioPpm: 40000, ratioText: '4.00%', required: '400,000.00', exempt: false, reasons: [BASE, LISTED] },

  // precedence: list > arrears > clean years
  { name: 'list beats arrears (+100% only, not +150%)', contract: TEN_MILLION, record: { onSeriousDishonestList: true, arrearsInTwoYearsBefore: true, arrearsInYearBeforeSigning: true }, ratioPpm: 40000, ratioText: '4.00%', required: '400,000.00', exempt: false, reasons: [BASE, LISTED] },
  { name: 'list beats clean years and duties', contract: TEN_MILLION, record: { onSeriousDishonestList: true, cleanYearsInRegion: 5, realNameAndSpecialAccountMet: true }, ratioPpm: 40000, ratioText: '4.00%', required: '400,000.00', exempt: false, reasons: [BASE, LISTED] },
  { name: 'arrears beat clean years and duties', contract: TEN_MILLION, record: { arrearsInTwoYearsBefore: true, cleanYearsInRegion: 5, realNameAndSpecialAccountMet: true }, ratioPpm: 30000, ratioText: '3.00%', required: '300,000.00', exempt: false, reasons: [BASE, ARREARS] },

  // 第八条: small contracts (strictly below 3,000,000.00 yuan)
  { name: '2,999,999.99 yuan without arrears → exemption allowed', contract: '2,999,999.99', ratioPpm: 20000, ratioText: '2.00%', required: '60,000.00', exempt: true, reasons: [BASE, SMALL] },
  { name: '3,000,000.00 yuan → no exemption', contract: '3,000,000.00', ratioPpm: 20000, ratioText: '2.00%', required: '60,000.00', exempt: false, reasons: [BASE] },
  { name: 'small contract but arrears in the year before → not exemptible, +50%', contract: '2,000,000.00', record: { arrearsInYearBeforeSigning: true, arrearsInTwoYearsBefore: true }, ratioPpm: 30000, ratioText: '3.00%', required: '60,000.00', exempt: false, reasons: [BASE, ARREARS] },
  { name: 'small contract, arrears only in the second year before → never exemptible', contract: '2,000,000.00', record: { arrearsInTwoYearsBefore: true }, ratioPpm: 30000, ratioText: '3.00%', required: '60,000.00', exempt: false, reasons: [BASE, ARREARS] },
  { name: 'small contract but on the list → never exemptible', contract: '2,000,000.00', record: { onSeriousDishonestList: true }, ratioPpm: 40000, ratioText: '4.00%', required: '80,000.00', exempt: false, reasons: [BASE, LISTED] },
  { name: 'small contract and three clean years → both exemption rules listed', contract: '2,000,000.00', record: { cleanYearsInRegion: 3, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '20,000.00', exempt: true, reasons: [BASE, THREE_CLEAN, THREE_EXEMPT, SMALL] },
  { name: 'small contract and two clean years', contract: '1,000,000.00', record: { cleanYearsInRegion: 2 }, ratioPpm: 10000, ratioText: '1.00%', required: '10,000.00', exempt: true, reasons: [BASE, TWO_CLEAN, SMALL] },
  { name: 'contract 0', contract: '0', ratioPpm: 20000, ratioText: '2.00%', required: '0.00', exempt: true, reasons: [BASE, SMALL] },

  // 第七条: several projects under construction in the region
  { name: 'multi-project → 0.5%', contract: TEN_MILLION, record: { otherProjectsUnderConstructionInRegion: 1 }, ratioPpm: 5000, ratioText: '0.50%', required: '50,000.00', exempt: false, reasons: [BASE, MULTI] },
  { name: 'multi-project with two clean years → 0.25% lifted to the 0.5% floor', contract: TEN_MILLION, record: { otherProjectsUnderConstructionInRegion: 3, cleanYearsInRegion: 2 }, ratioPpm: 5000, ratioText: '0.50%', required: '50,000.00', exempt: false, reasons: [BASE, MULTI, TWO_CLEAN, FLOOR] },
  { name: 'multi-project with three clean years and duties → floor, exemption allowed', contract: TEN_MILLION, record: { otherProjectsUnderConstructionInRegion: 1, cleanYearsInRegion: 3, realNameAndSpecialAccountMet: true }, ratioPpm: 5000, ratioText: '0.50%', required: '50,000.00', exempt: true, reasons: [BASE, MULTI, THREE_CLEAN, THREE_EXEMPT, FLOOR] },
  { name: 'multi-project with arrears → 0.75%', contract: TEN_MILLION, record: { otherProjectsUnderConstructionInRegion: 1, arrearsInTwoYearsBefore: true }, ratioPpm: 7500, ratioText: '0.75%', required: '75,000.00', exempt: false, reasons: [BASE, MULTI, ARREARS] },
  { name: 'multi-project on the list → 1%', contract: TEN_MILLION, record: { otherProjectsUnderConstructionInRegion: 2, onSeriousDishonestList: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, MULTI, LISTED] },
  { name: 'multi-project ratio above the floor (region 1%) with −50% → 0.5%, floor not needed', contract: TEN_MILLION, params: { multiProjectRatioPpm: 10000 }, record: { otherProjectsUnderConstructionInRegion: 1, cleanYearsInRegion: 2 }, ratioPpm: 5000, ratioText: '0.50%', required: '50,000.00', exempt: false, reasons: [BASE, '本地区有其他在建工程，比例下浮至 1%', TWO_CLEAN] },
  { name: 'single-project reduction has no floor: 1% −60% → 0.4%', contract: TEN_MILLION, params: { baseRatioPpm: 10000, reducePct: 60 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 4000, ratioText: '0.40%', required: '40,000.00', exempt: false, reasons: ['基础比例 1%', '连续两年无拖欠，比例下调60%'] },

  // cap
  { name: 'cap applied', contract: '1,000,000,000.00', params: { capFen: fen('5,000,000.00') }, ratioPpm: 20000, ratioText: '2.00%', required: '5,000,000.00', exempt: false, reasons: [BASE, '单个项目存储上限 5,000,000.00 元'] },
  { name: 'amount exactly at the cap → no cap line', contract: '250,000,000.00', params: { capFen: fen('5,000,000.00') }, ratioPpm: 20000, ratioText: '2.00%', required: '5,000,000.00', exempt: false, reasons: [BASE] },
  { name: 'one 分 over the cap', contract: '250,000,000.50', params: { capFen: fen('5,000,000.00') }, ratioPpm: 20000, ratioText: '2.00%', required: '5,000,000.00', exempt: false, reasons: [BASE, '单个项目存储上限 5,000,000.00 元'] },
  { name: 'cap after +100%', contract: '200,000,000.00', params: { capFen: fen('5,000,000.00') }, record: { onSeriousDishonestList: true }, ratioPpm: 40000, ratioText: '4.00%', required: '5,000,000.00', exempt: false, reasons: [BASE, LISTED, '单个项目存储上限 5,000,000.00 元'] },

  // rounding: half up to the 分 (2% of x 分 is x/50 分)
  { name: '0.25 yuan × 2% = 0.5 分 → 1 分', contract: '0.25', ratioPpm: 20000, ratioText: '2.00%', required: '0.01', exempt: true, reasons: [BASE, SMALL] },
  { name: '0.24 yuan × 2% = 0.48 分 → 0', contract: '0.24', ratioPpm: 20000, ratioText: '2.00%', required: '0.00', exempt: true, reasons: [BASE, SMALL] },
  { name: '0.74 yuan × 2% = 1.48 分 → 1 分', contract: '0.74', ratioPpm: 20000, ratioText: '2.00%', required: '0.01', exempt: true, reasons: [BASE, SMALL] },
  { name: '0.75 yuan × 2% = 1.5 分 → 2 分', contract: '0.75', ratioPpm: 20000, ratioText: '2.00%', required: '0.02', exempt: true, reasons: [BASE, SMALL] },
  { name: '1,234,567,890.25 yuan × 2% = …780.5 分 → up', contract: '1,234,567,890.25', ratioPpm: 20000, ratioText: '2.00%', required: '24,691,357.81', exempt: false, reasons: [BASE] },
  { name: '2,999,999.99 yuan × 2% = 5,999,999.98 分 → 60,000.00 yuan', contract: '2,999,999.99', ratioPpm: 20000, ratioText: '2.00%', required: '60,000.00', exempt: true, reasons: [BASE, SMALL] },
  { name: '0.75% of 2.00 yuan = 1.5 分 → 2 分', contract: '2.00', record: { otherProjectsUnderConstructionInRegion: 1, arrearsInTwoYearsBefore: true }, ratioPpm: 7500, ratioText: '0.75%', required: '0.02', exempt: false, reasons: [BASE, MULTI, ARREARS] },
  { name: '1% of 33,333,333.33 yuan = 33,333,333.33 分 exactly', contract: '33,333,333.33', record: { cleanYearsInRegion: 2 }, ratioPpm: 10000, ratioText: '1.00%', required: '333,333.33', exempt: false, reasons: [BASE, TWO_CLEAN] },
  { name: 'beyond 2^53 分 stays exact', contract: '900,000,000,000,000.01', ratioPpm: 20000, ratioText: '2.00%', required: '18,000,000,000,000.00', exempt: false, reasons: [BASE] },

  // a region's own parameters
  { name: 'region base 3%', contract: TEN_MILLION, params: { baseRatioPpm: 30000 }, ratioPpm: 30000, ratioText: '3.00%', required: '300,000.00', exempt: false, reasons: ['基础比例 3%'] },
  { name: 'region base 3% with two clean years → 1.5%', contract: TEN_MILLION, params: { baseRatioPpm: 30000 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 15000, ratioText: '1.50%', required: '150,000.00', exempt: false, reasons: ['基础比例 3%', TWO_CLEAN] },
  { name: 'region base 3% with arrears → 4.5% (the 1–3% range bounds the base only)', contract: TEN_MILLION, params: { baseRatioPpm: 30000 }, record: { arrearsInTwoYearsBefore: true }, ratioPpm: 45000, ratioText: '4.50%', required: '450,000.00', exempt: false, reasons: ['基础比例 3%', ARREARS] },
  { name: 'region base 1.5% with two clean years → 0.75%', contract: TEN_MILLION, params: { baseRatioPpm: 15000 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 7500, ratioText: '0.75%', required: '75,000.00', exempt: false, reasons: ['基础比例 1.5%', TWO_CLEAN] },
  { name: 'region base 0.75% (min 0.5%) with two clean years → 0.375%', contract: TEN_MILLION, params: { baseRatioPpm: 7500, minRatioPpm: 5000 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 3750, ratioText: '0.375%', required: '37,500.00', exempt: false, reasons: ['基础比例 0.75%', TWO_CLEAN] },
  { name: 'region −60%', contract: TEN_MILLION, params: { reducePct: 60 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 8000, ratioText: '0.80%', required: '80,000.00', exempt: false, reasons: [BASE, '连续两年无拖欠，比例下调60%'] },
  { name: 'region +80% for arrears', contract: TEN_MILLION, params: { arrearsIncreasePct: 80 }, record: { arrearsInTwoYearsBefore: true }, ratioPpm: 36000, ratioText: '3.60%', required: '360,000.00', exempt: false, reasons: [BASE, '签订前两年内发生工资拖欠，比例提高80%'] },
  { name: 'region +150% for the list', contract: TEN_MILLION, params: { blacklistIncreasePct: 150 }, record: { onSeriousDishonestList: true }, ratioPpm: 50000, ratioText: '5.00%', required: '500,000.00', exempt: false, reasons: [BASE, '列入严重失信主体名单，比例提高150%'] },
  { name: 'region threshold 500万: 4,999,999.99 exempt', contract: '4,999,999.99', params: { exemptionThresholdFen: fen('5,000,000.00') }, ratioPpm: 20000, ratioText: '2.00%', required: '100,000.00', exempt: true, reasons: [BASE, '施工合同金额低于500万元且签订前一年内无拖欠，可申请免缴'] },
  { name: 'region threshold 500万: 5,000,000.00 not exempt', contract: '5,000,000.00', params: { exemptionThresholdFen: fen('5,000,000.00') }, ratioPpm: 20000, ratioText: '2.00%', required: '100,000.00', exempt: false, reasons: [BASE] },
  { name: 'region threshold not in whole 万元', contract: '1,000.00', params: { exemptionThresholdFen: fen('2,500,000.50') }, ratioPpm: 20000, ratioText: '2.00%', required: '20.00', exempt: true, reasons: [BASE, '施工合同金额低于2,500,000.50元且签订前一年内无拖欠，可申请免缴'] },
  { name: 'region threshold 0: no small-contract exemption', contract: '0', params: { exemptionThresholdFen: 0n }, ratioPpm: 20000, ratioText: '2.00%', required: '0.00', exempt: false, reasons: [BASE] },
  { name: 'region reduce after 3, exempt after 5: three years → −50%', contract: TEN_MILLION, params: { reduceAfterCleanYears: 3, exemptAfterCleanYears: 5 }, record: { cleanYearsInRegion: 3, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, '连续三年无拖欠，比例下调50%'] },
  { name: 'region reduce after 3: two years → nothing', contract: TEN_MILLION, params: { reduceAfterCleanYears: 3, exemptAfterCleanYears: 5 }, record: { cleanYearsInRegion: 2 }, ratioPpm: 20000, ratioText: '2.00%', required: '200,000.00', exempt: false, reasons: [BASE] },
  { name: 'region exempt after 5: five years → exemption', contract: TEN_MILLION, params: { reduceAfterCleanYears: 3, exemptAfterCleanYears: 5 }, record: { cleanYearsInRegion: 5, realNameAndSpecialAccountMet: true }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: true, reasons: [BASE, '连续五年无拖欠，比例下调50%', '连续五年无拖欠且落实实名制管理和工资专用账户制度，可申请免缴'] },
  { name: 'region multi-project 1%, floor 0.8%: −50% → 0.8%', contract: TEN_MILLION, params: { multiProjectRatioPpm: 10000, floorPpm: 8000 }, record: { otherProjectsUnderConstructionInRegion: 1, cleanYearsInRegion: 2 }, ratioPpm: 8000, ratioText: '0.80%', required: '80,000.00', exempt: false, reasons: [BASE, '本地区有其他在建工程，比例下浮至 1%', TWO_CLEAN, '多个在建工程比例不低于 0.8%'] },
  { name: 'region reduce after 12 years (numerals)', contract: TEN_MILLION, params: { reduceAfterCleanYears: 12, exemptAfterCleanYears: 20 }, record: { cleanYearsInRegion: 12 }, ratioPpm: 10000, ratioText: '1.00%', required: '100,000.00', exempt: false, reasons: [BASE, '连续十二年无拖欠，比例下调50%'] },
];

describe('computeRequiredDeposit', () => {
  it.each(cases)('$name', (c) => {
    const r = computeRequiredDeposit({ contractAmountFen: fen(c.contract), params: params(c.params ?? {}), record: rec(c.record ?? {}) });
    expect(r).toEqual({
      ratioPpm: c.ratioPpm,
      ratioText: c.ratioText,
      requiredFen: fen(c.required),
      exemptionAllowed: c.exempt,
      reasons: c.reasons,
      summary: c.reasons.join('，'),
    });
  });

  it('every case parameter set is valid for ratioParamProblems', () => {
    for (const c of cases) expect(ratioParamProblems(params(c.params ?? {})), c.name).toEqual([]);
  });

  it('writes the summary the form shows', () => {
    const r = computeRequiredDeposit({ contractAmountFen: fen(TEN_MILLION), params: DEFAULT_RATIO_PARAMS, record: rec({ cleanYearsInRegion: 2 }) });
    expect(r.summary).toBe('基础比例 2%，连续两年无拖欠，比例下调50%');
  });

  it('returns bigint money and an integer ratio', () => {
    const r = computeRequiredDeposit({ contractAmountFen: 12_345n, params: DEFAULT_RATIO_PARAMS, record: clean });
    expect(typeof r.requiredFen).toBe('bigint');
    expect(Number.isInteger(r.ratioPpm)).toBe(true);
  });

  it('is the exact half-up of contract × ratio for every contract amount of 0–10,000 分 at every outcome ratio', () => {
    for (const record of [clean, rec({ cleanYearsInRegion: 2 }), rec({ arrearsInTwoYearsBefore: true }), rec({ onSeriousDishonestList: true }), rec({ otherProjectsUnderConstructionInRegion: 1, arrearsInTwoYearsBefore: true })]) {
      for (let c = 0n; c <= 10_000n; c++) {
        const r = computeRequiredDeposit({ contractAmountFen: c, params: DEFAULT_RATIO_PARAMS, record });
        const exact2 = c * BigInt(r.ratioPpm) * 2n; // twice the exact amount, in millionths of 分
        const rounded = r.requiredFen * 2_000_000n;
        // half up: exact − ½ 分 < required ≤ exact + ½ 分 (a tie goes up)
        const diff = rounded - exact2;
        expect(diff > -1_000_000n && diff <= 1_000_000n, `${c}`).toBe(true);
      }
    }
  });

  it('does not mutate its inputs', () => {
    const p = params({ capFen: 100n });
    const r = rec({ cleanYearsInRegion: 2 });
    const before = JSON.stringify([p, r], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    computeRequiredDeposit({ contractAmountFen: fen(TEN_MILLION), params: p, record: r });
    expect(JSON.stringify([p, r], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(before);
  });

  it('refuses a negative contract amount', () => {
    expect(() => computeRequiredDeposit({ contractAmountFen: -1n, params: DEFAULT_RATIO_PARAMS, record: clean })).toThrow(RangeError);
  });

  it('has frozen defaults matching the regulation', () => {
    expect(Object.isFrozen(DEFAULT_RATIO_PARAMS)).toBe(true);
    expect(DEFAULT_RATIO_PARAMS).toEqual({
      baseRatioPpm: 20000,
      minRatioPpm: 10000,
      maxRatioPpm: 30000,
      capFen: null,
      multiProjectRatioPpm: 5000,
      floorPpm: 5000,
      exemptionThresholdFen: 300000000n,
      reduceAfterCleanYears: 2,
      reducePct: 50,
      exemptAfterCleanYears: 3,
      arrearsIncreasePct: 50,
      blacklistIncreasePct: 100,
    });
  });
});

describe('formatRatioPpm', () => {
  it.each([
    [20000, '2.00%'],
    [30000, '3.00%'],
    [10000, '1.00%'],
    [5000, '0.50%'],
    [7500, '0.75%'],
    [3750, '0.375%'],
    [12345, '1.2345%'],
    [1, '0.0001%'],
    [0, '0.00%'],
    [45000, '4.50%'],
    [1_000_000, '100.00%'],
  ])('%i ppm → %s', (ppm, text) => {
    expect(formatRatioPpm(ppm)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (ppm) => {
    expect(() => formatRatioPpm(ppm)).toThrow(RangeError);
  });
});

describe('ratioParamProblems', () => {
  it('accepts the defaults', () => {
    expect(ratioParamProblems(DEFAULT_RATIO_PARAMS)).toEqual([]);
  });

  it.each<[string, Partial<RatioParams>]>([
    ['base 3%', { baseRatioPpm: 30000 }],
    ['base 1%', { baseRatioPpm: 10000, multiProjectRatioPpm: 5000 }],
    ['base 1.25%', { baseRatioPpm: 12500 }],
    ['a cap', { capFen: 1n }],
    ['threshold 0', { exemptionThresholdFen: 0n }],
    ['floor 0.8% and multi 1%', { floorPpm: 8000, multiProjectRatioPpm: 10000 }],
    ['multi equal to base', { multiProjectRatioPpm: 20000 }],
    ['reduce 99%', { reducePct: 99 }],
    ['increases 1000%', { arrearsIncreasePct: 1000, blacklistIncreasePct: 1000 }],
    ['reduce and exempt after the same years', { reduceAfterCleanYears: 3, exemptAfterCleanYears: 3 }],
  ])('accepts %s', (_n, p) => {
    expect(ratioParamProblems(params(p))).toEqual([]);
  });

  it.each<[string, Partial<RatioParams>, string[]]>([
    ['base above 3%', { baseRatioPpm: 30100 }, ['基础比例应在1%–3%之间']],
    ['base below 1%', { baseRatioPpm: 9900 }, ['基础比例应在1%–3%之间']],
    ['base outside a region range', { minRatioPpm: 15000, maxRatioPpm: 25000, baseRatioPpm: 30000 }, ['基础比例应在1.5%–2.5%之间']],
    ['base finer than 0.01%', { baseRatioPpm: 20050 }, ['基础比例最多精确到0.01%']],
    ['base 0', { baseRatioPpm: 0 }, ['基础比例应为大于0且不超过100%的比例']],
    ['base not a number', { baseRatioPpm: Number.NaN }, ['基础比例应为大于0且不超过100%的比例']],
    ['base a fraction', { baseRatioPpm: 20000.5 }, ['基础比例应为大于0且不超过100%的比例']],
    ['min above max', { minRatioPpm: 30000, maxRatioPpm: 10000 }, ['最低比例不能高于最高比例']],
    ['max above 100%', { maxRatioPpm: 1_000_100 }, ['最高比例应为大于0且不超过100%的比例']],
    ['floor below 0.5%', { floorPpm: 4000, multiProjectRatioPpm: 5000 }, ['多项目最低比例不得低于0.5%']],
    ['multi below the floor', { floorPpm: 8000 }, ['多项目比例不能低于多项目最低比例']],
    ['multi above base', { multiProjectRatioPpm: 25000 }, ['多项目比例不能高于基础比例']],
    ['cap 0', { capFen: 0n }, ['单个项目存储上限应大于0']],
    ['cap negative', { capFen: -100n }, ['单个项目存储上限应大于0']],
    ['threshold negative', { exemptionThresholdFen: -1n }, ['免缴合同金额标准不能为负数']],
    ['reduce after 0 years', { reduceAfterCleanYears: 0 }, ['下调比例所需无拖欠年数应为1–99的整数']],
    ['exempt after 2.5 years', { exemptAfterCleanYears: 2.5 }, ['免缴所需无拖欠年数应为1–99的整数']],
    ['exempt before reduce', { reduceAfterCleanYears: 3, exemptAfterCleanYears: 2 }, ['免缴所需无拖欠年数不能少于下调比例所需年数']],
    ['reduce below 50% (降幅不低于50%)', { reducePct: 40 }, ['无拖欠下调幅度应在50%–99%之间']],
    ['reduce 100%', { reducePct: 100 }, ['无拖欠下调幅度应在50%–99%之间']],
    ['arrears increase below 50%', { arrearsIncreasePct: 30 }, ['有拖欠提高幅度应在50%–1000%之间']],
    ['list increase below 100%', { blacklistIncreasePct: 50 }, ['列入严重失信主体名单提高幅度应在100%–1000%之间']],
    ['list increase a fraction', { blacklistIncreasePct: 100.5 }, ['列入严重失信主体名单提高幅度应在100%–1000%之间']],
  ])('reports %s', (_n, p, problems) => {
    expect(ratioParamProblems(params(p))).toEqual(problems);
  });

  it('reports every problem at once', () => {
    const problems = ratioParamProblems({
      baseRatioPpm: 50000,
      minRatioPpm: 10000,
      maxRatioPpm: 30000,
      capFen: 0n,
      multiProjectRatioPpm: 60000,
      floorPpm: 1000,
      exemptionThresholdFen: -5n,
      reduceAfterCleanYears: 0,
      reducePct: 10,
      exemptAfterCleanYears: 0,
      arrearsIncreasePct: 10,
      blacklistIncreasePct: 10,
    });
    expect(problems).toEqual([
      '基础比例应在1%–3%之间',
      '多项目最低比例不得低于0.5%',
      '多项目比例不能高于基础比例',
      '单个项目存储上限应大于0',
      '免缴合同金额标准不能为负数',
      '下调比例所需无拖欠年数应为1–99的整数',
      '免缴所需无拖欠年数应为1–99的整数',
      '无拖欠下调幅度应在50%–99%之间',
      '有拖欠提高幅度应在50%–1000%之间',
      '列入严重失信主体名单提高幅度应在100%–1000%之间',
    ]);
  });
});

describe('deriveEnterpriseRecord', () => {
  const SIGNING = '2025-06-15';
  type Entry = Parameters<typeof deriveEnterpriseRecord>[0]['entries'][number];
  const derive = (entries: Entry[], firstActivityInRegion: string | null = null, signingDate = SIGNING) =>
    deriveEnterpriseRecord({ entries, signingDate, firstActivityInRegion, otherProjectsUnderConstructionInRegion: 0, realNameAndSpecialAccountMet: false });
  const arrears = (occurredOn: string, removedOn?: string | null): Entry => ({ kind: 'arrears', occurredOn, removedOn });
  const listed = (occurredOn: string, removedOn?: string | null): Entry => ({ kind: 'serious_dishonest', occurredOn, removedOn });

  it('no entries and no activity: a clean record with 0 clean years', () => {
    expect(derive([])).toEqual(clean);
  });

  it('passes the project counts and the duties through', () => {
    const r = deriveEnterpriseRecord({ entries: [], signingDate: SIGNING, firstActivityInRegion: null, otherProjectsUnderConstructionInRegion: 4, realNameAndSpecialAccountMet: true });
    expect(r.otherProjectsUnderConstructionInRegion).toBe(4);
    expect(r.realNameAndSpecialAccountMet).toBe(true);
  });

  it.each([
    ['2023-06-15', 2], // exactly two years
    ['2023-06-16', 1], // one day short: 1.99… years is 1
    ['2022-06-15', 3], // exactly three years
    ['2022-06-16', 2],
    ['2025-06-15', 0], // started on the signing date
    ['2025-06-16', 0], // first activity after signing
    ['2015-01-01', 10],
  ])('first activity %s → %i clean years', (first, years) => {
    expect(derive([], first).cleanYearsInRegion).toBe(years);
  });

  // The windows are half-open [signing − n years, signing): the day exactly one year before is inside.
  it.each<[string, boolean, boolean]>([
    ['2025-06-14', true, true], // the day before signing
    ['2024-06-15', true, true], // exactly one year before: inside the year
    ['2024-06-14', false, true], // one year and a day before: outside the year, inside the two
    ['2023-06-15', false, true], // exactly two years before: inside the two years
    ['2023-06-14', false, false], // two years and a day: outside
    ['2025-06-15', false, false], // on the signing date: not "before signing"
    ['2025-06-16', false, false], // after signing: ignored
  ])('arrears on %s → year before %s, two years %s', (on, inYear, inTwo) => {
    const r = derive([arrears(on)], '2010-01-01');
    expect(r.arrearsInYearBeforeSigning).toBe(inYear);
    expect(r.arrearsInTwoYearsBefore).toBe(inTwo);
  });

  it('counts clean years from the last arrears on or before signing', () => {
    expect(derive([arrears('2022-06-15'), arrears('2021-03-01')], '2015-01-01').cleanYearsInRegion).toBe(3);
    expect(derive([arrears('2022-06-16'), arrears('2021-03-01')], '2015-01-01').cleanYearsInRegion).toBe(2);
    expect(derive([arrears('2023-06-15')], '2015-01-01').cleanYearsInRegion).toBe(2);
    expect(derive([arrears('2025-06-15')], '2015-01-01').cleanYearsInRegion).toBe(0); // arrears on the signing date
    expect(derive([arrears('2025-06-16')], '2015-01-01').cleanYearsInRegion).toBe(10); // after signing: ignored
  });

  it('counts from the first activity when that is later than the last arrears', () => {
    expect(derive([arrears('2018-05-05')], '2020-01-01').cleanYearsInRegion).toBe(5);
  });

  it('has 0 clean years without activity in the region, whatever the arrears', () => {
    expect(derive([arrears('2010-01-01')], null).cleanYearsInRegion).toBe(0);
  });

  it('ignores removedOn on arrears', () => {
    const r = derive([arrears('2025-01-01', '2025-02-01')], '2010-01-01');
    expect(r.arrearsInYearBeforeSigning).toBe(true);
    expect(r.cleanYearsInRegion).toBe(0);
  });

  it.each<[string, Entry[], boolean]>([
    ['listed before, never removed', [listed('2024-01-01')], true],
    ['listed before, removedOn null', [listed('2024-01-01', null)], true],
    ['listed on the signing date', [listed('2025-06-15')], true],
    ['listed after signing', [listed('2025-06-16')], false],
    ['removed the day after signing', [listed('2024-01-01', '2025-06-16')], true],
    ['removed on the signing date', [listed('2024-01-01', '2025-06-15')], false],
    ['removed before signing', [listed('2020-01-01', '2023-01-01')], false],
    ['removed before, listed again', [listed('2020-01-01', '2023-01-01'), listed('2024-01-01')], true],
    ['listed long ago, still on', [listed('2010-01-01')], true],
  ])('严重失信: %s → %s', (_n, entries, on) => {
    expect(derive(entries).onSeriousDishonestList).toBe(on);
  });

  it('a listing alone is not an arrears entry', () => {
    const r = derive([listed('2025-01-01')], '2015-01-01');
    expect(r.arrearsInYearBeforeSigning).toBe(false);
    expect(r.arrearsInTwoYearsBefore).toBe(false);
    expect(r.cleanYearsInRegion).toBe(10);
  });

  it('29 February: a year before is 28 February; anniversaries fall on 28 February in common years', () => {
    expect(derive([arrears('2023-02-28')], null, '2024-02-29').arrearsInYearBeforeSigning).toBe(true);
    expect(derive([arrears('2023-02-27')], null, '2024-02-29').arrearsInYearBeforeSigning).toBe(false);
    expect(derive([arrears('2022-02-28')], null, '2024-02-29').arrearsInTwoYearsBefore).toBe(true);
    expect(derive([arrears('2022-02-27')], null, '2024-02-29').arrearsInTwoYearsBefore).toBe(false);
    expect(derive([], '2020-02-29', '2021-02-28').cleanYearsInRegion).toBe(1);
    expect(derive([], '2020-02-29', '2021-02-27').cleanYearsInRegion).toBe(0);
    expect(derive([], '2020-02-29', '2024-02-28').cleanYearsInRegion).toBe(3);
    expect(derive([], '2020-02-29', '2024-02-29').cleanYearsInRegion).toBe(4);
  });

  it.each(['2025-02-30', '2025-13-01', '2025/06/15', '2025-6-15', '', '20250615'])('refuses the date %j', (bad) => {
    expect(() => derive([], null, bad)).toThrow(RangeError);
    expect(() => derive([arrears(bad)])).toThrow(RangeError);
    expect(() => derive([], bad)).toThrow(RangeError);
    expect(() => derive([listed('2020-01-01', bad)])).toThrow(RangeError);
  });

  it('feeds computeRequiredDeposit end to end', () => {
    const record = deriveEnterpriseRecord({
      entries: [arrears('2022-03-01')],
      signingDate: '2025-03-01',
      firstActivityInRegion: '2018-07-01',
      otherProjectsUnderConstructionInRegion: 0,
      realNameAndSpecialAccountMet: true,
    });
    expect(record).toEqual(rec({ cleanYearsInRegion: 3, realNameAndSpecialAccountMet: true }));
    const r = computeRequiredDeposit({ contractAmountFen: fen('8,000,000.00'), params: DEFAULT_RATIO_PARAMS, record });
    expect(r.ratioText).toBe('1.00%');
    expect(r.requiredFen).toBe(fen('80,000.00'));
    expect(r.exemptionAllowed).toBe(true);
  });
});
