import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import {
  applyTypeLabels,
  formatRatioPpm,
  payMethodLabels,
  zPhone,
  type ApplyType,
  type PayMethod,
  type PrepayMode,
} from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { zodRule } from '../../../lib/zod-rule';
import { useDebounced } from '../../../lib/use-debounced';
import {
  amountFromRatio,
  fenToInput,
  parsePercent,
  parseYuan,
  ppmToPercentInput,
  ratioFromAmount,
  showYuan,
} from '../../../lib/money';
import { FileUploadField, fileRule, storedFile, type FileFieldValue } from '../../../components/FileUploadField';
import type { Project } from '../../projects/api/projects';
import {
  quotaPreviewQueryOptions,
  useQuotaPreview,
  useSubmitQuota,
  type QuotaApplication,
  type QuotaRequest,
  type Requirement,
} from '../api/quota';
import { RequirementPanel, requirementSentence } from './RequirementPanel';
import { payAmountLabel } from './QuotaTags';
import { AmountInput } from '../../../components/AmountInput';

interface Values {
  contractAmount?: string;
  prepayMode: PrepayMode;
  /** % when 按比例, 元 when 按金额 */
  prepayValue?: string;
  appliedAmount?: string;
  applyType?: ApplyType;
  payMethod?: PayMethod;
  handlerName?: string;
  handlerPhone?: string;
  description?: string;
  licenseFiles?: FileFieldValue;
  bidNoticeFiles?: FileFieldValue;
  deferralReason?: string;
  deferralFiles?: FileFieldValue;
  justification?: string;
}

/** 预缴方式 as the manual words it. */
const PREPAY_MODE_OPTIONS: { value: PrepayMode; label: string }[] = [
  { value: 'amount', label: '按金额申请' },
  { value: 'ratio', label: '按比例申请' },
];
const APPLY_TYPE_OPTIONS = (['exempt', 'deferred', 'general'] as const).map((v) => ({ value: v, label: applyTypeLabels[v] }));
const PAY_METHOD_OPTIONS = (['cash', 'guarantee'] as const).map((v) => ({ value: v, label: payMethodLabels[v] }));

const uploadHint = (count: number, max: number) => `${count}/${max} (单个文件不超过 100M)`;
const doneIds = (v: FileFieldValue | undefined) =>
  (v ?? []).filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);

/** Server field names → the fields of this form. */
const SERVER_FIELDS: Record<string, keyof Values> = {
  contractAmount: 'contractAmount',
  prepayRatio: 'prepayValue',
  appliedAmount: 'appliedAmount',
  applyType: 'applyType',
  payMethod: 'payMethod',
  handlerName: 'handlerName',
  handlerPhone: 'handlerPhone',
  description: 'description',
  licenseFileId: 'licenseFiles',
  bidNoticeFileIds: 'bidNoticeFiles',
  deferralReason: 'deferralReason',
  deferralFileId: 'deferralFiles',
  justification: 'justification',
};

function initialValues(project: Project, previous?: QuotaApplication): Values {
  if (!previous) return { contractAmount: project.contractAmount, prepayMode: 'ratio' };
  return {
    contractAmount: previous.contractAmount,
    prepayMode: previous.prepayMode,
    prepayValue: previous.prepayMode === 'ratio' ? previous.prepayRatio : previous.appliedAmount,
    appliedAmount:
      previous.prepayMode === 'ratio'
        ? (() => {
            const c = parseYuan(previous.contractAmount);
            const p = parsePercent(previous.prepayRatio);
            return c !== null && p !== null ? fenToInput(amountFromRatio(c, p)) : previous.appliedAmount;
          })()
        : previous.appliedAmount,
    applyType: previous.applyType,
    payMethod: previous.payMethod ?? undefined,
    handlerName: previous.handlerName,
    handlerPhone: previous.handlerPhone,
    description: previous.description ?? undefined,
    licenseFiles: storedFile(previous.licenseFile),
    bidNoticeFiles: previous.bidNoticeFiles.flatMap((f) => storedFile(f)),
    deferralReason: previous.deferralReason ?? undefined,
    deferralFiles: storedFile(previous.deferralFile),
    justification: previous.justification ?? undefined,
  };
}

/** Below what the regulation requires: a lower amount, or 免缴 when not eligible. */
function isBelow(requirement: Requirement | undefined, applyType: ApplyType | undefined, appliedAmount: string | undefined): boolean {
  if (!requirement || !applyType) return false;
  if (applyType === 'exempt') return !requirement.exemptionAllowed;
  const applied = parseYuan(appliedAmount);
  const required = parseYuan(requirement.requiredAmount);
  return applied !== null && required !== null && applied < required;
}

function belowMessage(requirement: Requirement, applyType: ApplyType | undefined): string {
  if (applyType === 'exempt') return '按规定该项目不符合免缴条件。如仍申请免缴，须填写书面说明，将提交人社部门审核。';
  return `申请金额低于规定应缴金额 ${showYuan(requirement.requiredAmount)} 元。如仍按此金额申请，须填写书面说明，将提交人社部门审核。`;
}

/** The project block at the top of the manual's 定额申请 dialog. */
function ProjectBlock({ project: p }: { project: Project }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { color: 'rgba(0,0,0,0.55)' } }}
      items={[
        { key: 'signed', label: '施工合同签订日', children: p.contractSignedOn },
        { key: 'manager', label: '项目经理', children: p.managerName },
        { key: 'officer', label: '劳资专管员', children: p.laborOfficerName },
        { key: 'industry', label: '行业主管类型', children: p.industryTypeLabel },
        { key: 'authority', label: '行业主管单位', children: p.authorityOrg.name },
        { key: 'wageDay', label: '工资发放日', children: `${p.wageDay}号` },
        { key: 'managerPhone', label: '项目经理电话', children: p.managerPhone },
        { key: 'officerPhone', label: '劳资专管员电话', children: p.laborOfficerPhone },
        { key: 'region', label: '主管地区', children: p.regionName },
        { key: 'hrss', label: '人社监管单位', children: p.hrssOrg.name },
      ]}
    />
  );
}

const required = (message: string): Rule => ({ required: true, message });

function QuotaApplyForm({
  project,
  previous,
  onClose,
  onSubmitted,
}: {
  project: Project;
  previous?: QuotaApplication;
  onClose: () => void;
  onSubmitted?: (q: QuotaApplication) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const submit = useSubmitQuota();
  const [error, setError] = useState<string | null>(null);
  /** The server asked for a written justification the form did not expect (e.g. a stale preview). */
  const [forceJustification, setForceJustification] = useState(false);
  const [checking, setChecking] = useState(false);
  const prefilled = useRef(!!previous);

  const contractAmount = Form.useWatch('contractAmount', form);
  const prepayMode = Form.useWatch('prepayMode', form) ?? 'ratio';
  const appliedAmount = Form.useWatch('appliedAmount', form);
  const applyType = Form.useWatch('applyType', form);
  const payMethod = Form.useWatch('payMethod', form);

  const contractFen = parseYuan(contractAmount);
  const previewAmount = useDebounced(contractFen !== null && contractFen > 0n ? fenToInput(contractFen) : null, 400);
  const preview = useQuotaPreview(project.id, previewAmount);
  const requirement = previewAmount ? preview.data?.requirement : undefined;
  const below = isBelow(requirement, applyType, appliedAmount);
  const needsJustification = below || forceJustification;

  // 按比例 starts from the ratio the regulation requires (the user may change it).
  useEffect(() => {
    if (prefilled.current || !requirement) return;
    prefilled.current = true;
    const v = form.getFieldsValue();
    if (v.prepayMode !== 'ratio' || v.prepayValue) return;
    const c = parseYuan(v.contractAmount);
    form.setFieldsValue({
      prepayValue: ppmToPercentInput(requirement.ratioPpm),
      appliedAmount: c !== null ? fenToInput(amountFromRatio(c, requirement.ratioPpm)) : undefined,
    });
  }, [requirement, form]);

  /** 预缴值 and 申请金额 follow each other as the user types (integer 分 and ppm, half up). */
  function derive(changed: Partial<Values>, all: Values) {
    const contract = parseYuan(all.contractAmount);
    if ('prepayMode' in changed) {
      if (changed.prepayMode === 'amount') {
        form.setFieldsValue({ prepayValue: parseYuan(all.appliedAmount) !== null ? all.appliedAmount : undefined });
      } else {
        const applied = parseYuan(all.appliedAmount);
        const ppm = applied !== null && contract !== null && contract > 0n ? ratioFromAmount(applied, contract) : 0;
        form.setFieldsValue(
          ppm > 0 && ppm <= 1_000_000
            ? { prepayValue: ppmToPercentInput(ppm), appliedAmount: fenToInput(amountFromRatio(contract!, ppm)) }
            : { prepayValue: undefined, appliedAmount: undefined },
        );
      }
      void form.validateFields(['prepayValue', 'appliedAmount']).catch(() => undefined);
      return;
    }
    if (all.prepayMode === 'ratio') {
      if ('prepayValue' in changed || 'contractAmount' in changed) {
        const ppm = parsePercent(all.prepayValue);
        form.setFieldsValue({ appliedAmount: ppm !== null && contract !== null ? fenToInput(amountFromRatio(contract, ppm)) : undefined });
      }
    } else if ('prepayValue' in changed) {
      form.setFieldsValue({ appliedAmount: all.prepayValue ?? undefined });
    } else if ('appliedAmount' in changed) {
      form.setFieldsValue({ prepayValue: all.appliedAmount ?? undefined });
    }
    if ('contractAmount' in changed || 'prepayValue' in changed || 'appliedAmount' in changed) {
      // re-check "不能大于施工合同金额" on the fields the user did not touch
      const touched = (['prepayValue', 'appliedAmount'] as const).filter((f) => form.getFieldValue(f) !== undefined && form.isFieldTouched(f));
      if (touched.length) void form.validateFields(touched).catch(() => undefined);
    }
  }

  const notAboveContract: Rule = {
    validator: (_r, v: string | undefined) => {
      const fen = parseYuan(v);
      const c = parseYuan(form.getFieldValue('contractAmount') as string | undefined);
      if (fen !== null && c !== null && fen > c) return Promise.reject(new Error('申请金额不能大于施工合同金额'));
      return Promise.resolve();
    },
  };

  const prepayValueRules: Rule[] =
    prepayMode === 'ratio'
      ? [
          required('请输入预缴值'),
          {
            validator: (_r, v: string | undefined) =>
              v === undefined || v === '' || parsePercent(v) !== null
                ? Promise.resolve()
                : Promise.reject(new Error('比例应为0–100之间的数，最多4位小数')),
          },
        ]
      : [required('请输入预缴值'), notAboveContract];

  function toRequest(v: Values, withJustification: boolean): QuotaRequest {
    const type = v.applyType!;
    return {
      projectId: project.id,
      previousId: previous?.id,
      contractAmount: fenToInput(parseYuan(v.contractAmount)!),
      prepayMode: v.prepayMode,
      prepayRatio: v.prepayMode === 'ratio' ? String(v.prepayValue).trim() : undefined,
      appliedAmount: v.prepayMode === 'amount' ? fenToInput(parseYuan(v.appliedAmount)!) : undefined,
      applyType: type,
      payMethod: type === 'general' ? v.payMethod : undefined,
      handlerName: (v.handlerName ?? '').trim(),
      handlerPhone: (v.handlerPhone ?? '').trim(),
      description: v.description?.trim() || undefined,
      licenseFileId: type === 'exempt' ? doneIds(v.licenseFiles)[0] : undefined,
      bidNoticeFileIds: type === 'exempt' ? doneIds(v.bidNoticeFiles) : [],
      deferralReason: type === 'deferred' ? v.deferralReason?.trim() || undefined : undefined,
      deferralFileId: type === 'deferred' ? doneIds(v.deferralFiles)[0] : undefined,
      justification: withJustification ? v.justification?.trim() || undefined : undefined,
    };
  }

  function showServerErrors(e: unknown): boolean {
    if (!(e instanceof ApiError)) return false;
    const fields = Object.entries(e.fieldErrors)
      .map(([k, msgs]) => [SERVER_FIELDS[k], msgs] as const)
      .filter((x): x is readonly [keyof Values, string[]] => !!x[0]);
    if (fields.some(([k]) => k === 'justification')) setForceJustification(true);
    if (!fields.length) return false;
    // the justification field appears on the next render
    setTimeout(() => {
      form.setFields(fields.map(([name, errors]) => ({ name, errors })));
      form.scrollToField(fields[0]![0]);
    });
    return true;
  }

  async function send(v: Values, withJustification: boolean) {
    setError(null);
    try {
      const q = await submit.mutateAsync(toRequest(v, withJustification));
      message.success('定额申请已提交，等待人社部门审核');
      onSubmitted?.(q);
      onClose();
    } catch (e) {
      if (!showServerErrors(e)) setError(errorMessage(e));
    }
  }

  async function onFinish(v: Values) {
    setError(null);
    // The figure to compare with is the engine's for exactly this amount, not a debounced one.
    let req: Requirement;
    setChecking(true);
    try {
      req = (await qc.fetchQuery(quotaPreviewQueryOptions(project.id, fenToInput(parseYuan(v.contractAmount)!)))).requirement;
    } catch (e) {
      setError(errorMessage(e));
      return;
    } finally {
      setChecking(false);
    }
    const isBelowNow = isBelow(req, v.applyType, v.appliedAmount);
    const withJustification = isBelowNow || forceJustification;
    if (isBelowNow && !v.justification?.trim()) {
      setForceJustification(true);
      setTimeout(() => {
        form.setFields([{ name: 'justification', errors: ['请填写书面说明'] }]);
        form.scrollToField('justification');
      });
      return;
    }
    const type = v.applyType!;
    modal.confirm({
      title: previous ? '确认重新提交定额申请？' : '确认提交定额申请？',
      width: 520,
      content: (
        <div>
          <p style={{ margin: '8px 0' }}>申请类型：{applyTypeLabels[type]}</p>
          {type !== 'exempt' && <p style={{ margin: '8px 0' }}>申请金额：{showYuan(v.appliedAmount)} 元</p>}
          <p style={{ margin: '8px 0' }}>{requirementSentence(req)}</p>
          {isBelowNow && <Typography.Text type="warning">{belowMessage(req, type)}</Typography.Text>}
          <p style={{ margin: '8px 0 0', color: 'rgba(0,0,0,0.45)' }}>提交后由 {project.hrssOrg.name} 审核。</p>
        </div>
      ),
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: () => send(v, withJustification),
    });
  }

  const col = (node: ReactNode, full = false) => (
    <Col xs={24} md={full ? 24 : 12}>
      {node}
    </Col>
  );
  const payLabel = payAmountLabel(payMethod);
  const appliedPpm = (() => {
    const a = parseYuan(appliedAmount);
    return a !== null && contractFen !== null && contractFen > 0n ? ratioFromAmount(a, contractFen) : null;
  })();

  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Typography.Text strong>{project.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          工程编号 {project.code}
        </Typography.Text>
      </Typography.Paragraph>
      <ProjectBlock project={project} />
      {previous && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '8px 0' }}
          message={`修改后重新提交：上次申请（批次号 ${previous.batchNo}）已驳回`}
          description={`驳回原因：${previous.rejectReason ?? '-'}`}
        />
      )}
      <Typography.Title level={5} style={{ margin: '12px 0' }}>
        申请信息
      </Typography.Title>
      <RequirementPanel requirement={requirement} loading={preview.isFetching} />
      {below && requirement && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} message={belowMessage(requirement, applyType)} data-testid="quota-below-warning" />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      <Form<Values>
        form={form}
        name="quota"
        layout="horizontal"
        labelCol={{ flex: '116px' }}
        labelWrap
        wrapperCol={{ flex: 1 }}
        initialValues={initialValues(project, previous)}
        onValuesChange={derive}
        onFinish={onFinish}
        scrollToFirstError
        style={{ marginTop: 16 }}
      >
        <Row gutter={24}>
          {col(
            <Form.Item
              name="contractAmount"
              label="施工合同金额"
              rules={[
                required('请输入施工合同金额'),
                {
                  validator: (_r, v: string | undefined) => {
                    if (v === undefined || v === '') return Promise.resolve();
                    const fen = parseYuan(v);
                    return fen !== null && fen > 0n ? Promise.resolve() : Promise.reject(new Error('施工合同金额应大于0，最多两位小数'));
                  },
                },
              ]}
            >
              <AmountInput min="0.01" placeholder="请输入施工合同金额" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="prepayMode" label="预缴方式" rules={[required('请选择预缴方式')]}>
              <Radio.Group options={PREPAY_MODE_OPTIONS} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="prepayValue"
              label="预缴值"
              rules={prepayValueRules}
              extra={prepayMode === 'amount' && appliedPpm !== null ? `折合比例 ${formatRatioPpm(appliedPpm)}` : undefined}
            >
              {prepayMode === 'ratio' ? (
                <InputNumber<string>
                  key="ratio"
                  stringMode
                  min="0"
                  max="100"
                  controls={false}
                  style={{ width: '100%' }}
                  addonAfter="%"
                  placeholder="请输入预缴比例"
                />
              ) : (
                <AmountInput key="amount" placeholder="请输入预缴金额" />
              )}
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="appliedAmount"
              label="申请金额"
              rules={[required(prepayMode === 'ratio' ? '请输入预缴值，申请金额自动计算' : '请输入申请金额'), notAboveContract]}
              extra={prepayMode === 'ratio' ? '按施工合同金额 × 预缴比例自动计算' : undefined}
            >
              <AmountInput
                readOnly={prepayMode === 'ratio'}
                variant={prepayMode === 'ratio' ? 'filled' : 'outlined'}
                placeholder={prepayMode === 'ratio' ? '输入预缴值后自动计算' : '请输入申请金额'}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="applyType" label="申请类型" rules={[required('请选择申请类型')]}>
              <Radio.Group options={APPLY_TYPE_OPTIONS} />
            </Form.Item>,
          )}
          {applyType === 'general' &&
            col(
              <Form.Item name="payMethod" label="缴纳方式" rules={[required('请选择缴纳方式')]}>
                <Radio.Group options={PAY_METHOD_OPTIONS} />
              </Form.Item>,
            )}
          {applyType === 'general' &&
            payMethod &&
            col(
              <Form.Item label={payLabel} required htmlFor="quota_payAmount" extra="与申请金额一致">
                <Input id="quota_payAmount" readOnly variant="filled" value={appliedAmount ? showYuan(appliedAmount) : ''} addonAfter="元" />
              </Form.Item>,
            )}
          {col(
            <Form.Item name="handlerName" label="经办人" rules={[required('请输入经办人'), { max: 30, message: '经办人不能超过30个字符' }]}>
              <Input placeholder="请输入经办人姓名" maxLength={30} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="handlerPhone" label="经办人电话" rules={[required('请输入经办人电话'), zodRule(zPhone)]}>
              <Input placeholder="请输入手机号码" maxLength={11} inputMode="numeric" />
            </Form.Item>,
          )}
          {applyType === 'exempt' &&
            col(
              <Form.Item name="licenseFiles" label="营业执照" required rules={[fileRule('营业执照', true)]}>
                <FileUploadField max={1} buttonText="添加文件" hint={uploadHint} />
              </Form.Item>,
            )}
          {applyType === 'exempt' &&
            col(
              <Form.Item name="bidNoticeFiles" label="中标通知书" required rules={[fileRule('中标通知书', true)]}>
                <FileUploadField max={2} buttonText="添加文件" hint={uploadHint} />
              </Form.Item>,
            )}
          {applyType === 'deferred' &&
            col(
              <Form.Item
                name="deferralReason"
                label="缓缴理由"
                rules={[required('请输入缓缴理由'), { max: 500, message: '缓缴理由不能超过500字' }]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount placeholder="请输入缓缴理由" />
              </Form.Item>,
              true,
            )}
          {applyType === 'deferred' &&
            col(
              <Form.Item name="deferralFiles" label="证明材料" required rules={[fileRule('证明材料', true)]}>
                <FileUploadField max={1} buttonText="添加文件" hint={uploadHint} />
              </Form.Item>,
            )}
          {col(
            <Form.Item name="description" label="申请说明" rules={[{ max: 500, message: '申请说明不能超过500字' }]}>
              <Input.TextArea rows={2} maxLength={500} showCount placeholder="选填" />
            </Form.Item>,
            true,
          )}
          {needsJustification && (
            <Col span={24}>
              {!below && (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="人社部门要求对本次申请提供书面说明，将提交人社部门审核。" />
              )}
              <Form.Item
                name="justification"
                label="书面说明"
                rules={[required('请填写书面说明'), { whitespace: true, message: '请填写书面说明' }, { max: 1000, message: '书面说明不能超过1000字' }]}
                extra="书面说明将提交人社部门审核"
              >
                <Input.TextArea rows={3} maxLength={1000} showCount placeholder="请说明低于规定应缴或申请免缴的理由" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <div style={{ display: 'flex', justifyContent: 'flex-end', borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" htmlType="submit" loading={checking || submit.isPending}>
              {previous ? '重新提交' : '提交申请'}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

/** 定额申请 (manual 2.1.1–2.1.2): the project block, then 申请信息, with the engine's figure beside the form. */
export function QuotaApplyModal({
  project,
  previous,
  open,
  onClose,
  onSubmitted,
}: {
  project: Project;
  /** A rejected application being corrected (sent as previousId). */
  previous?: QuotaApplication;
  open: boolean;
  onClose: () => void;
  onSubmitted?: (q: QuotaApplication) => void;
}) {
  return (
    <Modal title="定额申请" open={open} onCancel={onClose} footer={null} destroyOnHidden width={1000} maskClosable={false}>
      <QuotaApplyForm project={project} previous={previous} onClose={onClose} onSubmitted={onSubmitted} />
    </Modal>
  );
}
