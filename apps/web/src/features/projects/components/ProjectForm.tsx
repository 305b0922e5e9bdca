import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import {
  checkCreditCode,
  creditCodeMessages,
  durationDays,
  zProjectBase,
  zProjectContacts,
} from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { zodRule } from '../../../lib/zod-rule';
import {
  dictSelectOptions,
  regionSelectOptions,
  useFormDictionaries,
  useUnitOptions,
  type UnitOption,
} from '../../dictionaries/api/dictionaries';
import { useCreateProject, useUpdateProject, type CreateProjectInput, type Project } from '../api/projects';
import { AmountInput } from '../../../components/AmountInput';

export interface ProjectFormValues {
  industryType?: string;
  regionCode?: string;
  authorityOrgId?: string;
  hrssOrgId?: string;
  name: string;
  location: string;
  projectRegionCode?: string;
  projectType?: string;
  contractAmount?: string;
  plannedRange?: [Dayjs, Dayjs];
  builderName: string;
  builderCreditCode: string;
  contractSignedOn?: Dayjs;
  wageDay?: number;
  managerName: string;
  managerPhone: string;
  laborOfficerName: string;
  laborOfficerPhone: string;
  category?: string;
  permitDate?: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';
const base = zProjectBase.shape;
const contacts = zProjectContacts.shape;

export const UNITS_NOTE = '选择行业主管类型和主管地区会带出主管单位和人社监管单位，涉及人社部门审核环节，请务必核对正确。';

export const WAGE_DAY_OPTIONS = Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: `${i + 1}号` }));

const required = (message: string): Rule => ({ required: true, message });

export const creditCodeRule: Rule = {
  validator: (_: unknown, value: unknown) => {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v) return Promise.reject(new Error('请输入建设单位统一社会信用代码'));
    const problem = checkCreditCode(v);
    return problem ? Promise.reject(new Error(creditCodeMessages[problem])) : Promise.resolve();
  },
};

export const phoneRules = (label: string): Rule[] => [required(`请输入${label}`), zodRule(contacts.managerPhone)];

function initialValues(p?: Project): Partial<ProjectFormValues> {
  if (!p) return {};
  return {
    industryType: p.industryType,
    regionCode: p.regionCode,
    authorityOrgId: p.authorityOrg.id,
    hrssOrgId: p.hrssOrg.id,
    name: p.name,
    location: p.location,
    projectRegionCode: p.projectRegionCode,
    projectType: p.projectType,
    contractAmount: p.contractAmount,
    plannedRange: [dayjs(p.plannedStart), dayjs(p.plannedEnd)],
    builderName: p.builderName,
    builderCreditCode: p.builderCreditCode,
    contractSignedOn: dayjs(p.contractSignedOn),
    wageDay: p.wageDay,
    managerName: p.managerName,
    managerPhone: p.managerPhone,
    laborOfficerName: p.laborOfficerName,
    laborOfficerPhone: p.laborOfficerPhone,
    category: p.category,
    permitDate: p.permitDate ? dayjs(p.permitDate) : null,
  };
}

function toRequest(v: ProjectFormValues): CreateProjectInput {
  return {
    industryType: v.industryType!,
    regionCode: v.regionCode!,
    authorityOrgId: v.authorityOrgId,
    hrssOrgId: v.hrssOrgId,
    name: v.name.trim(),
    location: v.location.trim(),
    projectRegionCode: v.projectRegionCode!,
    projectType: v.projectType!,
    contractAmount: String(v.contractAmount),
    plannedStart: v.plannedRange![0].format(DATE),
    plannedEnd: v.plannedRange![1].format(DATE),
    builderName: v.builderName.trim(),
    builderCreditCode: v.builderCreditCode.trim(),
    contractSignedOn: v.contractSignedOn!.format(DATE),
    category: v.category!,
    permitDate: v.permitDate ? v.permitDate.format(DATE) : null,
    wageDay: v.wageDay!,
    managerName: v.managerName.trim(),
    managerPhone: v.managerPhone.trim(),
    laborOfficerName: v.laborOfficerName.trim(),
    laborOfficerPhone: v.laborOfficerPhone.trim(),
  };
}

/** A unit Select: read only when the dictionary offers one unit, a choice when it offers several. */
function UnitSelect({
  value,
  onChange,
  options,
  loading,
  ready,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  options: UnitOption[];
  loading: boolean;
  ready: boolean;
  id?: string;
}) {
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={loading}
      disabled={options.length <= 1}
      placeholder={ready ? (loading ? '正在带出…' : '暂无对应单位') : '选择行业主管类型和主管地区后带出'}
      options={options.map((o) => ({ value: o.id, label: o.isDefault && options.length > 1 ? `${o.name}（默认）` : o.name }))}
    />
  );
}

interface Props {
  /** The project being edited (编辑基础信息); absent for 新建项目. */
  project?: Project;
  /** 施工总承包单位名称 and its credit code: the user's own certified enterprise, read only. */
  contractor: { name: string; creditCode: string };
  onSaved: (p: Project) => void;
  onCancel: () => void;
}

/** 新建项目 of the manual (2.1), two columns; also 编辑基础信息 while the base data is not locked. */
export function ProjectForm({ project, contractor, onSaved, onCancel }: Props) {
  const [form] = Form.useForm<ProjectFormValues>();
  const { modal, message } = App.useApp();
  const dicts = useFormDictionaries();
  const create = useCreateProject();
  const update = useUpdateProject();
  const [error, setError] = useState<string | null>(null);

  const industryType = Form.useWatch('industryType', form);
  const regionCode = Form.useWatch('regionCode', form);
  const plannedRange = Form.useWatch('plannedRange', form);
  const units = useUnitOptions(industryType, regionCode);
  const authorities = units.data?.authorities ?? [];
  const hrss = units.data?.hrss ?? [];
  const unitsReady = !!industryType && !!regionCode;

  // The dictionary's units for (type, region): keep a valid choice, otherwise take the default.
  useEffect(() => {
    if (!units.data) return;
    const keep = (field: 'authorityOrgId' | 'hrssOrgId', list: UnitOption[], label: string) => {
      const current = form.getFieldValue(field) as string | undefined;
      if (current && list.some((o) => o.id === current)) return;
      form.setFieldValue(field, list[0]?.id);
      form.setFields([{ name: field, errors: list.length ? [] : [`该主管地区暂无对应的${label}，请联系平台运营人员`] }]);
    };
    keep('authorityOrgId', units.data.authorities, '行业主管单位');
    keep('hrssOrgId', units.data.hrss, '人社监管单位');
  }, [units.data, form]);

  const duration =
    plannedRange?.[0] && plannedRange?.[1]
      ? `${durationDays(plannedRange[0].format(DATE), plannedRange[1].format(DATE))} 天`
      : '';

  async function send(values: ProjectFormValues) {
    setError(null);
    try {
      const body = toRequest(values);
      const saved = project ? await update.mutateAsync({ id: project.id, patch: body }) : await create.mutateAsync(body);
      message.success(project ? '项目信息已保存' : '项目已创建');
      onSaved(saved);
    } catch (e) {
      const shown = applyServerErrors(form, e);
      const dates = e instanceof ApiError ? [e.fieldErrors.plannedStart, e.fieldErrors.plannedEnd].flat().filter(Boolean) : [];
      if (dates.length) form.setFields([{ name: 'plannedRange', errors: dates as string[] }]);
      if (!shown && !dates.length) setError(errorMessage(e));
    }
  }

  function confirmAndSend(values: ProjectFormValues) {
    const authorityName = authorities.find((o) => o.id === values.authorityOrgId)?.name ?? '-';
    const hrssName = hrss.find((o) => o.id === values.hrssOrgId)?.name ?? '-';
    modal.confirm({
      title: project ? '确认保存项目信息？' : '确认提交新建项目？',
      width: 520,
      content: (
        <div>
          <p style={{ margin: '8px 0' }}>行业主管单位：{authorityName}</p>
          <p style={{ margin: '8px 0' }}>人社监管单位：{hrssName}</p>
          <Typography.Text type="warning">主管单位和人社监管单位涉及人社部门审核环节，请务必核对正确。</Typography.Text>
        </div>
      ),
      okText: project ? '确认保存' : '确认提交',
      cancelText: '再检查一下',
      onOk: () => send(values),
    });
  }

  const col = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  return (
    <Form<ProjectFormValues>
      form={form}
      name="project"
      layout="vertical"
      initialValues={initialValues(project)}
      onFinish={confirmAndSend}
      scrollToFirstError
    >
      <Alert type="warning" showIcon message={UNITS_NOTE} style={{ marginBottom: 24 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Row gutter={32}>
        {col(
          <Form.Item name="industryType" label="行业主管类型" rules={[required('请选择行业主管类型')]}>
            <Select placeholder="请选择" loading={dicts.isPending} options={dictSelectOptions(dicts.data, 'industry_type')} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="regionCode" label="主管地区" rules={[required('请选择主管地区')]}>
            <Select placeholder="请选择地区" loading={dicts.isPending} options={regionSelectOptions(dicts.data)} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="authorityOrgId"
            label="行业主管单位"
            rules={[required('请选择行业主管单位')]}
            extra={authorities.length > 1 ? '该类型、该地区有多个行业主管单位，可另选' : undefined}
          >
            <UnitSelect options={authorities} loading={units.isFetching} ready={unitsReady} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="hrssOrgId"
            label="人社监管单位"
            rules={[required('请选择人社监管单位')]}
            extra={hrss.length > 1 ? '该地区有多个人社监管单位，可另选' : undefined}
          >
            <UnitSelect options={hrss} loading={units.isFetching} ready={unitsReady} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="name" label="工程名称" rules={[required('请输入工程名称'), zodRule(base.name)]}>
            <Input placeholder="请输入工程名称" maxLength={100} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="location" label="工程地点" rules={[required('请输入工程地点'), zodRule(base.location)]}>
            <Input placeholder="请输入工程地点" maxLength={200} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="projectRegionCode" label="工程地区" rules={[required('请选择工程地区')]}>
            <Select placeholder="请选择地区" options={regionSelectOptions(dicts.data)} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="projectType" label="工程类型" rules={[required('请选择工程类型')]}>
            <Select placeholder="请选择" options={dictSelectOptions(dicts.data, 'project_type')} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="contractAmount"
            label="施工合同金额"
            rules={[
              required('请输入施工合同金额'),
              zodRule(base.contractAmount),
            ]}
          >
            <AmountInput min="0.01" placeholder="请输入施工合同金额" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="plannedRange" label="计划建设日期" rules={[required('请选择计划建设日期')]}>
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label="工期" required tooltip="按计划建设日期自动计算（含首尾两天）">
            <Input readOnly variant="filled" value={duration} placeholder="选择计划建设日期后自动计算" />
          </Form.Item>,
        )}
        {col(
          <Form.Item label="施工总承包单位名称" required>
            <Input readOnly variant="filled" value={contractor.name} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label="总包单位统一社会信用代码" required>
            <Input readOnly variant="filled" value={contractor.creditCode} style={{ fontFamily: 'monospace' }} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="builderName" label="建设单位" rules={[required('请输入建设单位'), zodRule(base.builderName)]}>
            <Input placeholder="请输入建设单位名称" maxLength={100} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="builderCreditCode"
            label="建设单位统一社会信用代码"
            required
            rules={[creditCodeRule]}
            normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          >
            <Input placeholder="请输入18位统一社会信用代码" maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="contractSignedOn" label="施工合同签订日" rules={[required('请选择施工合同签订日')]}>
            <DatePicker style={{ width: '100%' }} placeholder="请选择日期" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="wageDay" label="工资发放日" rules={[required('请选择工资发放日')]}>
            <Select placeholder="请选择" options={WAGE_DAY_OPTIONS} showSearch optionFilterProp="label" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="managerName" label="项目经理" rules={[required('请输入项目经理'), zodRule(contacts.managerName)]}>
            <Input placeholder="请输入项目经理姓名" maxLength={50} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="managerPhone" label="项目经理电话" rules={phoneRules('项目经理电话')}>
            <Input placeholder="请输入手机号码" maxLength={11} inputMode="numeric" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="laborOfficerName" label="劳资专管员" rules={[required('请输入劳资专管员'), zodRule(contacts.laborOfficerName)]}>
            <Input placeholder="请输入劳资专管员姓名" maxLength={50} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="laborOfficerPhone" label="劳资专管员电话" rules={phoneRules('劳资专管员电话')}>
            <Input placeholder="请输入手机号码" maxLength={11} inputMode="numeric" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="category" label="项目种类" rules={[required('请选择项目种类')]}>
            <Select placeholder="请选择" options={dictSelectOptions(dicts.data, 'project_category')} />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="permitDate" label="施工许可证日期">
            <DatePicker style={{ width: '100%' }} placeholder="请选择日期（选填）" />
          </Form.Item>,
        )}
      </Row>
      <Form.Item style={{ marginBottom: 0, marginTop: 8, textAlign: 'center' }}>
        <Space size="middle">
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending || update.isPending} style={{ minWidth: 160 }}>
            {project ? '保存' : '提交'}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
