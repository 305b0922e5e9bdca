import { App, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  beijingDate,
  guaranteeApplicationProblems,
  guaranteeFieldLabels as L,
  minimumGuaranteeEnd,
  zMoney,
  zPhone,
  type TGuaranteeApplicationRequest,
} from '@benxi/shared';
import { fenToInput, parseYuan, showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { AmountInput } from '../../../components/AmountInput';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { useProjectBanks, useSubmitGuaranteeApplication, type DepositCard } from '../api/payment';
import { useSwitchConfirm } from './switch-confirm';

interface Values {
  bankOrgId?: string;
  amount?: string;
  termFrom?: Dayjs | null;
  termTo?: Dayjs | null;
  handlerName?: string;
  handlerPhone?: string;
  remark?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/**
 * 银行保函办理 (online, SPEC §6): the bank, 保函金额 (≥ the approved amount), 受益人 fixed to the
 * project's 人社监管单位, 保函期限 (≥ one year and ≥ the remaining construction period — the shared
 * rule the server applies too), 经办人 and phone.
 */
export function GuaranteeApplyModal({
  card,
  beneficiary,
  plannedEnd,
  open,
  confirmed,
  onClose,
}: {
  card: DepositCard;
  /** the project's 人社监管单位 */
  beneficiary: string;
  /** the project's 计划竣工日期 */
  plannedEnd: string;
  open: boolean;
  confirmed: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const banks = useProjectBanks(card.projectId, 'guarantee', open);
  const submit = useSubmitGuaranteeApplication();
  const send = useSwitchConfirm();
  const required = card.quota?.requiredAmount ?? '0.00';
  const today = beijingDate();
  const min = minimumGuaranteeEnd({ from: today, plannedEnd, today });
  const defaultEnd = min.oneYear > min.remaining ? min.oneYear : min.remaining;

  /** the shared rules that need the project: 金额 ≥ the quota, the term's length */
  const problem = (field: 'amount' | 'termTo') => ({
    validator: () => {
      const v = form.getFieldsValue();
      const amount = parseYuan(v.amount);
      if (!v.termFrom || !v.termTo || amount === null) return Promise.resolve();
      const p = guaranteeApplicationProblems({ amount: fenToInput(amount), termFrom: day(v.termFrom), termTo: day(v.termTo) }, { requiredAmount: required, plannedEnd, today }).find((x) => x.field === field);
      return p ? Promise.reject(new Error(p.message)) : Promise.resolve();
    },
  });

  async function onSubmit(v: Values) {
    const body = (confirmSwitch: boolean): TGuaranteeApplicationRequest => ({
      projectId: card.projectId,
      bankOrgId: v.bankOrgId!,
      amount: fenToInput(parseYuan(v.amount)!),
      termFrom: day(v.termFrom),
      termTo: day(v.termTo),
      handlerName: (v.handlerName ?? '').trim(),
      handlerPhone: (v.handlerPhone ?? '').trim(),
      remark: v.remark?.trim() || undefined,
      confirmSwitch: confirmSwitch || undefined,
    });
    const done = await send((c) => submit.mutateAsync(body(c)), confirmed);
    if (!done) return;
    message.success('银行保函申请已提交，等待银行回传办理结果');
    onClose();
  }

  return (
    <FormModal<Values>
      title="银行保函办理"
      name="guarantee"
      open={open}
      form={form}
      width={640}
      labelSpan={5}
      onClose={onClose}
      onSubmit={onSubmit}
      okText="提交申请"
      initialValues={{ amount: required, termFrom: dayjs(today), termTo: dayjs(defaultEnd), handlerName: card.quota?.handlerName, handlerPhone: card.quota?.handlerPhone }}
      onValuesChange={(changed) => {
        if ('termFrom' in changed || 'amount' in changed) void form.validateFields(['termTo']).catch(() => undefined);
      }}
      intro={
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          工程名称：{card.projectName}　保证金应缴金额：<Typography.Text strong>{showYuan(required)} 元</Typography.Text>
          <br />
          <Typography.Text type="secondary">保函须为不可撤销、见索即付的农民工工资支付银行保函；提交后等待银行回传办理结果。</Typography.Text>
        </Typography.Paragraph>
      }
    >
      <Form.Item name="bankOrgId" label={L.bankOrgId} rules={[{ required: true, message: '请选择经办银行' }]}>
        <Select
          placeholder="请选择办理保函的银行"
          loading={banks.isPending}
          options={(banks.data ?? []).map((b) => ({ value: b.orgId, label: b.name }))}
          notFoundContent={banks.isPending ? '加载中…' : '本地区暂无办理银行保函的银行'}
        />
      </Form.Item>
      <Form.Item name="amount" label={L.amount} required rules={[{ required: true, message: '请输入保函金额' }, zodRule(zMoney(L.amount)), problem('amount')]} extra={`不得低于 ${showYuan(required)} 元`}>
        <AmountInput min="0.01" placeholder="请输入保函金额" />
      </Form.Item>
      <Form.Item label="受益人">
        <Input value={beneficiary} disabled data-testid="beneficiary" />
      </Form.Item>
      <Form.Item label="保函期限" required extra={`至少一年，且不短于剩余工期（计划竣工日期 ${plannedEnd}）`} style={{ marginBottom: 0 }}>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="termFrom" rules={[{ required: true, message: '请选择开始日期' }]} style={{ flex: 1 }}>
            <TypedDatePicker placeholder="开始日期" />
          </Form.Item>
          <span style={{ lineHeight: '32px' }}>~</span>
          <Form.Item name="termTo" rules={[{ required: true, message: '请选择结束日期' }, problem('termTo')]} style={{ flex: 1 }}>
            <TypedDatePicker placeholder="结束日期" />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="handlerName" label={L.handlerName} rules={[{ required: true, whitespace: true, message: '请输入经办人' }]}>
        <Input maxLength={30} placeholder="请输入经办人" />
      </Form.Item>
      <Form.Item name="handlerPhone" label={L.handlerPhone} rules={[{ required: true, message: '请输入经办人电话' }, zodRule(zPhone)]}>
        <Input maxLength={11} placeholder="请输入经办人手机号码" />
      </Form.Item>
      <Form.Item name="remark" label={L.remark}>
        <Input.TextArea maxLength={500} rows={2} placeholder="选填" />
      </Form.Item>
    </FormModal>
  );
}
