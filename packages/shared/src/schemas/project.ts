import { z } from 'zod';
import { zCreditCode, zDate, zFilterText, zMoney, zPageQuery, zPhone, zSnowflakeId, zText } from './common';
import { DEPOSIT_STATUSES, PROJECT_STATUSES } from '../workflow/project';
import { PROJECT_ACTIONS } from '../workflow/project-actions';

const text = zText;

export const zRegionCode = z.string({ error: '请选择地区' }).regex(/^\d{6}$/, { error: '请选择地区' });

/** Fields an enterprise may change until its first quota application is submitted. */
export const zProjectBase = z.object({
  industryType: text('行业主管类型', 20),
  regionCode: zRegionCode,
  authorityOrgId: z.uuid({ error: '请选择行业主管单位' }).optional(),
  hrssOrgId: z.uuid({ error: '请选择人社监管单位' }).optional(),
  name: text('工程名称', 100),
  location: text('工程地点', 200),
  projectRegionCode: zRegionCode,
  projectType: text('工程类型', 20),
  contractAmount: zMoney.refine((v) => Number(v) > 0, { error: '施工合同金额应大于0' }),
  plannedStart: zDate,
  plannedEnd: zDate,
  builderName: text('建设单位', 100),
  builderCreditCode: zCreditCode,
  contractSignedOn: zDate,
  category: text('项目种类', 20),
  permitDate: zDate.nullish(),
});

/** Contacts: editable at any time. */
export const zProjectContacts = z.object({
  wageDay: z.coerce.number({ error: '请选择工资发放日' }).int().min(1, { error: '工资发放日为1–31号' }).max(31, { error: '工资发放日为1–31号' }),
  managerName: text('项目经理', 50),
  managerPhone: zPhone,
  laborOfficerName: text('劳资专管员', 50),
  laborOfficerPhone: zPhone,
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
    actualStart: zDate.nullish(),
    expectedCompletion: zDate.nullish(),
    actualCompletion: zDate.nullish(),
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
export const zUnitOptionsQuery = z.object({ industryType: z.string().min(1), regionCode: zRegionCode });
