import type { ReactNode } from 'react';
import { ratioParamLabels } from '@benxi/shared';
import { Alert, App, Col, Divider, Form, InputNumber, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import { FormModal } from '../../../components/FormModal';
import { fenToInput, parsePercent, parseYuan } from '../../../lib/money';
import { useSaveRatioParams, type RatioParamsBody, type RatioParamsView } from '../api/rules';
import { AmountInput } from '../../../components/AmountInput';

type Values = Omit<RatioParamsBody, 'capAmount'> & { capAmount?: string | null };

const percentRule: Rule = {
  validator: (_r, v: string | undefined) =>
    v === undefined || v === null || v === '' || parsePercent(v) !== null
      ? Promise.resolve()
      : Promise.reject(new Error('比例应为0–100之间的数，最多4位小数')),
};
const amountRule: Rule = {
  validator: (_r, v: string | undefined) =>
    v === undefined || v === null || v === '' || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error('金额格式不正确（最多两位小数）')),
};
const req = (label: string): Rule => ({ required: true, message: `请输入${label}` });

function PercentInput(props: { id?: string; value?: string; onChange?: (v: string | null) => void }) {
  return <InputNumber<string> {...props} stringMode min="0" max="100" controls={false} style={{ width: '100%' }} addonAfter="%" />;
}
function IntInput(props: { id?: string; value?: number; onChange?: (v: number | null) => void; min: number; max: number; unit: string }) {
  const { unit, ...rest } = props;
  return <InputNumber<number> {...rest} precision={0} style={{ width: '100%' }} addonAfter={unit} />;
}

/** The form's labels (the shared schema's, so the server's problems start with them and go under that field). */
const LABELS = ratioParamLabels satisfies Record<keyof Values, string>;
const PROBLEM_FIELDS = Object.fromEntries(Object.entries(LABELS).map(([field, label]) => [label, field])) as Record<string, keyof Values>;

/** 编辑 of one region's parameters; the server checks them (ratioParamProblems) and says what is wrong, under the field. */
export function RatioParamsModal({ row, onClose }: { row: RatioParamsView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSaveRatioParams();

  async function submit(v: Values) {
    if (!row) return;
    const cap = v.capAmount === undefined || v.capAmount === null || v.capAmount === '' ? null : fenToInput(parseYuan(v.capAmount)!);
    await save.mutateAsync({
      code: row.regionCode,
      body: {
        baseRatioPercent: String(v.baseRatioPercent),
        minRatioPercent: String(v.minRatioPercent),
        maxRatioPercent: String(v.maxRatioPercent),
        capAmount: cap,
        multiProjectRatioPercent: String(v.multiProjectRatioPercent),
        floorPercent: String(v.floorPercent),
        exemptionThresholdAmount: fenToInput(parseYuan(v.exemptionThresholdAmount)!),
        reduceAfterCleanYears: v.reduceAfterCleanYears,
        reducePct: v.reducePct,
        exemptAfterCleanYears: v.exemptAfterCleanYears,
        arrearsIncreasePct: v.arrearsIncreasePct,
        blacklistIncreasePct: v.blacklistIncreasePct,
      },
    });
    message.success(`${row.regionName}的比例参数已保存，对此后提交的申请生效`);
    onClose();
  }

  const item = (field: keyof Values, rules: Rule[], input: ReactNode, extra?: string) => (
    <Col xs={24} md={12}>
      <Form.Item name={field} label={LABELS[field]} rules={rules} extra={extra}>
        {input}
      </Form.Item>
    </Col>
  );

  return (
    <FormModal<Values>
      title={row ? `编辑比例参数 — ${row.regionName}` : '编辑比例参数'}
      open={!!row}
      form={form}
      name="ratioParams"
      onClose={onClose}
      onSubmit={submit}
      problemFields={PROBLEM_FIELDS}
      okText="保存"
      width={760}
      layout="vertical"
      intro={<Alert type="info" showIcon message="修改后对此后提交的申请生效；已提交的申请保留提交时的参数。" style={{ marginTop: 12 }} />}
      initialValues={row ? { ...row, capAmount: row.capAmount ?? undefined } : undefined}
    >
      {row && (
        <>
          <Divider orientation="left" plain style={{ marginTop: 0 }}>
            比例（第七条）
          </Divider>
          <Row gutter={16}>
            {item('baseRatioPercent', [req(LABELS.baseRatioPercent), percentRule], <PercentInput />, '原则上不低于1%、不高于3%')}
            {item('capAmount', [amountRule], <AmountInput placeholder="不设上限" />, '不填则不设上限')}
            {item('minRatioPercent', [req(LABELS.minRatioPercent), percentRule], <PercentInput />)}
            {item('maxRatioPercent', [req(LABELS.maxRatioPercent), percentRule], <PercentInput />)}
            {item('multiProjectRatioPercent', [req(LABELS.multiProjectRatioPercent), percentRule], <PercentInput />, '本地区有其他在建工程时的起算比例')}
            {item('floorPercent', [req(LABELS.floorPercent), percentRule], <PercentInput />, '不得低于0.5%')}
          </Row>
          <Divider orientation="left" plain>
            免缴（第八条）
          </Divider>
          <Row gutter={16}>
            {item(
              'exemptionThresholdAmount',
              [req(LABELS.exemptionThresholdAmount), amountRule],
              <AmountInput />,
              '合同金额低于此标准且签订前一年内无拖欠的，可申请免缴',
            )}
          </Row>
          <Divider orientation="left" plain>
            调整（第九条）
          </Divider>
          <Row gutter={16}>
            {item('reduceAfterCleanYears', [req('年数')], <IntInput min={1} max={10} unit="年" />)}
            {item('reducePct', [req('下调幅度')], <IntInput min={0} max={100} unit="%" />, '不低于50%')}
            {item('exemptAfterCleanYears', [req('年数')], <IntInput min={1} max={10} unit="年" />, '且落实实名制管理和工资专用账户制度')}
            {item('arrearsIncreasePct', [req('提高幅度')], <IntInput min={0} max={300} unit="%" />, '签订前两年内发生拖欠，不低于50%')}
            {item('blacklistIncreasePct', [req('提高幅度')], <IntInput min={0} max={300} unit="%" />, '不低于100%')}
          </Row>
        </>
      )}
    </FormModal>
  );
}
