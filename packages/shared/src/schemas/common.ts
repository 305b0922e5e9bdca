import { z } from 'zod';
import { PHONE_MESSAGE, PHONE_RE } from '../rules/phone';
import { checkCreditCode, creditCodeMessages } from '../rules/credit-code';

/*
 * Field builders: every message names the field by its Chinese label and says what to enter
 * (issue 9). "请输入…" when the field is missing or null, the rule otherwise. Request bodies are
 * JSON and are never coerced: a number field given "7" is refused (issue 9, item 8); only query
 * strings (zPageQuery) convert text to numbers.
 */
type Issue = { input?: unknown };
/** `ask` when the value is absent, `rule` when it is there but wrong */
export const askOr = (ask: string, rule: string) => (iss: Issue) => (iss.input === undefined || iss.input === null ? ask : rule);

/** A mainland mobile number, e.g. 项目经理电话. */
export const zPhoneOf = (label: string) =>
  z
    .string({ error: askOr(`请输入${label}`, `${label}应为11位手机号码`) })
    .trim()
    .regex(PHONE_RE, { error: label === '手机号码' ? PHONE_MESSAGE : `请输入正确的${label}（11位手机号码）` });
export const zPhone = zPhoneOf('手机号码');

export const zSmsCode = z
  .string({ error: askOr('请输入短信验证码', '短信验证码为6位数字') })
  .trim()
  .regex(/^\d{6}$/, { error: '短信验证码为6位数字' });

/** 统一社会信用代码 (GB 32100-2015), e.g. 建设单位统一社会信用代码. */
export const zCreditCodeOf = (label: string) =>
  z
    .string({ error: askOr(`请输入${label}`, `${label}应为18位数字和大写字母`) })
    .trim()
    .superRefine((v, ctx) => {
      const problem = checkCreditCode(v);
      if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem].replace('统一社会信用代码', label) });
    });
export const zCreditCode = zCreditCodeOf('统一社会信用代码');

export const zUuid = z.uuid({ error: '编号格式不正确' });
/** A reference to a chosen or uploaded object (单位, 文件): its label says which. */
export const zRef = (label: string, ask = `请选择${label}`) => z.uuid({ error: askOr(ask, `${label}不正确，请重新选择`) });
/** An uploaded file's id. */
export const zFileId = (label: string) => z.uuid({ error: askOr(`请上传${label}`, `${label}文件不正确，请重新上传`) });

/** An integer in JSON (never a string): "工资发放日应为 1 到 31 之间的整数". */
export const zInt = (label: string, min: number, max: number, ask = `请输入${label}`) => {
  const rule = `${label}应为 ${min} 到 ${max} 之间的整数`;
  return z
    .number({ error: askOr(ask, rule) })
    .int({ error: rule })
    .min(min, { error: rule })
    .max(max, { error: rule });
};

/** true or false in JSON (a switch, a check box). */
export const zBool = (label: string) => z.boolean({ error: askOr(`请选择${label}`, `${label}应为“是”或“否”（true 或 false）`) });

/** Optional free text: "申请说明不能超过500个字". */
export const zOptionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .optional();

/** A calendar date as YYYY-MM-DD. */
export const zDateOf = (label: string) => z.iso.date({ error: askOr(`请选择${label}`, `${label}应为有效日期，格式 YYYY-MM-DD（如 2026-03-02）`) });

/** One of a list of codes (a select). */
export const zChoice = <const T extends readonly [string, ...string[]]>(values: T, label: string) => z.enum(values, { error: `请选择${label}` });
export const zIdParams = z.object({ id: zUuid });

const INT8_MAX = '9223372036854775807';
/**
 * A snowflake id (工程编号, 申请批次号) as a decimal string: 1–19 digits and within PostgreSQL's
 * bigint, so an out-of-range number is a 400 here instead of a database error.
 */
export const zSnowflakeId = (message = '编号格式不正确') =>
  z
    .string({ error: message })
    .regex(/^\d{1,19}$/, { error: message })
    .refine((v) => v.length < 19 || v <= INT8_MAX, { error: message });

export const zPageQuery = z.object({
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int({ error: '页码应为整数' })
    .min(1, { error: '页码从1开始' })
    .max(100000, { error: '页码不能超过100000' })
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int({ error: '每页条数只能是10、20、50或100' })
    .refine((n) => [10, 20, 50, 100].includes(n), { error: '每页条数只能是10、20、50或100' })
    .default(10),
});
export type TPageQuery = z.infer<typeof zPageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const zOk = z.object({ ok: z.literal(true) });

export const zApiError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

/** Optional text filter from a query string: empty strings mean "no filter". */
export const zFilterText = z
  .string()
  .trim()
  .max(100, { error: '筛选条件过长' })
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * Money in JSON: a decimal string of yuan with at most 2 decimals ("2600000.00"), never a JSON
 * number (ADR 007); stored as integer 分.
 */
export const zMoney = (label: string) => {
  const rule = `${label}应为以元为单位的金额，最多两位小数（如 2600000.00）`;
  return z
    .string({ error: askOr(`请输入${label}`, rule) })
    .trim()
    .refine((v) => /^\d{1,13}(\.\d{1,2})?$/.test(v), { error: rule });
};

export function yuanToFen(yuan: string): bigint {
  const [i, f = ''] = yuan.split('.');
  return BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
}

export function fenToYuan(fen: bigint | number | string): string {
  const n = BigInt(fen);
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

/** A required, trimmed text field with Chinese messages naming it. */
export const zText = (label: string, max = 100, ask = `请输入${label}`) =>
  z
    .string({ error: askOr(ask, `${label}应为文字`) })
    .trim()
    .min(1, { error: ask })
    .max(max, { error: `${label}不能超过${max}个字符` });
