import type { Role } from '../roles';
import { depositWorkflow } from './deposit';
import { PROJECT_COMPLETED, type DepositStatus, type ProjectStatus } from './project';
import { quotaWorkflow } from './quota';

/** Workflow actions started from a project (not on an existing object), as `${workflow}.${action}`. */
export const PROJECT_ACTIONS = ['quota.submit'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/**
 * What the acting user may start from this project, from the definitions: 定额申请 is the quota
 * workflow's `submit` (its role, `owner`, `projectOpen`) and needs the deposit table to allow
 * `quota_submitted` (未申请: nothing live).
 */
export function projectAllowedActions(role: Role, p: { status: ProjectStatus; depositStatus: DepositStatus }, owner: boolean): ProjectAction[] {
  const submit = quotaWorkflow.actions.submit;
  const mayApply =
    (submit.roles ?? []).includes(role) && owner && p.status !== PROJECT_COMPLETED && depositWorkflow.can('quota_submitted', p.depositStatus);
  return mayApply ? ['quota.submit'] : [];
}
