import { warningTypeActor, warningTypeLabels, type WarningType } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/clock';
import { recordEvent, type OutboxHandler } from '../../platform/outbox';
import { SmsSendError, type SmsProvider } from '../../platform/sms/provider';
import type { WarningRaisedPayload } from '../warnings/sweep';
import { WARNING_RAISED } from '../warnings/sweep';
import { CERTIFICATION_APPROVED, CERTIFICATION_REJECTED } from '../certification/notifications';
import * as repo from './repository';
import { deliverToOrganizations, type MessageDeps } from './service';

/**
 * After-commit handlers of the message centre and the warnings' SMS (ADR 038).
 *
 * - WARNING_RAISED → a 预警提醒 message to the accounts of whoever must act (the enterprise, the
 *   hrss unit, the bank), and for the enterprise's warnings an SMS to its 联系人 and the project's
 *   劳资专管员: a record per phone (at most one per warning, phone and Beijing day), sent at once
 *   between 08:00 and 22:00 Beijing time, otherwise held until 08:00 (an outbox event available then).
 * - decisions on an organisation's own objects (认证, 定额; 备案, 注销, 动用 later) → a 审核结果
 *   message: `decisionMessageHandler` below lists the topics; a workflow adds its topic and text.
 */

export const WARNING_SMS = 'warning.sms';
const SIGN = '【本溪农民工工资保证金平台】';
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 8;

/** When an SMS may go out: now, or 08:00 Beijing time if now is within 22:00–08:00. */
export function smsSendAt(now: Date): Date {
  const hour = (now.getUTCHours() + 8) % 24;
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return now;
  const morning = new Date(startOfShanghaiDay(now).getTime() + QUIET_UNTIL_HOUR * 3_600_000);
  return hour >= QUIET_FROM_HOUR ? new Date(morning.getTime() + 86_400_000) : morning;
}

export interface NotificationDeps extends Pick<MessageDeps, 'members'> {
  sms: SmsProvider;
  /** the enterprise's 联系人 (its approved certification) */
  contactOf(tx: Tx, orgId: string): Promise<{ name: string; phone: string } | undefined>;
  /** the project's 劳资专管员 phone */
  laborOfficerPhoneOf(tx: Tx, projectId: bigint): Promise<string | undefined>;
}

export function warningSmsText(p: Pick<WarningRaisedPayload, 'type' | 'projectName' | 'detail'>): string {
  return `${SIGN}预警提醒：项目“${p.projectName}”${warningTypeLabels[p.type as WarningType] ?? ''}。${p.detail}。请登录平台处理。`;
}

export function warningMessageHandler(deps: NotificationDeps): OutboxHandler {
  return {
    name: 'messages.warning',
    topics: [WARNING_RAISED],
    async handle(event, { db, now }) {
      const p = event.payload as unknown as WarningRaisedPayload;
      const actor = warningTypeActor[p.type as WarningType] ?? 'enterprise';
      const orgs = actor === 'enterprise' ? [p.enterpriseOrgId] : actor === 'hrss' ? [p.hrssOrgId] : p.addresseeOrgId ? [p.addresseeOrgId] : [];
      await db.transaction(async (tx) => {
        await deliverToOrganizations(
          tx,
          deps,
          orgs,
          { kind: 'warning', title: `${warningTypeLabels[p.type as WarningType] ?? '预警'}：${p.projectName}`, body: p.detail, link: `/warnings?projectId=${p.projectId}`, dedupeKey: `warning:${p.warningId}` },
          now,
        );
        if (actor !== 'enterprise') return;
        const phones = new Set<string>();
        const contact = await deps.contactOf(tx, p.enterpriseOrgId);
        if (contact) phones.add(contact.phone);
        const officer = await deps.laborOfficerPhoneOf(tx, BigInt(p.projectId));
        if (officer) phones.add(officer);
        const sendAt = smsSendAt(now);
        const held = sendAt.getTime() > now.getTime();
        for (const phone of phones) {
          const id = await repo.insertSmsRecord(tx, {
            phone,
            template: 'warning',
            content: warningSmsText(p),
            warningId: BigInt(p.warningId),
            sendOn: shanghaiDate(sendAt),
            status: held ? 'held' : 'queued',
            result: null,
            createdAt: now,
            sentAt: null,
          });
          if (id === undefined) continue; // one already today
          await recordEvent(tx, now, { topic: WARNING_SMS, aggregateType: 'sms_record', aggregateId: String(id), payload: { recordId: String(id), warningId: p.warningId }, availableAt: sendAt });
        }
      });
    },
  };
}

/** Sends a queued or held record (the warning still open); the record says what happened. */
export function warningSmsHandler(deps: NotificationDeps & { warningOpen(tx: Tx, id: bigint): Promise<boolean> }): OutboxHandler {
  return {
    name: 'messages.warning-sms',
    topics: [WARNING_SMS],
    async handle(event, { db, now }) {
      const id = BigInt(String(event.payload.recordId));
      const rec = await repo.findSmsRecord(db, id);
      if (!rec || (rec.status !== 'queued' && rec.status !== 'held')) return;
      if (rec.warningId !== null && !(await deps.warningOpen(db, rec.warningId))) {
        await repo.settleSmsRecord(db, id, { status: 'skipped', result: '预警已解除，未发送', sentAt: null });
        return;
      }
      try {
        await deps.sms.send({ phone: rec.phone, purpose: 'warning', code: '', params: {}, content: rec.content });
        await repo.settleSmsRecord(db, id, { status: 'sent', result: '成功', sentAt: now });
      } catch (err) {
        const message = err instanceof SmsSendError ? `${err.providerCode}：${err.message}` : String((err as Error)?.message ?? err).slice(0, 200);
        await repo.settleSmsRecord(db, id, { status: 'failed', result: message, sentAt: null });
      }
    },
  };
}

/** Topic → the message of a decision on the organisation's own object. */
const decisions: Record<string, (p: Record<string, unknown>) => { orgId: unknown; title: string; body: string; link: string | null }> = {
  [CERTIFICATION_APPROVED]: (p) => ({ orgId: p.orgId, title: '企业认证已通过', body: '您的企业认证已通过，现在可以新建项目并申请定额。', link: '/certification' }),
  [CERTIFICATION_REJECTED]: (p) => ({ orgId: p.orgId, title: '企业认证未通过', body: `您的企业认证未通过，原因：${String(p.reason ?? '材料不符合要求')}。请修改后重新申请。`, link: '/certification' }),
  'quota.approved': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `定额申请已审核通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的定额申请（批次号 ${String(p.applicationId ?? '')}）已审核通过，核定金额 ${String(p.approvedAmount ?? '')} 元。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  'quota.rejected': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `定额申请未通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的定额申请（批次号 ${String(p.applicationId ?? '')}）未通过，原因：${String(p.reason ?? '')}。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  // issue 12–14 (helper X1): 备案, 注销, 动用 / 补足, 核保结果 / 出单 on the enterprise's own objects
  'filing.approved': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `备案已通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的定额保证金备案已审核通过，保证金状态为已备案。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  'filing.rejected': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `备案未通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的定额保证金备案未通过，原因：${String(p.reason ?? '')}。请修改后重新发起备案。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  'cancellation.approved': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `保证金注销申请已通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的保证金注销申请已审核通过，保证金已注销；返还（销户）确认书编号 ${String(p.documentNo ?? '')}，可在项目详情中下载。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  'cancellation.rejected': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `保证金注销申请未通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的保证金注销申请未通过，原因：${String(p.reason ?? '')}。处理后可重新申请注销。`,
    link: `/projects/${String(p.projectId)}`,
  }),
  'deposit_use.recorded': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `保证金已动用：${String(p.projectName ?? '')}`,
    body: `人社部门已动用项目“${String(p.projectName ?? '')}”的工资保证金 ${String(p.amount ?? '')} 元（支付通知书 ${String(p.noticeNo ?? '')}）支付农民工工资，请于 ${String(p.replenishDueOn ?? '')} 前补足。`,
    link: `/deposit-uses/${String(p.useId)}`,
  }),
  'deposit_use.replenished': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `保证金补足已确认：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”动用的工资保证金 ${String(p.amount ?? '')} 元（支付通知书 ${String(p.noticeNo ?? '')}）已补足，人社部门已确认。`,
    link: `/deposit-uses/${String(p.useId)}`,
  }),
  'insurance_order.approved': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `核保通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的投保订单（${String(p.orderId ?? '')}）已核保通过，保费 ${String(p.premium ?? '')} 元，请选择订单立即支付。`,
    link: `/insurance-orders/${String(p.orderId)}`,
  }),
  'insurance_order.refused': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `核保不通过：${String(p.projectName ?? '')}`,
    body: `项目“${String(p.projectName ?? '')}”的投保订单（${String(p.orderId ?? '')}）核保不通过，原因：${String(p.reason ?? '')}。`,
    link: `/insurance-orders/${String(p.orderId)}`,
  }),
  'insurance_order.issued': (p) => ({
    orgId: p.enterpriseOrgId,
    title: `保单已出单：${String(p.projectName ?? '')}`,
    body: `${String(p.insurerName ?? '保险公司')}已为项目“${String(p.projectName ?? '')}”出具保单（保单号 ${String(p.policyNo ?? '')}），保证金已缴纳。`,
    link: `/insurance-orders/${String(p.orderId)}`,
  }),
};
export const DECISION_TOPICS = Object.keys(decisions);

export function decisionMessageHandler(deps: Pick<NotificationDeps, 'members'> & { projectNameOf(tx: Tx, projectId: bigint): Promise<string | undefined> }): OutboxHandler {
  return {
    name: 'messages.decision',
    topics: DECISION_TOPICS,
    async handle(event, { db, now }) {
      const payload = { ...event.payload };
      if (typeof payload.projectId === 'string' && /^\d{1,19}$/.test(payload.projectId) && payload.projectName === undefined) {
        payload.projectName = (await deps.projectNameOf(db, BigInt(payload.projectId))) ?? '';
      }
      const m = decisions[event.topic]?.(payload);
      if (!m || typeof m.orgId !== 'string') return;
      await db.transaction((tx) => deliverToOrganizations(tx, deps, [m.orgId as string], { kind: 'decision', title: m.title, body: m.body, link: m.link, dedupeKey: `event:${event.id}` }, now));
    },
  };
}
