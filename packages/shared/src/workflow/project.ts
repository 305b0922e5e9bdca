/** 工程状态 (SPEC §4): derived from the progress dates. */
export const PROJECT_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const projectStatusLabels: Record<ProjectStatus, string> = {
  not_started: '未开工',
  in_progress: '在建',
  completed: '竣工',
};

/** 保证金状态 of a project, driven by its applications (quota, payment, filing, cancellation). */
export const DEPOSIT_STATUSES = [
  'none',
  'quota_review',
  'to_pay',
  'exempted',
  'deferred',
  'paying',
  'paid',
  'filing',
  'filed',
  'cancelling',
  'cancelled',
] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];
export const depositStatusLabels: Record<DepositStatus, string> = {
  none: '未申请',
  quota_review: '定额审核中',
  to_pay: '待缴纳',
  exempted: '已免缴',
  deferred: '已缓缴',
  paying: '缴纳中',
  paid: '已缴纳',
  filing: '备案中',
  filed: '已备案',
  cancelling: '注销中',
  cancelled: '已注销',
};

/** 工程状态 from the progress: 竣工 once the actual completion date is on or before today. */
export function deriveProjectStatus(p: { actualStart: string | null; actualCompletion: string | null }, today: string): ProjectStatus {
  if (p.actualCompletion && p.actualCompletion <= today) return 'completed';
  if (p.actualStart && p.actualStart <= today) return 'in_progress';
  return 'not_started';
}

/** 工期 in calendar days, both ends included (2024-09-30 ~ 2025-11-29 → 426). */
export function durationDays(start: string, end: string): number {
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** 竣工: no new quota application (SPEC §5), and 注销 becomes possible (SPEC §8). */
export const PROJECT_COMPLETED = 'completed' as const satisfies ProjectStatus;
/** 在建: counted among the enterprise's projects under construction in a region (SPEC §5 floor). */
export const PROJECT_UNDER_CONSTRUCTION = 'in_progress' as const satisfies ProjectStatus;
