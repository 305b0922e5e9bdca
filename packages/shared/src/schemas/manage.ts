import { z } from 'zod';
import { zFilterText, zPageQuery, zPhone, zText } from './common';
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
export const zCreateDictItem = z.object({
  dictType: z.enum(DICT_TYPES, { error: '请选择字典类型' }),
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: '编码为小写字母开头的字母、数字或下划线（最多30位）' }),
  label: text('名称', 30),
  sort: z.coerce.number().int().min(0).max(9999).default(0),
});
export const zUpdateDictItem = z.object({
  label: text('名称', 30).optional(),
  enabled: z.boolean().optional(),
  sort: z.coerce.number().int().min(0).max(9999).optional(),
});

export const zRegion = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), enabled: z.boolean() });
export const zUpdateRegion = z.object({ name: text('地区名称', 30).optional(), enabled: z.boolean().optional() });
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
  kind: z.enum(SUPERVISION_KINDS, { error: '请选择单位类型' }),
  industryType: z.string().trim().min(1).nullish(),
  regionCode: z.string().regex(/^\d{6}$/, { error: '请选择地区' }),
  orgId: z.uuid({ error: '请选择单位' }),
  isDefault: z.boolean().default(false),
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
export const zCreateOrganization = z.object({
  type: z.enum(['hrss', 'authority', 'bank', 'insurer', 'platform'], { error: '请选择单位类型（企业通过注册认证产生）' }),
  name: text('单位名称', 100),
  regionCode: z.string().regex(/^\d{6}$/, { error: '请选择地区' }).nullish(),
  parentId: z.uuid({ error: '上级单位不正确' }).nullish(),
  industryType: z.string().trim().min(1).nullish(),
});
export const zUpdateOrganization = z.object({
  name: text('单位名称', 100).optional(),
  enabled: z.boolean().optional(),
  parentId: z.uuid({ error: '上级单位不正确' }).nullish(),
});

export const zCreateUser = z.object({
  phone: zPhone,
  name: text('姓名', 30),
  role: z.enum(ROLES, { error: '请选择角色' }),
  orgId: z.uuid({ error: '请选择所属单位' }),
});
