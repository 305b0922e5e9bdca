import { certificationWorkflow } from './workflow/certification';
import { depositAuditLabels } from './workflow/deposit';
import { offlineGuaranteeWorkflow } from './workflow/offline-guarantee';
import { quotaWorkflow } from './workflow/quota';
import { insuranceOrderWorkflow } from './workflow/insurance';
import { cancellationWorkflow, filingWorkflow, returnWorkflow } from './workflow/closure';
import { depositUseWorkflow, useReplenishmentWorkflow, useTransferWorkflow } from './workflow/deposit-use';
import { cashDepositWorkflow, guaranteeApplicationWorkflow, paymentAttemptWorkflow } from './workflow/payment';

/**
 * Every audit action code the server writes, with its Chinese label (ADR 017). `writeAudit` takes
 * an `AuditAction`, so an unregistered code is a type error; the workflows' codes and labels come
 * from their definitions (`quota.approve` → 定额申请审核通过), the deposit's from its table.
 */
const platformActions = {
  'user.register': '注册账户',
  'user.login': '登录',
  'user.login.failed': '登录失败',
  'user.logout': '退出登录',
  'user.lock': '账户锁定',
  'user.unlock': '解除锁定',
  'user.disable': '停用账户',
  'user.enable': '启用账户',
  'user.create': '新增用户',
  'user.password.reset': '短信重置密码',
  'user.password.change': '修改密码',
  'user.password.admin-reset': '管理员重置密码',
  'file.upload': '上传文件',
  'file.purge-orphans': '清理孤立上传文件',
  'organization.create': '新增单位',
  'organization.update': '修改单位',
  'region.update': '修改地区',
  'mapping.create': '新增监管单位对应',
  'mapping.delete': '删除监管单位对应',
  'dict.create': '新增字典项',
  'dict.update': '修改字典项',
  'dict.delete': '删除字典项',
  'ratio.update': '修改保证金比例参数',
  'calendar.override': '设置工作日调整',
  'calendar.override.delete': '删除工作日调整',
  // issue 15: 节假日安排 by year (ADR 036), 消息中心 (ADR 038)
  'calendar.year.update': '录入节假日安排',
  'calendar.year.confirm': '确认节假日安排',
  'project.create': '新建项目',
  'project.update': '修改项目信息',
  'project.progress': '更新工程进度',
  'arrears.create': '登记欠薪失信记录',
  'arrears.remove': '移除欠薪失信记录',
  'compliance.update': '更新实名制和专户落实情况',
  'bank_offer.update': '修改银行专户与保函业务信息',
  'guarantee.register': '登记保函（保函管理）',
  // 保险办理's catalogue (issue 12)
  'insurance_product.create': '新增保险产品',
  'insurance_product.update': '修改保险产品',
  'insurance_product.withdraw': '下架保险产品',
  'insurer_account.update': '修改保险公司收款账户',
  'guarantee.claim': '保函理赔（保证金动用）',
  'openapi.client.create': '注册开放接口客户端',
  'openapi.client.disable': '停用开放接口客户端',
  // issue 13
  'guarantee.release': '释放保函（注销）',
} as const;

type WorkflowAuditCode<N extends string, A extends string> = `${N}.${A}`;
type QuotaAuditCode = WorkflowAuditCode<'quota', Exclude<(typeof quotaWorkflow.actionNames)[number], 'resubmit'>>;
type CertificationAuditCode = WorkflowAuditCode<'certification', Exclude<(typeof certificationWorkflow.actionNames)[number], 'resubmit'>>;
type OfflineGuaranteeAuditCode = WorkflowAuditCode<'offline_guarantee', (typeof offlineGuaranteeWorkflow.actionNames)[number]>;
type PaymentAuditCode =
  | WorkflowAuditCode<'payment', (typeof paymentAttemptWorkflow.actionNames)[number]>
  | WorkflowAuditCode<'cash_deposit', Exclude<(typeof cashDepositWorkflow.actionNames)[number], 'complete'>>
  | WorkflowAuditCode<'guarantee_application', (typeof guaranteeApplicationWorkflow.actionNames)[number]>;

type InsuranceAuditCode = WorkflowAuditCode<'insurance_order', (typeof insuranceOrderWorkflow.actionNames)[number]>;

export type AuditAction = keyof typeof platformActions | QuotaAuditCode | CertificationAuditCode | PaymentAuditCode | OfflineGuaranteeAuditCode | InsuranceAuditCode | keyof typeof depositAuditLabels | ClosureAuditCode | DepositUseAuditCode;
type ClosureAuditCode =
  | WorkflowAuditCode<'filing', Exclude<(typeof filingWorkflow.actionNames)[number], 'resubmit'>>
  | WorkflowAuditCode<'cancellation', Exclude<(typeof cancellationWorkflow.actionNames)[number], 'resubmit'>>
  | WorkflowAuditCode<'return_confirmation', (typeof returnWorkflow.actionNames)[number]>;

// 保证金动用 (SPEC §9)
type DepositUseAuditCode =
  | WorkflowAuditCode<'deposit_use', (typeof depositUseWorkflow.actionNames)[number]>
  | WorkflowAuditCode<'use_transfer', (typeof useTransferWorkflow.actionNames)[number]>
  | WorkflowAuditCode<'use_replenishment', (typeof useReplenishmentWorkflow.actionNames)[number]>;


/** Chinese names of every audited action, for the audit screen and its filter. */
export const AUDIT_ACTION_LABELS = {
  ...platformActions,
  ...quotaWorkflow.auditLabels(),
  ...certificationWorkflow.auditLabels(),
  ...paymentAttemptWorkflow.auditLabels(),
  ...cashDepositWorkflow.auditLabels(),
  ...guaranteeApplicationWorkflow.auditLabels(),
  ...offlineGuaranteeWorkflow.auditLabels(),
  ...insuranceOrderWorkflow.auditLabels(),
  ...filingWorkflow.auditLabels(),
  ...cancellationWorkflow.auditLabels(),
  ...returnWorkflow.auditLabels(),
  ...depositAuditLabels,
  ...depositUseWorkflow.auditLabels(),
  ...useTransferWorkflow.auditLabels(),
  ...useReplenishmentWorkflow.auditLabels(),
} as Record<AuditAction, string>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export const isAuditAction = (code: string): code is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, code);
