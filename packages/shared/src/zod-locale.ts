import { z } from 'zod';

/**
 * Messages zod writes itself are Chinese and name the field (issue 9). The request schemas give
 * each field its own message with its label (schemas/common.ts: zText, zInt, zMoney …); this map is
 * the net under them, for a field that has none: it names the field by the labels below or, failing
 * that, by its key, and says what to enter in words a user understands — never zod's
 * "无效输入：期望 …，实际接收 …".
 */
const KEY_LABELS: Record<string, string> = {
  id: '编号',
  code: '编码',
  phone: '手机号码',
  page: '页码',
  pageSize: '每页条数',
  keyword: '关键字',
  status: '状态',
  kind: '类型',
  type: '类型',
  role: '角色',
  regionCode: '地区',
  date: '日期',
  from: '开始日期',
  to: '结束日期',
  name: '名称',
  note: '备注',
  reason: '原因',
  comment: '意见',
  industryType: '行业主管类型',
  creditCode: '统一社会信用代码',
  projectId: '工程编号',
  projectName: '工程名称',
  inline: '预览方式',
  queue: '审核队列',
};

const TYPE_WORDS: Record<string, string> = {
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”（true 或 false）',
  string: '文字',
  array: '列表',
  object: '一组字段（JSON 对象）',
  date: '日期',
};

type Iss = z.core.$ZodRawIssue & {
  expected?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  format?: string;
  values?: unknown[];
  keys?: string[];
};

export function fieldName(path: readonly PropertyKey[] | undefined): string {
  const p = path ?? [];
  const tail = p[p.length - 1];
  if (typeof tail === 'number') return `${p.length > 1 ? fieldName(p.slice(0, -1)) : ''}第${tail + 1}项`;
  if (typeof tail !== 'string') return '提交的内容';
  return KEY_LABELS[tail] ?? `“${tail}”`;
}

export function chineseIssue(iss: Iss): string {
  const field = fieldName(iss.path);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return `请填写${field}`;
      return `${field}应为${TYPE_WORDS[iss.expected ?? ''] ?? '正确的格式'}`;
    case 'too_big':
      if (iss.origin === 'string') return `${field}不能超过${iss.maximum}个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${field}最多${iss.maximum}项`;
      return `${field}不能大于${iss.maximum}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? `请填写${field}` : `${field}至少${iss.minimum}个字`;
      if (iss.origin === 'array' || iss.origin === 'set') return `${field}至少${iss.minimum}项`;
      return `${field}不能小于${iss.minimum}`;
    case 'invalid_format':
      if (iss.format === 'date') return `${field}应为有效日期，格式 YYYY-MM-DD（如 2026-03-02）`;
      if (iss.format === 'uuid') return `${field}不正确，请重新选择`;
      return `${field}格式不正确`;
    case 'invalid_value':
      return `${field}的取值不正确，请重新选择`;
    case 'not_multiple_of':
      return `${field}的数值不正确`;
    case 'unrecognized_keys':
      return `提交的内容包含无法识别的字段：${(iss.keys ?? []).join('、')}`;
    default:
      return `${field}填写不正确，请检查后重试`;
  }
}

z.config(z.locales.zhCN());
z.config({ customError: (iss) => chineseIssue(iss as Iss) });
