/**
 * Issue 9: every message of the forms' request schemas names its field by the Chinese label the
 * form shows and says what to enter — never zod's generic "无效输入：期望 boolean，实际接收 string" —
 * and a JSON body is never coerced ("7" is not a wageDay).
 *
 * Each field of each schema gets, in a body that is otherwise valid: left out, null, a value of
 * another JSON type, and values out of range (too long, too large, negative, fractional, too many).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../zod-locale';
import { creditCodeCheckChar } from '../rules/credit-code';
import {
  authFieldLabels,
  zChangePasswordRequest,
  zLoginRequest,
  zRegisterRequest,
  zResetPasswordRequest,
  zSmsCodeRequest,
} from './auth';
import { certificationFieldLabels, certificationRejectLabels, zCertificationRequest, zRejectCertificationRequest } from './certification';
import {
  dictionaryFieldLabels,
  organizationFieldLabels,
  userFieldLabels,
  zCreateDictItem,
  zCreateMapping,
  zCreateOrganization,
  zCreateUser,
  zUpdateDictItem,
  zUpdateOrganization,
  zUpdateRegion,
} from './manage';
import { projectFieldLabels, zCreateProjectRequest, zProgressRequest, zUpdateProjectRequest } from './project';
import {
  arrearsFieldLabels,
  calendarOverrideLabels,
  quotaFieldLabels,
  quotaReviewLabels,
  ratioParamLabels,
  zApproveQuota,
  zCalendarOverride,
  zCreateArrearsRecord,
  zQuotaPreviewRequest,
  zQuotaRequest,
  zRatioParamsBody,
  zRejectQuota,
  zRemoveArrearsRecord,
  zSetDuties,
} from './quota';

const creditCode = (() => {
  const s = '91210500MA0Q1234X';
  return s + creditCodeCheckChar(s);
})();
const UUID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

const project = {
  industryType: 'housing',
  regionCode: '210500',
  name: '本溪市平山区保障性住房项目一期',
  location: '本溪市平山区胜利路18号',
  projectRegionCode: '210502',
  projectType: 'building',
  contractAmount: '20000000.00',
  plannedStart: '2026-01-01',
  plannedEnd: '2026-12-31',
  builderName: '本溪市城市建设投资有限公司',
  builderCreditCode: creditCode,
  contractSignedOn: '2025-12-15',
  category: 'government',
  permitDate: '2026-01-10',
  authorityOrgId: UUID,
  hrssOrgId: UUID,
  wageDay: 7,
  managerName: '张三',
  managerPhone: '13454342345',
  laborOfficerName: '李四',
  laborOfficerPhone: '13456666666',
};
const ratio = {
  baseRatioPercent: '2',
  minRatioPercent: '1',
  maxRatioPercent: '3',
  capAmount: '5000000.00',
  multiProjectRatioPercent: '1',
  floorPercent: '0.5',
  exemptionThresholdAmount: '3000000.00',
  reduceAfterCleanYears: 2,
  reducePct: 50,
  exemptAfterCleanYears: 3,
  arrearsIncreasePct: 50,
  blacklistIncreasePct: 100,
};

interface Case {
  form: string;
  schema: z.ZodType;
  labels: Record<string, string>;
  valid: Record<string, unknown>;
}
const CASES: Case[] = [
  { form: '新建项目', schema: zCreateProjectRequest, labels: projectFieldLabels, valid: project },
  { form: '修改项目', schema: zUpdateProjectRequest, labels: projectFieldLabels, valid: project },
  { form: '工程进度', schema: zProgressRequest, labels: projectFieldLabels, valid: { actualStart: '2026-01-05', expectedCompletion: '2026-12-01', actualCompletion: '2026-11-30' } },
  {
    form: '定额申请',
    schema: zQuotaRequest,
    labels: quotaFieldLabels,
    valid: {
      projectId: '7281236483912334',
      previousId: '7281236483912335',
      contractAmount: '20000000.00',
      prepayMode: 'ratio',
      prepayRatio: '2',
      appliedAmount: '400000.00',
      applyType: 'general',
      payMethod: 'guarantee',
      handlerName: '张三',
      handlerPhone: '13455554444',
      description: '按规定缴纳',
      licenseFileId: UUID,
      bidNoticeFileIds: [UUID],
      deferralReason: '资金周转',
      deferralFileId: UUID,
      justification: '说明',
    },
  },
  { form: '规则计算', schema: zQuotaPreviewRequest, labels: quotaFieldLabels, valid: { projectId: '7281236483912334', contractAmount: '20000000.00' } },
  { form: '审核通过', schema: zApproveQuota, labels: quotaReviewLabels, valid: { approvedAmount: '400000.00', acceptJustification: true, comment: '同意' } },
  { form: '审核驳回', schema: zRejectQuota, labels: quotaReviewLabels, valid: { reason: '材料不全' } },
  { form: '比例参数', schema: zRatioParamsBody, labels: ratioParamLabels, valid: ratio },
  {
    form: '登记欠薪记录',
    schema: zCreateArrearsRecord,
    labels: arrearsFieldLabels,
    valid: { creditCode, kind: 'arrears', regionCode: '210502', occurredOn: '2025-06-01', sourceDocument: '本人社监〔2025〕1号', note: '已结清' },
  },
  { form: '移出记录', schema: zRemoveArrearsRecord, labels: arrearsFieldLabels, valid: { removedOn: '2026-03-01' } },
  { form: '企业制度落实', schema: zSetDuties, labels: arrearsFieldLabels, valid: { creditCode, dutiesMet: true } },
  { form: '工作日调整', schema: zCalendarOverride, labels: calendarOverrideLabels, valid: { date: '2026-10-10', workday: true, note: '调休上班' } },
  {
    form: '企业认证',
    schema: zCertificationRequest,
    labels: certificationFieldLabels,
    valid: {
      enterpriseName: '本溪测试建设有限公司',
      creditCode,
      certType: '施工单位',
      qualification: '一级',
      registeredRegion: '本溪市平山区',
      registeredAddress: '本溪市平山区人民路8号',
      legalRepresentative: '张伟',
      contactName: '刘洋',
      contactPhone: '13912345678',
      licenseFileId: UUID,
      qualificationFileId: UUID,
    },
  },
  { form: '认证驳回', schema: zRejectCertificationRequest, labels: certificationRejectLabels, valid: { reason: '营业执照不清晰' } },
  { form: '获取验证码', schema: zSmsCodeRequest, labels: authFieldLabels, valid: { phone: '13912345678', purpose: 'login' } },
  { form: '注册', schema: zRegisterRequest, labels: authFieldLabels, valid: { phone: '13912345678', smsCode: '123456', password: 'Benxi@2026!' } },
  { form: '登录', schema: zLoginRequest, labels: authFieldLabels, valid: { phone: '13912345678', smsCode: '123456', password: 'Benxi@2026!' } },
  { form: '重置密码', schema: zResetPasswordRequest, labels: authFieldLabels, valid: { phone: '13912345678', smsCode: '123456', newPassword: 'Benxi@2026!' } },
  { form: '修改密码', schema: zChangePasswordRequest, labels: authFieldLabels, valid: { oldPassword: 'Benxi@2026!', newPassword: 'Benxi@2027!' } },
  { form: '新增字典条目', schema: zCreateDictItem, labels: dictionaryFieldLabels, valid: { dictType: 'project_type', code: 'bridge', label: '桥梁', sort: 3 } },
  { form: '修改字典条目', schema: zUpdateDictItem, labels: dictionaryFieldLabels, valid: { label: '桥梁', enabled: true, sort: 3 } },
  { form: '修改地区', schema: zUpdateRegion, labels: dictionaryFieldLabels, valid: { name: '平山区', enabled: true } },
  { form: '新增单位映射', schema: zCreateMapping, labels: dictionaryFieldLabels, valid: { kind: 'authority', industryType: 'housing', regionCode: '210502', orgId: UUID, isDefault: true } },
  { form: '新增单位', schema: zCreateOrganization, labels: organizationFieldLabels, valid: { type: 'hrss', name: '本溪市平山区人社局', regionCode: '210502', parentId: UUID, industryType: 'housing' } },
  { form: '修改单位', schema: zUpdateOrganization, labels: organizationFieldLabels, valid: { name: '本溪市平山区人社局', enabled: false, parentId: UUID } },
  { form: '新增用户', schema: zCreateUser, labels: userFieldLabels, valid: { phone: '13912345678', name: '王五', role: 'hrss', orgId: UUID } },
];

/** What zod says when no one gave it words: none of it may reach a user. */
const GENERIC = /期望|实际接收|无效输入|数值过大|数值过小|字符串|Invalid|expected|received|Too (big|small)/i;

/** The values a field is tried with, besides leaving it out. */
function mutations(valid: unknown): { what: string; value: unknown }[] {
  const out: { what: string; value: unknown }[] = [
    { what: 'null', value: null },
    { what: 'an object', value: { a: 1 } },
  ];
  if (typeof valid === 'number') {
    out.push({ what: 'the number as a string', value: String(valid) }, { what: 'too large', value: 1e6 }, { what: 'negative', value: -1 }, { what: 'fractional', value: 1.5 });
  } else if (typeof valid === 'boolean') {
    out.push({ what: 'a string', value: String(valid) }, { what: 'a number', value: 1 });
  } else if (Array.isArray(valid)) {
    out.push({ what: 'a string', value: 'x' }, { what: 'too many', value: Array(5).fill(valid[0]) }, { what: 'a bad item', value: ['x'] });
  } else if (typeof valid === 'string') {
    out.push(
      { what: 'a number', value: /^\d+(\.\d+)?$/.test(valid) ? Number(valid) : 12345 },
      { what: 'a boolean', value: true },
      { what: 'too long', value: 'x'.repeat(1100) },
      { what: 'an empty string', value: '' },
      { what: 'nonsense', value: '¿?' },
    );
  }
  return out;
}

describe('validation messages of the forms', () => {
  for (const c of CASES) {
    it(`${c.form}: every field's message names it and says what to enter`, () => {
      expect(c.schema.safeParse(c.valid).success, JSON.stringify(c.schema.safeParse(c.valid).error?.issues)).toBe(true);
      const problems: string[] = [];
      for (const field of Object.keys(c.valid)) {
        const label = c.labels[field];
        expect(label, `${c.form}: no label for ${field}`).toBeTruthy();
        const tries = [{ what: 'missing', body: Object.fromEntries(Object.entries(c.valid).filter(([k]) => k !== field)) }];
        for (const m of mutations(c.valid[field])) tries.push({ what: m.what, body: { ...c.valid, [field]: m.value } });
        let refused = 0;
        for (const t of tries) {
          const r = c.schema.safeParse(t.body);
          if (r.success) continue;
          for (const issue of r.error.issues.filter((i) => i.path[0] === field)) {
            refused++;
            if (GENERIC.test(issue.message)) problems.push(`${field} ${t.what}: generic message "${issue.message}"`);
            if (!issue.message.includes(label!)) problems.push(`${field} ${t.what}: "${issue.message}" does not name ${label}`);
          }
        }
        if (refused === 0) problems.push(`${field}: nothing tried was refused`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('a JSON body is not coerced: "7" is not a 工资发放日, 7 is', () => {
    const r = zCreateProjectRequest.safeParse({ ...project, wageDay: '7' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['wageDay'], message: '工资发放日应为 1 到 31 之间的整数' })]);
    expect(zCreateProjectRequest.parse({ ...project, wageDay: 7 }).wageDay).toBe(7);
    // money and percentages are strings in JSON (ADR 007), never numbers
    expect(zCreateProjectRequest.safeParse({ ...project, contractAmount: 20000000 }).success).toBe(false);
    expect(zRatioParamsBody.safeParse({ ...ratio, reducePct: '50' }).success).toBe(false);
    expect(zRatioParamsBody.safeParse({ ...ratio, baseRatioPercent: 2 }).success).toBe(false);
    expect(zCalendarOverride.safeParse({ date: '2026-10-10', workday: 'true' }).error!.issues[0]!.message).toBe('是否工作日应为“是”或“否”（true 或 false）');
  });

  it('the fallback for a field without its own message is Chinese and names the field', () => {
    const plain = z.object({ page: z.number(), keyword: z.string().max(3), flags: z.array(z.boolean()), extra: z.uuid() });
    const r = plain.safeParse({ page: '1', keyword: 'abcd', flags: ['x'], extra: 'x' });
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toEqual(['页码应为数字', '关键字不能超过3个字', '“flags”第1项应为“是”或“否”（true 或 false）', '“extra”不正确，请重新选择']);
    expect(plain.safeParse('a string').error!.issues[0]!.message).toBe('提交的内容应为一组字段（JSON 对象）');
    for (const m of messages) expect(m).not.toMatch(GENERIC);
  });
});
