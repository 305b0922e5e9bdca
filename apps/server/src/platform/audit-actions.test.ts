import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabels, certificationWorkflow, DEPOSIT_EVENTS, quotaWorkflow } from '@benxi/shared';

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every audit code the server writes: literals after `action:` and the workflows' `auditCode('…')`. */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(serverSrc)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,\n}]+)/g)) for (const q of m[1]!.matchAll(/'([a-z][a-z_-]*(?:\.[a-z][a-z_-]*)+)'/g)) codes.add(q[1]!);
    for (const m of text.matchAll(/(quota|certification)Workflow\.auditCode\('([a-z_]+)'\)/g)) codes.add(`${m[1]}.${m[2]}`);
    // decide-certification.ts writes the code of the action it was given (approve or reject)
    if (text.includes('certificationWorkflow.auditCode(actionName)')) for (const a of ['approve', 'reject']) codes.add(`certification.${a}`);
  }
  return codes;
}

describe('audit action registry (packages/shared/src/audit-actions.ts)', () => {
  it('gives every code the server writes a Chinese label', () => {
    const codes = writtenCodes();
    expect(codes.size).toBeGreaterThan(30);
    const unlabelled = [...codes].filter((c) => !Object.hasOwn(AUDIT_ACTION_LABELS, c));
    expect(unlabelled).toEqual([]);
    for (const [code, label] of Object.entries(auditActionLabels)) expect(label, code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes the workflows’ codes from their definitions, and the deposit’s from its table', () => {
    expect(auditActionLabels['quota.approve']).toBe(quotaWorkflow.actions.approve.auditLabel);
    expect(auditActionLabels['certification.reject']).toBe(certificationWorkflow.actions.reject.auditLabel);
    for (const e of DEPOSIT_EVENTS) expect(auditActionLabels[`deposit.${e}`], e).toMatch(/^保证金状态变更：/);
    // a resubmission is audited as a submission: no label for a code nobody writes
    expect(Object.hasOwn(auditActionLabels, 'quota.resubmit')).toBe(false);
  });
});
