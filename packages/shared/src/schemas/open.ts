import { z } from 'zod';
import { askOr, zRef } from './common';

/*
 * The open API for banks and insurers (SPEC §13): what travels on /api/open/v1 and the operator's
 * 开放接口 page. The signature scheme itself is in docs/decisions/021 and tools/open-client.
 */

/** The organisation types an API client may act for. */
export const OPEN_CLIENT_ORG_TYPES = ['bank', 'insurer'] as const;
export type OpenClientOrgType = (typeof OPEN_CLIENT_ORG_TYPES)[number];

/** The request headers (SPEC §13), lower-case as Node hands them over. */
export const OPEN_HEADERS = {
  appId: 'x-bx-app-id',
  timestamp: 'x-bx-timestamp',
  nonce: 'x-bx-nonce',
  signature: 'x-bx-signature',
} as const;
/** A request's timestamp may be this far from the platform's clock, either way. */
export const OPEN_WINDOW_MS = 300_000;
export const OPEN_NONCE_RE = /^[A-Za-z0-9-]{16,64}$/;
/** GM/T 0009's default signer id, used by both sides. */
export const SM2_USER_ID = '1234567812345678';
/** A file inside JSON: at most 20 MB once decoded. */
export const OPEN_FILE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Tasks the events feed announces to an organisation (`GET /api/open/v1/events`). A workflow that
 * addresses something new to a bank or an insurer adds its type here and records it with
 * `recordOpenEvent(tx, …)` in the same transaction.
 */
export const openEventTypeLabels = {
  'guarantee_application.submitted': '新的保函申请',
  'guarantee_application.closed': '保函申请已关闭',
  'guarantee_application.accepted': '保函申请已受理',
  'guarantee_application.refused': '保函申请已不受理',
  'guarantee_application.issued': '保函已出函',
  'cash_deposit.confirmed': '现金存缴已确认到账',
  'cash_deposit.submitted': '新的现金存缴',
  'cash_deposit.closed': '现金存缴已关闭',
  'insurance_order.submitted': '新的投保订单',
  'insurance_order.closed': '投保订单已关闭',
  'insurance_order.paying': '投保订单已上传支付凭证',
  'insurance_order.invoice_requested': '投保订单申请发票',
  'payment_notice.issued': '新的支付通知书',
  'return_confirmation.issued': '新的返还（销户）确认书',
} as const;
export type OpenEventType = keyof typeof openEventTypeLabels;
export const OPEN_EVENT_TYPES = Object.keys(openEventTypeLabels) as [OpenEventType, ...OpenEventType[]];

const CURSOR_RULE = 'after 应为事件游标（非负整数）';
export const zOpenEventsQuery = z.object({
  after: z
    .string({ error: CURSOR_RULE })
    // one check (zod runs every check, so BigInt must never see a non-number)
    .refine((v) => /^\d{1,19}$/.test(v) && BigInt(v) <= 9223372036854775807n, { error: CURSOR_RULE })
    .default('0'),
  limit: z.coerce
    .number({ error: 'limit 应为 1 到 100 之间的整数' })
    .int({ error: 'limit 应为 1 到 100 之间的整数' })
    .min(1, { error: 'limit 应为 1 到 100 之间的整数' })
    .max(100, { error: 'limit 应为 1 到 100 之间的整数' })
    .default(100),
});
export const zOpenEvent = z.object({
  cursor: z.string(),
  type: z.enum(OPEN_EVENT_TYPES),
  objectNo: z.string(),
  at: z.string(),
});
export const zOpenEvents = z.object({
  events: z.array(zOpenEvent),
  /** the cursor to ask `after` next time: the last event's, or `after` itself when there was none */
  next: z.string(),
});
export type TOpenEvent = z.infer<typeof zOpenEvent>;

export const zPlatformKey = z.object({ publicKey: z.string() });

/**
 * A file inside a JSON body (SPEC §13): `{ name, contentBase64 }`. The content is checked like an
 * upload (PDF, JPG or PNG by its bytes, ≤ 20 MB) when a command reads it (`readOpenFile`).
 */
export const zOpenFile = (label: string) =>
  z.object(
    {
      name: z
        .string({ error: askOr(`请提供${label}的文件名（name）`, `${label}的文件名（name）应为文字`) })
        .trim()
        .min(1, { error: `请提供${label}的文件名（name）` })
        .max(120, { error: `${label}的文件名（name）不能超过120个字符` }),
      contentBase64: z
        .string({ error: askOr(`请提供${label}的文件内容（contentBase64）`, `${label}的文件内容（contentBase64）应为 Base64 文字`) })
        .min(1, { error: `请提供${label}的文件内容（contentBase64）` })
        // 20 MB of content is at most 27,962,028 Base64 characters; a little room for line breaks
        .max(28_500_000, { error: `${label}超过20MB，请压缩后再发送` })
        .regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, { error: `${label}的文件内容（contentBase64）不是有效的 Base64` }),
    },
    { error: askOr(`请提供${label}（{ name, contentBase64 }）`, `${label}应为 { name, contentBase64 }`) },
  );
export type TOpenFile = z.infer<ReturnType<typeof zOpenFile>>;

// ---------------------------------------------------------------------------------------------
// 开放接口 (the operator's page)

export const API_CLIENT_STATUSES = ['enabled', 'disabled'] as const;
export const apiClientStatusLabels = { enabled: '启用', disabled: '已停用' } as const;
export const apiClientFieldLabels = { orgId: '机构', publicKey: 'SM2 公钥' } as const;

const PUBLIC_KEY_RULE = 'SM2 公钥应为 04 开头的 130 位十六进制（未压缩格式），且须是 SM2 曲线上的点';
export const zCreateApiClient = z.object({
  orgId: zRef(apiClientFieldLabels.orgId, '请选择银行或保险公司'),
  publicKey: z
    .string({ error: askOr('请粘贴机构的 SM2 公钥', PUBLIC_KEY_RULE) })
    .trim()
    .regex(/^04[0-9a-fA-F]{128}$/, { error: PUBLIC_KEY_RULE })
    .transform((v) => v.toLowerCase()),
});
export type TCreateApiClient = z.input<typeof zCreateApiClient>;

export const zApiClient = z.object({
  id: z.string(),
  appId: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  orgType: z.enum(OPEN_CLIENT_ORG_TYPES),
  publicKey: z.string(),
  status: z.enum(API_CLIENT_STATUSES),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type TApiClient = z.infer<typeof zApiClient>;
export const zApiClientList = z.object({ items: z.array(zApiClient) });
