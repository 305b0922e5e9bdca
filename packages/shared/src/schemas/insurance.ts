import { z } from 'zod';
import { zBool, zDateOf, zFileId, zFilterText, zMoney, zOptionalText, zPageQuery, zSnowflakeId, zText, zUuid } from './common';
import { zOpenFile } from './open';
import {
  INSURANCE_APPLICANT_TYPES,
  INSURANCE_ORDER_STATUSES,
  INSURANCE_PRODUCT_DOCS,
  INSURANCE_PRODUCT_TYPES,
  INSURANCE_QUALIFICATIONS,
  insuranceOrderWorkflow,
} from '../workflow/insurance';
import { RATE_RE } from '../rules/premium';

/* 保险办理 (SPEC §6, manual 2.2.2, issue 12): the catalogue, the enterprise's quotes and orders, the insurer's actions. */

const zFileRef = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });

// ------------------------------------------------------------------------------------------------
// The catalogue (admin)

const zPercent = (label: string) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .refine((v) => /^\d{1,2}(\.\d{1,4})?$/.test(v) && v !== '0' && !/^0(\.0*)?$/.test(v), { error: `${label}应为大于 0 的百分比，最多四位小数（如 1 表示 1%）` });

export const zInsuranceProductRequest = z.object({
  insurerOrgId: zUuid,
  name: zText('产品名称', 100),
  productType: z.enum(INSURANCE_PRODUCT_TYPES, { error: '请选择产品类型' }),
  regions: z.array(z.string().regex(/^\d{6}$/, { error: '投保地区应为 6 位行政区划代码' }), { error: '请选择投保地区' }).min(1, { error: '请选择投保地区' }).max(50),
  applicantTypes: z.array(z.enum(INSURANCE_APPLICANT_TYPES, { error: '投保人类型不正确' })).min(1, { error: '请选择投保人类型' }),
  qualifications: z.array(z.enum(INSURANCE_QUALIFICATIONS, { error: '企业资质不正确' })).min(1, { error: '请选择企业资质' }),
  /** 建议年费率, in percent ("1" = 1%) */
  annualRatePercent: zPercent('建议年费率'),
  clausesFileId: zFileId('保险条款').optional(),
  proposalFileId: zFileId('投保单').optional(),
  counterGuaranteeFileId: zFileId('反担保').optional(),
});
export type TInsuranceProductRequest = z.infer<typeof zInsuranceProductRequest>;

export const zInsuranceProduct = z.object({
  id: z.string(),
  insurerOrgId: z.string(),
  insurerName: z.string(),
  name: z.string(),
  productType: z.enum(INSURANCE_PRODUCT_TYPES),
  regions: z.array(z.string()),
  applicantTypes: z.array(z.enum(INSURANCE_APPLICANT_TYPES)),
  qualifications: z.array(z.enum(INSURANCE_QUALIFICATIONS)),
  annualRatePercent: z.string(),
  annualRateText: z.string(),
  withdrawn: z.boolean(),
  documents: z.array(z.object({ kind: z.enum(INSURANCE_PRODUCT_DOCS), file: zFileRef })),
  updatedAt: z.string(),
});
export type TInsuranceProduct = z.infer<typeof zInsuranceProduct>;

export const zInsurerAccountRequest = z.object({
  accountName: zText('银行开户名', 100),
  accountBank: zText('开户银行', 100),
  accountNo: z
    .string({ error: '请输入银行账号' })
    .trim()
    .regex(/^\d{8,32}$/, { error: '银行账号应为 8 到 32 位数字' }),
});
export const zInsurer = z.object({
  orgId: z.string(),
  name: z.string(),
  account: z.object({ accountName: z.string(), accountBank: z.string(), accountNo: z.string() }).nullable(),
  products: z.number(),
});
export type TInsurer = z.infer<typeof zInsurer>;
export const zInsurerParams = z.object({ orgId: zUuid });
export const zInsuranceIdParams = z.object({ id: zSnowflakeId('编号格式不正确') });
export const zInsuranceProductListQuery = zPageQuery.extend({ insurerOrgId: zUuid.optional(), withdrawn: z.enum(['0', '1']).optional(), name: zFilterText });

// ------------------------------------------------------------------------------------------------
// The enterprise: quotes (参考保费), the 投保信息 form, orders

export const zInsuranceQuoteQuery = z.object({
  regionCode: z.string().regex(/^\d{6}$/, { error: '投保地区不正确' }).optional(),
  productType: z.enum(INSURANCE_PRODUCT_TYPES, { error: '产品类型不正确' }).optional(),
  applicantType: z.enum(INSURANCE_APPLICANT_TYPES, { error: '投保人类型不正确' }).optional(),
  qualification: z.enum(INSURANCE_QUALIFICATIONS, { error: '企业资质不正确' }).optional(),
  startOn: zDateOf('起保日期').optional(),
  endOn: zDateOf('终保日期').optional(),
});
export const zInsuranceQuote = z.object({
  productId: z.string(),
  productName: z.string(),
  productType: z.enum(INSURANCE_PRODUCT_TYPES),
  insurerOrgId: z.string(),
  insurerName: z.string(),
  annualRateText: z.string(),
  /** 保险费率 over 保障天数 */
  rate: z.string(),
  referencePremium: z.string(),
  documents: z.array(z.object({ kind: z.enum(INSURANCE_PRODUCT_DOCS), file: zFileRef })),
});
export const zInsuranceQuotes = z.object({
  projectId: z.string(),
  projectName: z.string(),
  projectAddress: z.string(),
  amount: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  durationDays: z.number(),
  projectNature: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  quotes: z.array(zInsuranceQuote),
});
export type TInsuranceQuotes = z.infer<typeof zInsuranceQuotes>;

export const zInsuranceApplicationRequest = z.object({
  projectId: zSnowflakeId('工程编号格式不正确'),
  regionCode: z.string({ error: '请选择投保地区' }).regex(/^\d{6}$/, { error: '投保地区不正确' }),
  productType: z.enum(INSURANCE_PRODUCT_TYPES, { error: '请选择产品类型' }),
  applicantType: z.enum(INSURANCE_APPLICANT_TYPES, { error: '请选择投保人类型' }),
  qualification: z.enum(INSURANCE_QUALIFICATIONS, { error: '请选择企业资质' }),
  productIds: z.array(zSnowflakeId('保险产品不正确'), { error: '请选择保险公司' }).min(1, { error: '请至少选择一家保险公司' }).max(10, { error: '最多选择 10 家保险公司' }),
  startOn: zDateOf('起保日期'),
  endOn: zDateOf('终保日期'),
  tenderFileId: zFileId('招标文件'),
  contractFileId: zFileId('施工合同').optional(),
  awardFileId: zFileId('中标通知书'),
  confirmSwitch: zBool('确认切换缴纳方式').optional(),
});
export type TInsuranceApplicationRequest = z.infer<typeof zInsuranceApplicationRequest>;

export const zInsuranceOrder = z.object({
  id: z.string(),
  applicationId: z.string(),
  businessNo: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  insuredName: z.string(),
  insurerOrgId: z.string(),
  insurerName: z.string(),
  productName: z.string(),
  status: z.enum(INSURANCE_ORDER_STATUSES),
  amount: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  referenceRate: z.string(),
  referencePremium: z.string(),
  finalRate: z.string().nullable(),
  finalPremium: z.string().nullable(),
  /** what the enterprise pays: the final 保费 once approved */
  payable: z.string(),
  refuseReason: z.string().nullable(),
  submittedAt: z.string(),
  approvedAt: z.string().nullable(),
  payingAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  policyNo: z.string().nullable(),
  policyFrom: z.string().nullable(),
  policyTo: z.string().nullable(),
  invoiceTitle: z.string().nullable(),
  invoiceTaxNo: z.string().nullable(),
  invoiceEmail: z.string().nullable(),
  invoiceRequestedAt: z.string().nullable(),
  /** the 收银台: the insurer's collection account */
  account: z.object({ accountName: z.string(), accountBank: z.string(), accountNo: z.string() }).nullable(),
  files: z.object({
    tender: zFileRef.nullable(),
    contract: zFileRef.nullable(),
    award: zFileRef.nullable(),
    voucher: zFileRef.nullable(),
    policy: zFileRef.nullable(),
    invoice: zFileRef.nullable(),
  }),
  allowedActions: z.array(z.enum(insuranceOrderWorkflow.actionNames)),
});
export type TInsuranceOrder = z.infer<typeof zInsuranceOrder>;

export const zInsuranceApplicationResult = z.object({ applicationId: z.string(), businessNo: z.string(), orders: z.array(zInsuranceOrder) });

export const zInsuranceOrderListQuery = zPageQuery.extend({
  status: z.enum(INSURANCE_ORDER_STATUSES, { error: '状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  applicationId: zSnowflakeId('投保编号格式不正确').optional(),
  projectName: zFilterText,
  todo: z.enum(['1']).optional(),
});

export const zInsuranceVoucherRequest = z.object({ voucherFileId: zFileId('支付凭证') });
export const zInsuranceInvoiceRequest = z.object({
  title: zText('发票抬头', 100),
  taxNo: z
    .string({ error: '请输入税号' })
    .trim()
    .regex(/^[0-9A-Z]{15,20}$/, { error: '税号应为 15 到 20 位数字或大写字母' }),
  email: z
    .string({ error: '请输入邮箱' })
    .trim()
    .email({ error: '邮箱格式不正确' })
    .max(100, { error: '邮箱不能超过100个字符' }),
});

// the insurer (portal); the open API's bodies follow below with the same fields
const zRate = z
  .string({ error: '请输入保险费率' })
  .trim()
  .refine((v) => RATE_RE.test(v) && !/^0(\.0*)?$/.test(v), { error: '保险费率应为 0 到 1 之间的小数，最多八位小数（如 0.00096）' });
export const zInsuranceApproveRequest = z.object({ rate: zRate, premium: zMoney('保费').optional() });
export const zInsuranceRefuseRequest = z.object({ reason: zText('不通过原因', 500) });
export const zInsurancePolicyRequest = z.object({
  policyNo: zText('保单号', 64),
  validFrom: zDateOf('保险起期'),
  validTo: zDateOf('保险止期'),
  policyFileId: zFileId('保单文件'),
});
export const zInsuranceInvoiceUpload = z.object({ invoiceFileId: zFileId('发票文件') });
export const zInsuranceRemark = zOptionalText('备注', 200);

// ------------------------------------------------------------------------------------------------
// The open API (SPEC §13)

export const zOpenInsuranceListQuery = zPageQuery.extend({
  status: z.enum(INSURANCE_ORDER_STATUSES, { error: 'status 应为 underwriting、approved、refused、paying、paid、issued 或 closed' }).optional(),
});
export const zOpenInsuranceOrder = z.object({
  no: z.string(),
  status: z.enum(INSURANCE_ORDER_STATUSES),
  businessNo: z.string(),
  projectNo: z.string(),
  projectName: z.string(),
  applicantName: z.string(),
  productName: z.string(),
  amount: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  referenceRate: z.string(),
  referencePremium: z.string(),
  rate: z.string().nullable(),
  premium: z.string().nullable(),
  refuseReason: z.string().nullable(),
  submittedAt: z.string(),
  voucherUploaded: z.boolean(),
  policy: z.object({ policyNo: z.string(), validFrom: z.string(), validTo: z.string() }).nullable(),
  invoiceRequest: z.object({ title: z.string(), taxNo: z.string(), email: z.string() }).nullable(),
  invoiceUploaded: z.boolean(),
});
export type TOpenInsuranceOrder = z.infer<typeof zOpenInsuranceOrder>;
export const zOpenIssuePolicy = zInsurancePolicyRequest.omit({ policyFileId: true }).extend({ policy: zOpenFile('保单文件（policy）') });
export const zOpenInvoice = z.object({ invoice: zOpenFile('发票文件（invoice）') });
