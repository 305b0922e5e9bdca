import { useMemo, useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Descriptions, Form, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  coverDays,
  INSURANCE_APPLICANT_TYPES,
  INSURANCE_FINAL_FIGURES_NOTE,
  INSURANCE_PRODUCT_TYPES,
  INSURANCE_QUALIFICATIONS,
  insuranceApplicantTypeLabels,
  insuranceProductDocLabels,
  insuranceProductTypeLabels,
  insuranceQualificationLabels,
  type InsuranceApplicantType,
  type InsuranceProductType,
  type InsuranceQualification,
} from '@benxi/shared';
import { fileUrl } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { showServerErrors } from '../../../lib/form-errors';
import { PageLoading } from '../../../components/PageLoading';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { useFormDictionaries } from '../../../features/dictionaries/api/dictionaries';
import { useInsuranceQuotes, useSubmitInsurance } from '../../../features/insurance/api/insurance';
import { useSwitchConfirm } from '../../../features/payment/components/switch-confirm';
import { LoadError } from '../bank/LoadError';

interface Values {
  tender?: FileFieldValue;
  contract?: FileFieldValue;
  award?: FileFieldValue;
  startOn?: Dayjs | null;
  endOn?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/**
 * 保险办理 (manual 2.2.2): 投保地区 / 产品类型 / 投保人类型 / 企业资质, the insurers offering such a product
 * with 建议年费率, 参考保费 and 相关文件 (multi-select: "您已选择 N 家保险公司"), then the 投保信息 form
 * (项目标段信息 from the project, 相关资料, 保险信息); 提交订单 makes one order per insurer (核保中).
 */
export default function InsuranceApplyPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const dicts = useFormDictionaries();
  const [filters, setFilters] = useState<{ regionCode?: string; productType: InsuranceProductType; applicantType: InsuranceApplicantType; qualification: InsuranceQualification }>({
    productType: 'project',
    applicantType: 'contractor',
    qualification: 'grade_1',
  });
  const [period, setPeriod] = useState<{ startOn?: string; endOn?: string }>({});
  const quotes = useInsuranceQuotes(id, { ...filters, ...period });
  const [selected, setSelected] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = useSubmitInsurance();
  const send = useSwitchConfirm();
  const q = quotes.data;
  const regionCode = filters.regionCode ?? '';
  const regionOptions = useMemo(() => (dicts.data?.regions ?? []).map((r) => ({ value: r.code, label: r.parentCode ? `辽宁省 / 本溪市 / ${r.name}` : `辽宁省 / ${r.name}` })), [dicts.data]);

  if (quotes.isPending) return <PageLoading />;
  if (quotes.isError || !q) return <LoadError error={quotes.error ?? new Error('加载失败')} what="项目" back={{ to: `/projects/${id}`, label: '返回项目' }} />;
  const chosen = q.quotes.filter((x) => selected.includes(x.productId));
  const first = chosen[0] ?? q.quotes[0];

  async function onSubmit() {
    setProblems([]);
    const v = await form.validateFields();
    if (selected.length === 0) {
      setProblems(['请至少选择一家保险公司']);
      return;
    }
    try {
      const done = await send(
        (confirmSwitch) =>
          submit.mutateAsync({
            projectId: id,
            regionCode: regionCode || '210500',
            productType: filters.productType,
            applicantType: filters.applicantType,
            qualification: filters.qualification,
            productIds: selected,
            startOn: day(v.startOn)!,
            endOn: day(v.endOn)!,
            tenderFileId: uploadedFileId(v.tender)!,
            contractFileId: uploadedFileId(v.contract),
            awardFileId: uploadedFileId(v.award)!,
            confirmSwitch: confirmSwitch || undefined,
          }),
        search.get('switch') === '1',
      );
      if (!done) return;
      message.success(`已提交 ${done.orders.length} 个投保订单，等待保险公司核保`);
      navigate(`/projects/${id}`);
    } catch (e) {
      setProblems(showServerErrors(form, e));
    }
  }

  return (
    <PageContainer title="保险办理" subTitle={q.projectName} onBack={() => navigate(`/projects/${id}`)}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="选择“企业资质”“保险公司”进行投保">
          <Form layout="horizontal" labelCol={{ flex: '100px' }} style={{ maxWidth: 900 }}>
            <Form.Item label="投保地区" required>
              <Select
                data-testid="insurance-region"
                value={regionCode || undefined}
                placeholder="辽宁省 / 本溪市"
                allowClear
                options={regionOptions}
                onChange={(v?: string) => setFilters((f) => ({ ...f, regionCode: v || undefined }))}
                style={{ width: 360 }}
              />
            </Form.Item>
            <Form.Item label="产品类型" required>
              <Radio.Group value={filters.productType} onChange={(e) => setFilters((f) => ({ ...f, productType: e.target.value as InsuranceProductType }))}>
                {INSURANCE_PRODUCT_TYPES.map((t) => (
                  <Radio.Button key={t} value={t}>
                    {insuranceProductTypeLabels[t]}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item label="投保人类型" required>
              <Radio.Group value={filters.applicantType} onChange={(e) => setFilters((f) => ({ ...f, applicantType: e.target.value as InsuranceApplicantType }))}>
                {INSURANCE_APPLICANT_TYPES.map((t) => (
                  <Radio.Button key={t} value={t}>
                    {insuranceApplicantTypeLabels[t]}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item label="企业资质" required style={{ marginBottom: 0 }}>
              <Radio.Group
                data-testid="insurance-qualification"
                value={filters.qualification}
                onChange={(e) => {
                  setSelected([]);
                  setFilters((f) => ({ ...f, qualification: e.target.value as InsuranceQualification }));
                }}
              >
                {INSURANCE_QUALIFICATIONS.map((t) => (
                  <Radio.Button key={t} value={t}>
                    {insuranceQualificationLabels[t]}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Form>
          <Typography.Paragraph strong style={{ margin: '16px 0 8px' }}>
            选择保险公司（支持多选）<Typography.Text type="secondary" data-testid="insurance-selected">您已选择 {selected.length} 家保险公司</Typography.Text>
          </Typography.Paragraph>
          <Table
            rowKey="productId"
            size="small"
            data-testid="insurance-quotes"
            dataSource={q.quotes}
            pagination={false}
            locale={{ emptyText: '暂无符合条件的保险公司' }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            columns={[
              { title: '保险公司名称', dataIndex: 'insurerName', key: 'name' },
              { title: '产品名称', dataIndex: 'productName', key: 'product' },
              { title: '建议年费率', dataIndex: 'annualRateText', key: 'rate', width: 110 },
              { title: '参考保费（元）', key: 'premium', align: 'right', width: 130, render: (_, x) => showYuan(x.referencePremium) },
              {
                title: '相关文件',
                key: 'docs',
                render: (_, x) => (
                  <Space size={8} wrap>
                    {x.documents.map((d) => (
                      <Typography.Link key={d.kind} href={fileUrl(d.file.id)} download={d.file.name}>
                        {insuranceProductDocLabels[d.kind]}
                      </Typography.Link>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card title="填写“投保信息”，提交订单">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {first?.productName ?? '农民工工资支付履约保证保险'}
          </Typography.Title>
          <Typography.Text strong>项目标段信息</Typography.Text>
          <Descriptions
            bordered
            size="small"
            column={2}
            style={{ margin: '8px 0 16px' }}
            items={[
              { key: 'name', label: '项目名称', children: q.projectName },
              { key: 'addr', label: '项目地址', children: q.projectAddress },
              { key: 'amount', label: '保证金金额', children: `${showYuan(q.amount)} 元` },
              { key: 'start', label: '计划开工日期', children: q.plannedStart },
              { key: 'days', label: '工期', children: `${q.durationDays} 日历天` },
              { key: 'end', label: '计划竣工日期', children: q.plannedEnd },
              { key: 'nature', label: '项目建设性质', children: q.projectNature },
              { key: 'no', label: '项目编号', children: q.projectId },
            ]}
          />
          <Form<Values>
            form={form}
            name="insurance"
            labelCol={{ flex: '110px' }}
            style={{ maxWidth: 900 }}
            initialValues={{ startOn: dayjs(q.startOn), endOn: dayjs(q.endOn) }}
            onValuesChange={(_, all) => setPeriod({ startOn: day(all.startOn), endOn: day(all.endOn) })}
          >
            <Typography.Text strong>相关资料</Typography.Text>
            <Form.Item name="tender" label="招标文件" required rules={[fileRule('招标文件', true)]} style={{ marginTop: 8 }}>
              <FileUploadField max={1} buttonText="上传招标文件" />
            </Form.Item>
            <Form.Item name="contract" label="施工合同" rules={[fileRule('施工合同', false)]}>
              <FileUploadField max={1} buttonText="上传施工合同" />
            </Form.Item>
            <Form.Item name="award" label="中标通知书" required rules={[fileRule('中标通知书', true)]}>
              <FileUploadField max={1} buttonText="上传中标通知书" />
            </Form.Item>
            <Typography.Text strong>保险信息</Typography.Text>
            <Descriptions
              size="small"
              column={2}
              style={{ margin: '8px 0' }}
              items={[
                { key: 'amount', label: '保险金额', children: `${showYuan(q.amount)} 元` },
                { key: 'days', label: '保障天数', children: <span data-testid="insurance-days">{q.days} 日历天</span> },
              ]}
            />
            <Space size={24} wrap>
              <Form.Item name="startOn" label="起保日期" rules={[{ required: true, message: '请选择起保日期' }]}>
                <TypedDatePicker />
              </Form.Item>
              <Form.Item
                name="endOn"
                label="终保日期"
                rules={[
                  { required: true, message: '请选择终保日期' },
                  {
                    validator: (_r, v: Dayjs | null) =>
                      v && v.format('YYYY-MM-DD') < q.plannedEnd ? Promise.reject(new Error(`终保日期不早于计划竣工日期 ${q.plannedEnd}`)) : Promise.resolve(),
                  },
                ]}
              >
                <TypedDatePicker />
              </Form.Item>
            </Space>
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'rate', label: '保险费率', children: <span data-testid="insurance-rate">{first?.rate ?? '-'}</span> },
                { key: 'premium', label: '保费金额', children: <span data-testid="insurance-premium">{first ? `${showYuan(first.referencePremium)} 元` : '-'}</span> },
              ]}
            />
            <Typography.Text type="warning">{INSURANCE_FINAL_FIGURES_NOTE}</Typography.Text>
            {period.startOn && period.endOn && period.endOn >= period.startOn && coverDays(period.startOn, period.endOn) !== q.days && <Typography.Text type="secondary"> （正在重新计算…）</Typography.Text>}
          </Form>
          {problems.length > 0 && <Alert type="error" showIcon style={{ marginTop: 12 }} message={problems.join('；')} />}
          <div style={{ marginTop: 16 }}>
            <Button type="primary" loading={submit.isPending} onClick={() => void onSubmit().catch(() => undefined)} data-testid="insurance-submit">
              提交订单
            </Button>
          </div>
        </Card>
      </Space>
    </PageContainer>
  );
}
