import { z } from 'zod';
import { zCreditCodeOf, zDateOf, zFilterText, zInt, zMoney, zPageQuery, zPhoneOf, zRef, zSnowflakeId, zText } from './common';
import { DEPOSIT_STATUSES, PROJECT_STATUSES } from '../workflow/project';
import { PROJECT_ACTIONS } from '../workflow/project-actions';

const text = zText;

/** The Chinese labels of the project form's fields, as the form shows them; every message names its field by them. */
export const projectFieldLabels = {
  industryType: '行业主管类型',
  regionCode: '主管地区',
  authorityOrgId: '行业主管单位',
  hrssOrgId: '人社监管单位',
  name: '工程名称',
  location: '工程地点',
  projectRegionCode: '工程地区',
  projectType: '工程类型',
  contractAmount: '施工合同金额',
  plannedStart: '计划开工日期',
  plannedEnd: '计划竣工日期',
  builderName: '建设单位',
  builderCreditCode: '建设单位统一社会信用代码',
  contractSignedOn: '施工合同签订日',
  category: '项目种类',
  permitDate: '施工许可证日期',
  wageDay: '工资发放日',
  managerName: '项目经理',
  managerPhone: '项目经理电话',
  laborOfficerName: '劳资专管员',
  laborOfficerPhone: '劳资专管员电话',
  actualStart: '实际开工日期',
  expectedCompletion: '预计竣工日期',
  actualCompletion: '实际竣工日期',
} as const;
const L = projectFieldLabels;

export const zRegionCodeOf = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{6}$/, { error: `请选择${label}` });
export const zRegionCode = zRegionCodeOf('地区');

/** Fields an enterprise may change until its first quota application is submitted. */
export const zProjectBase = z.object({
  industryType: text(L.industryType, 20, `请选择${L.industryType}`),
  regionCode: zRegionCodeOf(L.regionCode),
  authorityOrgId: zRef(L.authorityOrgId).optional(),
  hrssOrgId: zRef(L.hrssOrgId).optional(),
  name: text(L.name, 100),
  location: text(L.location, 200),
  projectRegionCode: zRegionCodeOf(L.projectRegionCode),
  projectType: text(L.projectType, 20, `请选择${L.projectType}`),
  contractAmount: zMoney(L.contractAmount).refine((v) => Number(v) > 0, { error: '施工合同金额应大于0' }),
  plannedStart: zDateOf(L.plannedStart),
  plannedEnd: zDateOf(L.plannedEnd),
  builderName: text(L.builderName, 100),
  builderCreditCode: zCreditCodeOf(L.builderCreditCode),
  contractSignedOn: zDateOf(L.contractSignedOn),
  category: text(L.category, 20, `请选择${L.category}`),
  permitDate: zDateOf(L.permitDate).nullish(),
});

/** Contacts: editable at any time. */
export const zProjectContacts = z.object({
  wageDay: zInt(L.wageDay, 1, 31, '请选择工资发放日'),
  managerName: text(L.managerName, 50),
  managerPhone: zPhoneOf(L.managerPhone),
  laborOfficerName: text(L.laborOfficerName, 50),
  laborOfficerPhone: zPhoneOf(L.laborOfficerPhone),
});

const plannedOrder = (v: { plannedStart?: string; plannedEnd?: string }) =>
  !v.plannedStart || !v.plannedEnd || v.plannedStart <= v.plannedEnd;
const plannedOrderMsg = { error: '计划结束日期不能早于开始日期', path: ['plannedEnd'] };

export const zCreateProjectRequest = zProjectBase.extend(zProjectContacts.shape).refine(plannedOrder, plannedOrderMsg);
export type TCreateProjectRequest = z.input<typeof zCreateProjectRequest>;

export const zUpdateProjectRequest = zProjectBase
  .extend(zProjectContacts.shape)
  .partial()
  .refine(plannedOrder, plannedOrderMsg);

export const zProgressRequest = z
  .object({
    actualStart: zDateOf(L.actualStart).nullish(),
    expectedCompletion: zDateOf(L.expectedCompletion).nullish(),
    actualCompletion: zDateOf(L.actualCompletion).nullish(),
  })
  .refine((v) => !v.actualCompletion || !v.actualStart || v.actualStart <= v.actualCompletion, {
    error: '实际竣工日期不能早于实际开工日期',
    path: ['actualCompletion'],
  })
  .refine((v) => !v.actualCompletion || !!v.actualStart, { error: '填写实际竣工日期前请先填写实际开工日期', path: ['actualStart'] });

export const zProject = z.object({
  id: z.string(),
  code: z.string(),
  industryType: z.string(),
  industryTypeLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  authorityOrg: z.object({ id: z.string(), name: z.string() }),
  hrssOrg: z.object({ id: z.string(), name: z.string() }),
  name: z.string(),
  location: z.string(),
  projectRegionCode: z.string(),
  projectRegionName: z.string(),
  projectType: z.string(),
  projectTypeLabel: z.string(),
  contractAmount: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  durationDays: z.number().int(),
  contractorName: z.string(),
  contractorCreditCode: z.string(),
  builderName: z.string(),
  builderCreditCode: z.string(),
  contractSignedOn: z.string(),
  wageDay: z.number().int(),
  managerName: z.string(),
  managerPhone: z.string(),
  laborOfficerName: z.string(),
  laborOfficerPhone: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  permitDate: z.string().nullable(),
  actualStart: z.string().nullable(),
  expectedCompletion: z.string().nullable(),
  actualCompletion: z.string().nullable(),
  status: z.enum(PROJECT_STATUSES),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  needsReplenish: z.boolean(),
  baseLocked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** workflow actions the acting user may start from the project (ADR 017), e.g. 'quota.submit' */
  allowedActions: z.array(z.enum(PROJECT_ACTIONS)),
});
export type TProject = z.infer<typeof zProject>;

export const zProjectRow = zProject.pick({
  id: true,
  code: true,
  name: true,
  regionCode: true,
  regionName: true,
  projectRegionName: true,
  contractAmount: true,
  status: true,
  depositStatus: true,
  contractorName: true,
  createdAt: true,
});
export type TProjectRow = z.infer<typeof zProjectRow>;

export const zProjectListQuery = zPageQuery.extend({
  name: zFilterText,
  regionCode: zRegionCode.optional(),
  status: z.enum(PROJECT_STATUSES, { error: '工程状态不正确' }).optional(),
  depositStatus: z.enum(DEPOSIT_STATUSES, { error: '保证金状态不正确' }).optional(),
});
export const zProjectExportQuery = zProjectListQuery.omit({ page: true, pageSize: true });

/** 工程编号: a 19-digit snowflake, always a string in JSON. */
export const zProjectIdParams = z.object({ id: zSnowflakeId('工程编号格式不正确') });

/** What the 新建项目 form needs to fill the units: the dictionary's choices for (type, region). */
export const zUnitOptions = z.object({
  authorities: z.array(z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() })),
  hrss: z.array(z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() })),
});
export const zUnitOptionsQuery = z.object({ industryType: z.string({ error: '请选择行业主管类型' }).min(1, { error: '请选择行业主管类型' }), regionCode: zRegionCodeOf('主管地区') });
