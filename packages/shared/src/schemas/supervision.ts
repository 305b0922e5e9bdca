import { z } from 'zod';
import { zBool, zDate, zFilterText, zPageQuery, zSnowflakeId } from './common';
import { WARNING_OBJECT_TYPES, WARNING_STATES, WARNING_TYPES, WARNING_CLEAR_REASONS } from '../workflow/warning';

// ------------------------------------------------------------------------------------------------
// 节假日安排 (ADR 036)

export const calendarYearLabels = { year: '年份', text: '节假日安排', confirmed: '已确认' } as const;

export const zCalendarYearParams = z.object({ year: z.coerce.number({ error: '年份应为数字' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }) });

/** PUT /admin/calendar-years/:year — the whole arrangement of the year (replaces what was there). */
export const zCalendarYearBody = z.object({
  text: z.string({ error: '请输入或粘贴节假日安排' }).max(20_000, { error: '节假日安排过长' }),
  confirmed: zBool(calendarYearLabels.confirmed),
});
export type TCalendarYearBody = z.infer<typeof zCalendarYearBody>;

export const zCalendarDay = z.object({ date: z.string(), workday: z.boolean(), note: z.string().optional() });
export const zCalendarYearView = z.object({
  year: z.number().int(),
  /** 'package': the official data shipped with chinese-days; 'admin': entered here */
  source: z.enum(['package', 'admin']),
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  days: z.array(zCalendarDay),
  /** the arrangement as text (for editing) */
  text: z.string(),
});
export type TCalendarYearView = z.infer<typeof zCalendarYearView>;

/** GET /calendar/status — for every signed-in page that shows a deadline. */
export const zCalendarStatus = z.object({
  confirmedYears: z.array(z.number().int()),
  /** the year the operator must confirm now (from 1 November of the year before), else null */
  yearToConfirm: z.number().int().nullable(),
});
export type TCalendarStatus = z.infer<typeof zCalendarStatus>;

// ------------------------------------------------------------------------------------------------
// 预警 (ADR 037)

export const warningLabels = {
  type: '预警类型',
  state: '状态',
  projectName: '项目名称',
  objectType: '预警对象',
  raisedAt: '预警时间',
  dueOn: '期限',
  clearedAt: '解除时间',
  clearedReason: '解除原因',
  enterpriseName: '施工企业',
  detail: '预警内容',
} as const;

export const zWarningListQuery = zPageQuery.extend({
  type: z.enum(WARNING_TYPES, { error: '预警类型不正确' }).optional(),
  state: z.enum(WARNING_STATES, { error: '状态不正确' }).optional(),
  projectName: zFilterText,
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  raisedFrom: zDate.optional(),
  raisedTo: zDate.optional(),
});
export type TWarningListQuery = z.input<typeof zWarningListQuery>;
export const zWarningExportQuery = zWarningListQuery.omit({ page: true, pageSize: true });

export const zWarning = z.object({
  id: z.string(),
  type: z.enum(WARNING_TYPES),
  objectType: z.enum(WARNING_OBJECT_TYPES),
  objectId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  state: z.enum(WARNING_STATES),
  raisedAt: z.string(),
  dueOn: z.string(),
  clearedAt: z.string().nullable(),
  clearedReason: z.enum(WARNING_CLEAR_REASONS).nullable(),
  /** one line in Chinese: what is late or expiring */
  detail: z.string(),
});
export type TWarning = z.infer<typeof zWarning>;
export const zWarningPage = z.object({ items: z.array(zWarning), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ------------------------------------------------------------------------------------------------
// 消息中心 (ADR 038)

export const MESSAGE_KINDS = ['warning', 'decision'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const messageKindLabels: Record<MessageKind, string> = { warning: '预警提醒', decision: '审核结果' };

export const zMessageListQuery = zPageQuery.extend({
  unread: z.enum(['1', '0'], { error: '筛选条件不正确' }).optional(),
  kind: z.enum(MESSAGE_KINDS, { error: '消息类型不正确' }).optional(),
});
export type TMessageListQuery = z.input<typeof zMessageListQuery>;
export const zMessage = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  /** a page of the web app ('/projects/123'), or null */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TMessage = z.infer<typeof zMessage>;
export const zMessagePage = z.object({ items: z.array(zMessage), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const zUnreadCount = z.object({ unread: z.number().int() });
export const zMessageIdParams = z.object({ id: zSnowflakeId('消息编号格式不正确') });

// ------------------------------------------------------------------------------------------------
// 短信记录 (ADR 038)

export const SMS_RECORD_STATUSES = ['queued', 'held', 'sent', 'failed', 'skipped'] as const;
export type SmsRecordStatus = (typeof SMS_RECORD_STATUSES)[number];
export const smsRecordStatusLabels: Record<SmsRecordStatus, string> = { queued: '待发送', held: '夜间暂缓（08:00 发送）', sent: '已发送', failed: '发送失败', skipped: '未发送（预警已解除）' };
export const zSmsRecordQuery = zPageQuery.extend({
  status: z.enum(SMS_RECORD_STATUSES, { error: '状态不正确' }).optional(),
  phone: zFilterText,
});
export const zSmsRecord = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  template: z.string(),
  templateLabel: z.string(),
  content: z.string(),
  status: z.enum(SMS_RECORD_STATUSES),
  result: z.string().nullable(),
  warningId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const zSmsRecordPage = z.object({ items: z.array(zSmsRecord), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ------------------------------------------------------------------------------------------------
// 首页 (ADR 039)

/** One figure of a 首页: its label, the number, and the list (path + query) whose total it equals. */
export const zDashboardFigure = z.object({ key: z.string(), label: z.string(), value: z.number().int(), link: z.string() });
export type TDashboardFigure = z.infer<typeof zDashboardFigure>;
export const zDashboardSeries = z.object({ key: z.string(), title: z.string(), items: z.array(zDashboardFigure) });
export const zDashboard = z.object({
  role: z.string(),
  figures: z.array(zDashboardFigure),
  charts: z.array(zDashboardSeries),
  calendar: zCalendarStatus,
});
export type TDashboard = z.infer<typeof zDashboard>;
