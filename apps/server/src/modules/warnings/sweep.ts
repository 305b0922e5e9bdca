import type { WarningClearReason, WorkCalendar } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import { recordEvents, type NewEvent } from '../../platform/outbox';
import type { ProjectFacts } from '../projects/repositories/warning-reads';
import * as repo from './repository';
import type { WarningCandidate, WarningRule } from './rules';

/** Topic of a raised warning: messages and SMS follow (modules/messages/notifications.ts). */
export const WARNING_RAISED = 'warning.raised';

export interface WarningRaisedPayload {
  warningId: string;
  type: string;
  projectId: string;
  projectName: string;
  enterpriseOrgId: string;
  hrssOrgId: string;
  addresseeOrgId: string | null;
  dueOn: string;
  detail: string;
}

export interface SweepDeps {
  rules: WarningRule[];
  projects(tx: Tx, ids: bigint[]): Promise<ProjectFacts[]>;
  /** read in the sweep's transaction */
  calendar(tx: Tx): Promise<WorkCalendar>;
}

export interface SweepResult {
  raised: number;
  cleared: number;
  open: number;
}

const key = (w: { type: string; objectType: string; objectId: string }) => `${w.type}|${w.objectType}|${w.objectId}`;

/**
 * Brings the open warnings in line with the rules, in the caller's transaction (the daily job's, or
 * the event handler's): every candidate not open yet is raised (with a WARNING_RAISED event, so its
 * messages and SMS follow after commit), every open warning of a rule's types that the rule no
 * longer returns is cleared (情况已消除). `projectIds` limits both sides to those projects.
 */
export async function sweepWarnings(tx: Tx, deps: SweepDeps, now: Date, projectIds?: bigint[]): Promise<SweepResult> {
  const today = shanghaiDate(now);
  const calendar = await deps.calendar(tx);
  const factCache = new Map<bigint, ProjectFacts>();
  const projects = async (ids: bigint[]) => {
    const missing = ids.filter((id) => !factCache.has(id));
    for (let i = 0; i < missing.length; i += 1000) for (const p of await deps.projects(tx, missing.slice(i, i + 1000))) factCache.set(p.id, p);
    return new Map(ids.filter((id) => factCache.has(id)).map((id) => [id, factCache.get(id)!]));
  };
  const result: SweepResult = { raised: 0, cleared: 0, open: 0 };
  for (const rule of deps.rules) {
    const wanted = new Map<string, WarningCandidate>();
    for (const c of await rule.candidates(tx, { now, today, calendar, projectIds, projects })) wanted.set(key(c), c);
    const open = await repo.openWarnings(tx, rule.types, projectIds);
    const openKeys = new Set(open.map(key));
    const gone = open.filter((w) => !wanted.has(key(w))).map((w) => w.id);
    result.cleared += (await repo.clearWarnings(tx, gone, now, 'resolved' satisfies WarningClearReason)).length;
    const fresh = [...wanted.values()].filter((c) => !openKeys.has(key(c)));
    const names = fresh.length ? await projects([...new Set(fresh.map((c) => c.projectId))]) : new Map<bigint, ProjectFacts>();
    // one multi-row insert per 1,000 (a first sweep at 1M projects raises thousands), one for their events
    const inserted = await repo.insertWarnings(
      tx,
      fresh.map((c) => ({ type: c.type, objectType: c.objectType, objectId: c.objectId, projectId: c.projectId, enterpriseOrgId: c.enterpriseOrgId, hrssOrgId: c.hrssOrgId, authorityOrgId: c.authorityOrgId, addresseeOrgId: c.addresseeOrgId ?? null, dueOn: c.dueOn, detail: c.detail, raisedAt: now })),
    );
    const events: NewEvent[] = [];
    for (const c of fresh) {
      const id = inserted.get(key(c));
      if (id === undefined) continue; // raised meanwhile by another sweep
      result.raised++;
      const payload: WarningRaisedPayload = {
        warningId: String(id),
        type: c.type,
        projectId: String(c.projectId),
        projectName: names.get(c.projectId)?.name ?? '',
        enterpriseOrgId: c.enterpriseOrgId,
        hrssOrgId: c.hrssOrgId,
        addresseeOrgId: c.addresseeOrgId ?? null,
        dueOn: c.dueOn,
        detail: c.detail,
      };
      events.push({ topic: WARNING_RAISED, aggregateType: 'warning', aggregateId: String(id), payload: { ...payload } });
    }
    await recordEvents(tx, now, events);
    result.open += wanted.size;
  }
  return result;
}

/** 注销 approved: every open warning of the project is lifted, in the approval's transaction. */
export async function clearAllForProject(tx: Tx, projectId: bigint, now: Date): Promise<number> {
  return (await repo.clearProjectWarnings(tx, projectId, now, 'project_cancelled' satisfies WarningClearReason)).length;
}
