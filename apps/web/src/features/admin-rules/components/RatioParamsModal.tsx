import { useState, type ReactNode } from 'react';
import { Alert, App, Col, Divider, Form, InputNumber, Modal, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import { ApiError, errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { fenToInput, formatAmountInput, parseAmountInput, parsePercent, parseYuan } from '../../../lib/money';
import { useSaveRatioParams, type RatioParamsBody, type RatioParamsView } from '../api/rules';

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
function AmountInput(props: { id?: string; value?: string; onChange?: (v: string | null) => void; placeholder?: string }) {
  return (
    <InputNumber<string>
      {...props}
      stringMode
      min="0"
      max="9999999999999.99"
      precision={2}
      controls={false}
      style={{ width: '100%' }}
      formatter={formatAmountInput}
      parser={parseAmountInput}
      addonAfter="元"
    />
  );
}
function IntInput(props: { id?: string; value?: number; onChange?: (v: number | null) => void; min: number; max: number; unit: string }) {
  const { unit, ...rest } = props;
  return <InputNumber<number> {...rest} precision={0} style={{ width: '100%' }} addonAfter={unit} />;
}

/** 编辑 of one region's parameters; the server checks them (ratioParamProblems) and says what is wrong. */
export function RatioParamsModal({ row, onClose }: { row: RatioParamsView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSaveRatioParams();
  const [problems, setProblems] = useState<string[]>([]);

  async function submit() {
    if (!row) return;
    setProblems([]);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const cap = v.capAmount === undefined || v.capAmount === null || v.capAmount === '' ? null : fenToInput(parseYuan(v.capAmount)!);
    try {
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
    } catch (e) {
      if (applyServerErrors(form, e)) return;
      const list = e instanceof ApiError ? (e.fieldErrors._ ?? []) : [];
      setProblems(list.length ? list : [errorMessage(e)]);
    }
  }

  const col = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  return (
    <Modal
      title={row ? `编辑比例参数 — ${row.regionName}` : '编辑比例参数'}
      open={!!row}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={760}
    >
      <Alert type="info" showIcon message="修改后对此后提交的申请生效；已提交的申请保留提交时的参数。" style={{ margin: '12px 0' }} />
      {row && (
        <Form<Values>
          form={form}
          name="ratioParams"
          layout="vertical"
          preserve={false}
          initialValues={{ ...row, capAmount: row.capAmount ?? undefined }}
        >
          <Divider orientation="left" plain style={{ marginTop: 0 }}>
            比例（第七条）
          </Divider>
          <Row gutter={16}>
            {col(
              <Form.Item name="baseRatioPercent" label="基础比例" rules={[req('基础比例'), percentRule]} extra="原则上不低于1%、不高于3%">
                <PercentInput />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="capAmount" label="单个项目存储上限" rules={[amountRule]} extra="不填则不设上限">
                <AmountInput placeholder="不设上限" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="minRatioPercent" label="最低比例" rules={[req('最低比例'), percentRule]}>
                <PercentInput />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="maxRatioPercent" label="最高比例" rules={[req('最高比例'), percentRule]}>
                <PercentInput />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="multiProjectRatioPercent" label="多项目比例" rules={[req('多项目比例'), percentRule]} extra="本地区有其他在建工程时的起算比例">
                <PercentInput />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="floorPercent" label="多项目最低比例" rules={[req('多项目最低比例'), percentRule]} extra="不得低于0.5%">
                <PercentInput />
              </Form.Item>,
            )}
          </Row>
          <Divider orientation="left" plain>
            免缴（第八条）
          </Divider>
          <Row gutter={16}>
            {col(
              <Form.Item
                name="exemptionThresholdAmount"
                label="免缴合同金额标准"
                rules={[req('免缴合同金额标准'), amountRule]}
                extra="合同金额低于此标准且签订前一年内无拖欠的，可申请免缴"
              >
                <AmountInput />
              </Form.Item>,
            )}
          </Row>
          <Divider orientation="left" plain>
            调整（第九条）
          </Divider>
          <Row gutter={16}>
            {col(
              <Form.Item name="reduceAfterCleanYears" label="下调比例所需无拖欠年数" rules={[req('年数')]}>
                <IntInput min={1} max={10} unit="年" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="reducePct" label="无拖欠下调幅度" rules={[req('下调幅度')]} extra="不低于50%">
                <IntInput min={0} max={100} unit="%" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="exemptAfterCleanYears" label="免缴所需无拖欠年数" rules={[req('年数')]} extra="且落实实名制管理和工资专用账户制度">
                <IntInput min={1} max={10} unit="年" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="arrearsIncreasePct" label="有拖欠提高幅度" rules={[req('提高幅度')]} extra="签订前两年内发生拖欠，不低于50%">
                <IntInput min={0} max={300} unit="%" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name="blacklistIncreasePct" label="列入严重失信主体名单提高幅度" rules={[req('提高幅度')]} extra="不低于100%">
                <IntInput min={0} max={300} unit="%" />
              </Form.Item>,
            )}
          </Row>
        </Form>
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          data-testid="ratio-params-problems"
          showIcon
          style={{ marginTop: 4 }}
          message="参数不能保存"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}
