import { z } from 'zod';
import { zFilterText, zPageQuery } from './common';
import { ROLES } from '../roles';
import { AUDIT_ACTION_LABELS } from '../audit-actions';

export const USER_STATUSES = ['active', 'disabled'] as const;
export const userStatusLabels = { active: '正常', disabled: '已停用' } as const;

export const zUserListQuery = zPageQuery.extend({
  keyword: zFilterText,
  role: z.enum(ROLES, { error: '角色不正确' }).optional(),
  status: z.enum(USER_STATUSES, { error: '状态不正确' }).optional(),
});

export const zUserRow = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  orgName: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

export const zAuditListQuery = zPageQuery.extend({
  action: zFilterText,
  actor: zFilterText,
  targetType: zFilterText,
  targetId: zFilterText,
  from: z.iso.date({ error: '开始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '结束日期格式应为 YYYY-MM-DD' }).optional(),
});

export const zAuditRow = z.object({
  id: z.string(),
  at: z.string(),
  actorPhone: z.string().nullable(),
  actorRole: z.string().nullable(),
  /** an open API call: the API client's appId (actorPhone is null then) */
  actorClient: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** Server-resolved name of the target (工程名称, 单位名称, 手机号 姓名, …); null when unknown or deleted. */
  targetLabel: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

/** Why a login failed (`after.reason` of a `user.login.failed` audit row; 等保2.0 asks for every one). */
export const LOGIN_FAILURE_REASONS = ['unknown_account', 'wrong_password', 'sms_code_invalid', 'locked', 'disabled'] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];
export const loginFailureReasonLabels: Record<LoginFailureReason, string> = {
  unknown_account: '账户不存在',
  wrong_password: '密码错误',
  sms_code_invalid: '短信验证码错误或已失效',
  locked: '账户已锁定',
  disabled: '账户已停用',
};

/** Chinese names of audited actions, for the audit screen: every code the server writes (audit-actions.ts). */
export const auditActionLabels: Record<string, string> = AUDIT_ACTION_LABELS;
