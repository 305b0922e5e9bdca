import { z } from 'zod';
import { askOr, zBool, zChoice, zFilterText, zInt, zPageQuery, zPhoneOf, zRef, zText } from './common';
import { DICT_TYPES } from '../dictionaries';
import { ORG_TYPES, ROLES } from '../roles';

const text = zText;

export const zDictItem = z.object({
  id: z.string(),
  dictType: z.enum(DICT_TYPES),
  code: z.string(),
  label: z.string(),
  enabled: z.boolean(),
  sort: z.number().int(),
  inUse: z.boolean(),
});
/** The Chinese labels of the 字典管理 forms' fields (字典条目, 地区, 单位映射). */
export const dictionaryFieldLabels = {
  dictType: '字典类型',
  code: '编码',
  label: '名称',
  sort: '排序',
  enabled: '是否启用',
  name: '地区名称',
  kind: '单位类型',
  industryType: '行业主管类型',
  regionCode: '主管地区',
  orgId: '单位',
  isDefault: '是否默认单位',
} as const;
const D = dictionaryFieldLabels;
const codeRule = '编码为小写字母开头的字母、数字或下划线（最多30位）';
export const zCreateDictItem = z.object({
  dictType: zChoice(DICT_TYPES, D.dictType),
  code: z.string({ error: askOr(`请输入${D.code}`, codeRule) }).trim().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: codeRule }),
  label: text(D.label, 30),
  sort: zInt(D.sort, 0, 9999).default(0),
});
export const zUpdateDictItem = z.object({
  label: text(D.label, 30).optional(),
  enabled: zBool(D.enabled).optional(),
  sort: zInt(D.sort, 0, 9999).optional(),
});

export const zRegion = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), enabled: z.boolean() });
export const zUpdateRegion = z.object({ name: text(D.name, 30).optional(), enabled: zBool(D.enabled).optional() });
export const zRegionParams = z.object({ code: z.string().regex(/^\d{6}$/, { error: '地区编码为6位数字' }) });

export const SUPERVISION_KINDS = ['authority', 'hrss'] as const;
export const zMapping = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  industryType: z.string().nullable(),
  regionCode: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  isDefault: z.boolean(),
});
export const zCreateMapping = z.object({
  kind: zChoice(SUPERVISION_KINDS, D.kind),
  industryType: z.string({ error: `请选择${D.industryType}` }).trim().min(1, { error: `请选择${D.industryType}` }).nullish(),
  regionCode: z.string({ error: `请选择${D.regionCode}` }).regex(/^\d{6}$/, { error: `请选择${D.regionCode}` }),
  orgId: zRef(D.orgId),
  isDefault: zBool(D.isDefault).default(false),
});

export const zAdminDictionaries = z.object({
  regions: z.array(zRegion),
  items: z.array(zDictItem),
  mappings: z.array(zMapping),
});

export const zOrganization = z.object({
  id: z.string(),
  type: z.enum(ORG_TYPES),
  name: z.string().nullable(),
  creditCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  industryType: z.string().nullable(),
  enabled: z.boolean(),
  certified: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export const zOrganizationListQuery = zPageQuery.extend({
  type: z.enum(ORG_TYPES, { error: '单位类型不正确' }).optional(),
  keyword: zFilterText,
});
/** The Chinese labels of the 单位管理 and 用户管理 forms' fields. */
export const organizationFieldLabels = {
  type: '单位类型',
  name: '单位名称',
  regionCode: '所在地区',
  parentId: '上级单位',
  industryType: '行业主管类型',
  enabled: '是否启用',
} as const;
const O = organizationFieldLabels;
export const zCreateOrganization = z.object({
  type: z.enum(['hrss', 'authority', 'bank', 'insurer', 'platform'], { error: '请选择单位类型（企业通过注册认证产生）' }),
  name: text(O.name, 100),
  regionCode: z.string({ error: `请选择${O.regionCode}` }).regex(/^\d{6}$/, { error: `请选择${O.regionCode}` }).nullish(),
  parentId: zRef(O.parentId).nullish(),
  industryType: z.string({ error: `请选择${O.industryType}` }).trim().min(1, { error: `请选择${O.industryType}` }).nullish(),
});
export const zUpdateOrganization = z.object({
  name: text(O.name, 100).optional(),
  enabled: zBool(O.enabled).optional(),
  parentId: zRef(O.parentId).nullish(),
});

export const userFieldLabels = { phone: '手机号码', name: '姓名', role: '角色', orgId: '所属单位' } as const;
export const zCreateUser = z.object({
  phone: zPhoneOf(userFieldLabels.phone),
  name: text(userFieldLabels.name, 30),
  role: zChoice(ROLES, userFieldLabels.role),
  orgId: zRef(userFieldLabels.orgId),
});
