import { describe, expect, it } from 'vitest';
import { addYears, guaranteeTermProblem, minimumGuaranteeEnd } from './guarantee-term';

describe('保函期限', () => {
  const base = { from: '2026-03-02', plannedEnd: '2026-12-31', today: '2026-03-02' };
  it('needs one whole year, both ends included', () => {
    expect(guaranteeTermProblem({ ...base, to: '2027-03-01' })).toBeNull();
    expect(guaranteeTermProblem({ ...base, to: '2027-02-28' })).toBe('保函期限不得少于一年：自 2026-03-02 起应至少到 2027-03-01');
    expect(guaranteeTermProblem({ ...base, to: '2026-03-01' })).toBe('保函期限的结束日期不能早于开始日期');
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
  });
  it('and the remaining construction period to 计划竣工日期', () => {
    const long = { ...base, plannedEnd: '2027-06-30' };
    expect(guaranteeTermProblem({ ...long, to: '2027-06-30' })).toBeNull();
    expect(guaranteeTermProblem({ ...long, to: '2027-06-29' })).toBe('保函期限不得短于剩余工期：应至少到 2027-06-30（计划竣工日期 2027-06-30）');
    // starting later than today: the term must still be as long as what remains of the works
    expect(minimumGuaranteeEnd({ ...long, from: '2026-04-01' }).remaining).toBe('2027-07-30');
  });
});
