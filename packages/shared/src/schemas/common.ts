import { z } from 'zod';
import { PHONE_MESSAGE, PHONE_RE } from '../rules/phone';
import { checkCreditCode, creditCodeMessages } from '../rules/credit-code';

export const zPhone = z
  .string({ error: '请输入手机号码' })
  .trim()
  .regex(PHONE_RE, { error: PHONE_MESSAGE });

export const zSmsCode = z
  .string({ error: '请输入短信验证码' })
  .trim()
  .regex(/^\d{6}$/, { error: '短信验证码为6位数字' });

export const zCreditCode = z
  .string({ error: '请输入统一社会信用代码' })
  .trim()
  .superRefine((v, ctx) => {
    const problem = checkCreditCode(v);
    if (problem) ctx.addIssue({ code: 'custom', message: creditCodeMessages[problem] });
  });

export const zUuid = z.uuid({ error: '编号格式不正确' });
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
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, { error: '页码从1开始' }).max(100000).default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int()
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

/** Money in JSON: a decimal string of yuan with at most 2 decimals ("2600000.00"); stored as integer 分. */
export const zMoney = z
  .union([z.string(), z.number()], { error: '请输入金额' })
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => /^\d{1,13}(\.\d{1,2})?$/.test(v), { error: '金额格式不正确（最多两位小数）' });

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
export const zText = (label: string, max = 100) =>
  z
    .string({ error: `请输入${label}` })
    .trim()
    .min(1, { error: `请输入${label}` })
    .max(max, { error: `${label}不能超过${max}个字符` });
