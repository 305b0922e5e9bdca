import { describe, expect, it } from 'vitest';
import { certificationWorkflow } from './certification';
import { defineWorkflow } from './define';
import { depositMove, depositWorkflow, DEPOSIT_EVENTS } from './deposit';
import { DEPOSIT_STATUSES, depositStatusLabels } from './project';
import { projectAllowedActions } from './project-actions';
import { canQuota, quotaWorkflow } from './quota';

describe('defineWorkflow', () => {
  it('refuses an action that names a state the workflow does not have', () => {
    expect(() =>
      defineWorkflow<'a' | 'b', 'go'>({ name: 'x', states: { a: '甲', b: '乙' }, actions: { go: { label: '前进', from: ['a'], to: 'c' as 'b' } } }),
    ).toThrow(/unknown state c/);
  });

  it('allowedActions = the state allows it, the role is listed, and every condition holds', () => {
    const all = () => true;
    expect(quotaWorkflow.allowedActions('pending', 'hrss', all)).toEqual(['approve', 'reject']);
    expect(quotaWorkflow.allowedActions('pending', 'enterprise', all)).toEqual(['withdraw']);
    expect(quotaWorkflow.allowedActions('pending', 'enterprise', (c) => c !== 'owner')).toEqual([]);
    expect(quotaWorkflow.allowedActions('rejected', 'enterprise', all)).toEqual(['resubmit']);
    expect(quotaWorkflow.allowedActions('rejected', 'enterprise', (c) => c !== 'projectOpen')).toEqual([]);
    expect(quotaWorkflow.allowedActions('rejected', 'enterprise', (c) => c !== 'latest')).toEqual([]);
    for (const role of ['authority', 'bank', 'insurer', 'admin'] as const) for (const s of quotaWorkflow.codes) expect(quotaWorkflow.allowedActions(s, role, all)).toEqual([]);
    for (const s of ['approved', 'withdrawn'] as const) for (const role of ['enterprise', 'hrss'] as const) expect(quotaWorkflow.allowedActions(s, role, all)).toEqual([]);
    expect(certificationWorkflow.allowedActions('pending', 'admin', all)).toEqual(['approve', 'reject']);
    expect(certificationWorkflow.allowedActions('rejected', 'enterprise', all)).toEqual(['resubmit']);
    expect(certificationWorkflow.allowedActions('approved', 'enterprise', all)).toEqual([]);
  });

  it('the old helpers read the definition', () => {
    expect(canQuota('approve', 'pending')).toBe(true);
    expect(canQuota('approve', 'withdrawn')).toBe(false);
    expect(canQuota('resubmit', 'rejected')).toBe(true);
  });
});

describe('the deposit table', () => {
  it('has the states of SPEC §4 with their labels, in order', () => {
    expect(depositWorkflow.codes).toEqual(DEPOSIT_STATUSES);
    expect(Object.values(depositStatusLabels)).toEqual(['未申请', '定额审核中', '待缴纳', '已免缴', '已缓缴', '缴纳中', '已缴纳', '备案中', '已备案', '注销中', '已注销']);
  });

  it('runs the main line 未申请 → … → 已注销 by events, each with one target', () => {
    const line = ['quota_submitted', 'quota_approved_general', 'payment_started', 'payment_covered', 'filing_submitted', 'filing_approved', 'cancellation_submitted', 'cancellation_approved'] as const;
    let s: (typeof DEPOSIT_STATUSES)[number] = 'none';
    const seen = [depositStatusLabels[s]];
    for (const e of line) {
      expect(depositWorkflow.can(e, s), `${e} from ${s}`).toBe(true);
      s = depositWorkflow.actions[e].to;
      seen.push(depositStatusLabels[s]);
    }
    expect(seen.join(' → ')).toBe('未申请 → 定额审核中 → 待缴纳 → 缴纳中 → 已缴纳 → 备案中 → 已备案 → 注销中 → 已注销');
  });

  it('待补足 is a flag: a use keeps the state and sets it; confirming needs it set', () => {
    expect(depositMove('use_recorded')).toMatchObject({ to: null, needsReplenish: true, requiresNeedsReplenish: null });
    expect(depositMove('replenishment_confirmed')).toMatchObject({ to: null, needsReplenish: false, requiresNeedsReplenish: true });
    expect(DEPOSIT_EVENTS).toHaveLength(depositWorkflow.actionNames.length + 2);
  });

  it('定额申请 from a project: the owner, not 竣工, and the deposit 未申请', () => {
    expect(projectAllowedActions('enterprise', { status: 'in_progress', depositStatus: 'none' }, true)).toEqual(['quota.submit']);
    expect(projectAllowedActions('enterprise', { status: 'completed', depositStatus: 'none' }, true)).toEqual([]);
    expect(projectAllowedActions('enterprise', { status: 'in_progress', depositStatus: 'quota_review' }, true)).toEqual([]);
    expect(projectAllowedActions('enterprise', { status: 'in_progress', depositStatus: 'none' }, false)).toEqual([]);
    expect(projectAllowedActions('hrss', { status: 'in_progress', depositStatus: 'none' }, true)).toEqual([]);
  });
});
