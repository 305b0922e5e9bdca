import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, outboxEvents, smsOutbox } from '../../db/schema/index';
import { createOutbox, defaultBackoffMs } from '../../platform/outbox';
import { SmsSendError, type SmsMessage, type SmsProvider } from '../../platform/sms/provider';
import {
  buildUser,
  certificationInput,
  createTestContext,
  login,
  newPhone,
  randomCreditCode,
  uploadFile,
  type Session,
  type TestContext,
} from '../../test/harness';
import { certificationSmsHandler, REASON_MAX, smsReason } from './notifications';

/**
 * 认证通过 / 认证未通过 reach the enterprise's contact by SMS after the decision has committed
 * (docs/decisions/016): once per decision, never for a decision that rolled back, retried while the
 * gateway refuses, not repeated when the same event is delivered again.
 */
let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await buildUser(ctx, { role: 'admin' });
  admin = await login(ctx, a.phone);
});
afterAll(() => ctx.close());

/** A pending certification of a new enterprise whose contact has a phone of its own. */
async function pending(overrides: Record<string, unknown> = {}) {
  const u = await buildUser(ctx, { role: 'enterprise' });
  const s = await login(ctx, u.phone);
  const contactPhone = newPhone();
  const licenseFileId = await uploadFile(s);
  const res = await s.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId, contactPhone, ...overrides }) });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, contactPhone, orgId: u.orgId };
}

const smsTo = (phone: string) => ctx.database.db.select().from(smsOutbox).where(eq(smsOutbox.phone, phone)).orderBy(smsOutbox.id);
const eventsOf = (id: string) =>
  ctx.database.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.aggregateType, 'certification'), eq(outboxEvents.aggregateId, id)));

describe('certification decisions are told by SMS after commit', () => {
  it('approved: one SMS to the contact phone, sent only once the decision has committed and the worker runs', async () => {
    const c = await pending();
    const ok = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    // committed with the decision, not sent inline
    expect(await eventsOf(c.id)).toHaveLength(1);
    expect(await smsTo(c.contactPhone)).toEqual([]);

    await ctx.app.outbox.drain();
    const sent = await smsTo(c.contactPhone);
    expect(sent.map((m) => [m.purpose, m.content])).toEqual([
      ['cert-approved', '【本溪农民工工资保证金平台】您的企业认证已通过，现在可以登录平台新建项目并申请定额。'],
    ]);
    // the development outbox shows it
    const dev = await ctx.app.inject({ method: 'GET', url: `/api/dev/sms-outbox?phone=${c.contactPhone}` });
    expect(dev.json().items.map((i: { content: string }) => i.content)).toEqual([sent[0]!.content]);

    // further drains, and the same event delivered again, send nothing more
    await ctx.app.outbox.drain();
    await ctx.database.db.update(outboxEvents).set({ deliveredAt: null }).where(eq(outboxEvents.aggregateId, c.id));
    await ctx.app.outbox.drain();
    expect(await smsTo(c.contactPhone)).toHaveLength(1);
  });

  it('rejected: the reason (cut to fit a template variable) and what to do', async () => {
    const c = await pending();
    const reason = '营业执照照片模糊，\n无法辨认统一社会信用代码；企业资质证书已过有效期，请上传在有效期内的资质证书扫描件。';
    const res = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/reject`, payload: { reason } });
    expect(res.statusCode, res.body).toBe(200);
    await ctx.app.outbox.drain();
    const [sms, ...more] = await smsTo(c.contactPhone);
    expect(more).toEqual([]);
    expect(sms!.purpose).toBe('cert-rejected');
    const cut = smsReason(reason);
    expect([...cut]).toHaveLength(REASON_MAX);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('营业执照照片模糊， 无法辨认')).toBe(true);
    expect(sms!.content).toBe(`【本溪农民工工资保证金平台】您的企业认证未通过，原因：${cut}。请登录平台修改后重新申请认证。`);

    // a short reason is sent as written, without a doubled full stop
    const d = await pending();
    await admin.inject({ method: 'POST', url: `/api/admin/certifications/${d.id}/reject`, payload: { reason: '企业资质上传有误。' } });
    await ctx.app.outbox.drain();
    expect((await smsTo(d.contactPhone)).map((m) => m.content)).toEqual([
      '【本溪农民工工资保证金平台】您的企业认证未通过，原因：企业资质上传有误。请登录平台修改后重新申请认证。',
    ]);
  });

  it('a decision that rolls back records no event and sends nothing', async () => {
    const code = randomCreditCode();
    const c = await pending({ creditCode: code });
    // another enterprise became the holder of the code meanwhile: the approval fails inside its transaction
    const other = await buildUser(ctx, { role: 'enterprise' });
    await ctx.database.db.update(organizations).set({ creditCode: code, certified: true, name: '另一家企业' }).where(eq(organizations.id, other.orgId));
    const res = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/approve` });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CREDIT_CODE_TAKEN');
    expect(await eventsOf(c.id)).toEqual([]);
    await ctx.app.outbox.drain();
    expect(await smsTo(c.contactPhone)).toEqual([]);
  });

  it('a gateway that refuses is retried with backoff; the contact gets exactly one SMS', async () => {
    const c = await pending();
    await admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/approve` });
    const sent: SmsMessage[] = [];
    let refusals = 2;
    const flaky: SmsProvider = {
      name: 'aliyun',
      async send(m) {
        if (refusals-- > 0) throw new SmsSendError('aliyun', 'isv.BUSINESS_LIMIT_CONTROL', '短信发送过于频繁，请稍后再试');
        sent.push(m);
      },
    };
    const warnings: string[] = [];
    const box = createOutbox({
      db: ctx.database.db,
      clock: ctx.clock,
      node: 'flaky',
      log: { info() {}, warn: (_o, m) => void warnings.push(m), error: (_o, m) => void warnings.push(m) },
      handlers: [certificationSmsHandler(flaky)],
    });
    expect(await box.drain()).toEqual({ delivered: 0, failed: 1 });
    const [row] = await eventsOf(c.id);
    expect(row!.lastError).toBe('短信发送过于频繁，请稍后再试');
    ctx.clock.advance(defaultBackoffMs(1));
    expect(await box.drain()).toEqual({ delivered: 0, failed: 1 });
    ctx.clock.advance(defaultBackoffMs(2));
    expect(await box.drain()).toEqual({ delivered: 1, failed: 0 });
    expect(sent.map((m) => [m.phone, m.purpose, m.params])).toEqual([[c.contactPhone, 'cert-approved', {}]]);
    expect(warnings).toEqual(['事件 certification.approved 投递失败，稍后重试', '事件 certification.approved 投递失败，稍后重试']);
    // delivered again: the receipt keeps the SMS from going out twice
    await ctx.database.db.update(outboxEvents).set({ deliveredAt: null }).where(eq(outboxEvents.aggregateId, c.id));
    await box.drain();
    expect(sent).toHaveLength(1);
  });
});
