import { defineWorkflow } from './define';
import { permissions } from '../permissions';
import type { OpenEventType } from '../schemas/open';

/**
 * 保险办理 (SPEC §6, manual 2.2.2): the enterprise asks several insurers at once (one order each, 核保中);
 * each insurer approves with its final 费率 / 保费 or refuses; the enterprise pays one approved order
 * (立即支付: this one 待支付, every other order of the application 已关闭, one transaction); it pays
 * offline and uploads the 支付凭证; the insurer confirms the money (已支付) and issues the policy
 * (订单已完成); 申请发票 → the insurer uploads the invoice. The codes are the open API's status names
 * of SPEC §13.
 */
export const INSURANCE_ORDER_STATUSES = ['underwriting', 'approved', 'refused', 'paying', 'paid', 'issued', 'closed'] as const;
export type InsuranceOrderStatus = (typeof INSURANCE_ORDER_STATUSES)[number];
export const insuranceOrderStatusLabels: Record<InsuranceOrderStatus, string> = {
  underwriting: '核保中',
  approved: '核保通过',
  refused: '核保未通过',
  paying: '待支付',
  paid: '已支付',
  issued: '订单已完成',
  closed: '已关闭',
};

/** Orders still alive (not refused, closed, or beyond the point where they can be closed). */
export const INSURANCE_LIVE_STATUSES: readonly InsuranceOrderStatus[] = ['underwriting', 'approved', 'paying'];

type InsuranceCondition = 'voucher' | 'noVoucher' | 'invoiceRequested' | 'noInvoiceRequest' | 'noInvoice';

export const insuranceOrderWorkflow = defineWorkflow<
  InsuranceOrderStatus,
  'submit' | 'approve' | 'refuse' | 'pay' | 'close' | 'voucher' | 'confirmPayment' | 'issuePolicy' | 'requestInvoice' | 'invoice' | 'switchClose',
  InsuranceCondition,
  'insurance_order'
>({
  name: 'insurance_order',
  states: insuranceOrderStatusLabels,
  actions: {
    submit: { label: '提交投保订单', from: [], to: 'underwriting', creates: true, roles: permissions['insurance.apply'] },
    approve: { label: '核保通过', auditLabel: '保险公司核保通过', from: ['underwriting'], to: 'approved', roles: permissions['insurance.insurer'] },
    refuse: { label: '核保不通过', auditLabel: '保险公司核保不通过', from: ['underwriting'], to: 'refused', roles: permissions['insurance.insurer'] },
    pay: { label: '立即支付', auditLabel: '选择投保订单立即支付（其他订单自动关闭）', from: ['approved'], to: 'paying', roles: permissions['insurance.apply'] },
    close: { label: '关闭订单', auditLabel: '企业关闭投保订单', from: ['underwriting', 'approved'], to: 'closed', roles: permissions['insurance.apply'] },
    voucher: { label: '上传支付凭证', from: ['paying'], to: 'paying', roles: permissions['insurance.apply'], when: ['noVoucher'] },
    confirmPayment: { label: '收款确认', auditLabel: '保险公司确认收款', from: ['paying'], to: 'paid', roles: permissions['insurance.insurer'], when: ['voucher'] },
    issuePolicy: { label: '出单', auditLabel: '保险公司出具保单', from: ['paid'], to: 'issued', roles: permissions['insurance.insurer'] },
    requestInvoice: { label: '申请发票', from: ['issued'], to: 'issued', roles: permissions['insurance.apply'], when: ['noInvoiceRequest'] },
    invoice: { label: '上传发票', auditLabel: '保险公司上传发票', from: ['issued'], to: 'issued', roles: permissions['insurance.insurer'], when: ['invoiceRequested', 'noInvoice'] },
    // the platform's: another order of the application was chosen, or the enterprise switched ways
    switchClose: { label: '关闭投保订单（自动）', auditLabel: '自动关闭投保订单（已选择其他订单或切换缴纳方式）', from: ['underwriting', 'approved', 'paying'], to: 'closed' },
  },
});
export type InsuranceOrderAction = (typeof insuranceOrderWorkflow.actionNames)[number];

/** 立即支付's confirmation (manual 2.2.2). */
export const INSURANCE_PAY_CONFIRM_TEXT = '立即支付后，其他订单将自动关闭。确定选择该订单支付吗？';
/** The 收银台's two warnings (manual 2.2.2). */
export const INSURANCE_CASHIER_WARNINGS = ['请使用与投保人企业一致的企业账户支付!', '选择一家保险公司进行支付并出单成功后, 其余保险公司订单将自动关闭, 请勿支付多笔订单。'] as const;
export const INSURANCE_FINAL_FIGURES_NOTE = '保险费率和保费金额以保险公司最终数据为准';

/** 产品类型 (manual: 项目版). */
export const INSURANCE_PRODUCT_TYPES = ['project', 'annual'] as const;
export type InsuranceProductType = (typeof INSURANCE_PRODUCT_TYPES)[number];
export const insuranceProductTypeLabels: Record<InsuranceProductType, string> = { project: '项目版', annual: '年度版' };

/** 投保人类型. */
export const INSURANCE_APPLICANT_TYPES = ['contractor', 'subcontractor'] as const;
export type InsuranceApplicantType = (typeof INSURANCE_APPLICANT_TYPES)[number];
export const insuranceApplicantTypeLabels: Record<InsuranceApplicantType, string> = { contractor: '施工单位', subcontractor: '分包单位' };

/** 企业资质 (manual: 综合资质 | 甲级 | 乙级 | 特级 | 一级 | 二级 | 三级 | 其他). */
export const INSURANCE_QUALIFICATIONS = ['comprehensive', 'class_a', 'class_b', 'special', 'grade_1', 'grade_2', 'grade_3', 'other'] as const;
export type InsuranceQualification = (typeof INSURANCE_QUALIFICATIONS)[number];
export const insuranceQualificationLabels: Record<InsuranceQualification, string> = {
  comprehensive: '综合资质',
  class_a: '甲级',
  class_b: '乙级',
  special: '特级',
  grade_1: '一级',
  grade_2: '二级',
  grade_3: '三级',
  other: '其他',
};

/** 相关文件 of a product. */
export const INSURANCE_PRODUCT_DOCS = ['clauses', 'proposal', 'counter_guarantee'] as const;
export type InsuranceProductDoc = (typeof INSURANCE_PRODUCT_DOCS)[number];
export const insuranceProductDocLabels: Record<InsuranceProductDoc, string> = { clauses: '保险条款', proposal: '投保单', counter_guarantee: '反担保' };

export const INSURANCE_OPEN_EVENT_TYPES = {
  submitted: 'insurance_order.submitted',
  closed: 'insurance_order.closed',
  paying: 'insurance_order.paying',
  invoiceRequested: 'insurance_order.invoice_requested',
} as const satisfies Record<string, OpenEventType>;
