import { App, Form, Input, Select, Typography } from 'antd';
import { cashFieldLabels as L, zPhone, type TCashDepositRequest } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { FormModal } from '../../../components/FormModal';
import { useProjectBanks, useSubmitCashDeposit, type DepositCard } from '../api/payment';
import { BankInstructions } from './BankInstructions';
import { useSwitchConfirm } from './switch-confirm';

interface Values {
  bankOrgId?: string;
  agreementFileId?: FileFieldValue;
  handlerName?: string;
  handlerPhone?: string;
}

/**
 * 现金存缴 (manual 2.2, SPEC §6): choose the 经办银行 (only banks opening the 工资保证金专用账户 in the
 * project's region), read its 开户须知, upload the signed 存款协议书.
 */
export function CashDepositModal({ card, open, confirmed, onClose }: { card: DepositCard; open: boolean; confirmed: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const banks = useProjectBanks(card.projectId, 'cash', open);
  const submit = useSubmitCashDeposit();
  const send = useSwitchConfirm();
  const bankOrgId = Form.useWatch('bankOrgId', form);
  const bank = banks.data?.find((b) => b.orgId === bankOrgId);

  async function onSubmit(v: Values) {
    const body = (confirmSwitch: boolean): TCashDepositRequest => ({
      projectId: card.projectId,
      bankOrgId: v.bankOrgId!,
      agreementFileId: uploadedFileId(v.agreementFileId)!,
      handlerName: (v.handlerName ?? '').trim(),
      handlerPhone: (v.handlerPhone ?? '').trim(),
      confirmSwitch: confirmSwitch || undefined,
    });
    const done = await send((c) => submit.mutateAsync(body(c)), confirmed);
    if (!done) return;
    message.success('现金存缴已提交，请按开户须知到银行开户并转账，银行确认到账后即完成缴纳');
    onClose();
  }

  return (
    <FormModal<Values>
      title="现金存缴"
      name="cash"
      open={open}
      form={form}
      width={640}
      labelSpan={5}
      onClose={onClose}
      onSubmit={onSubmit}
      okText="提交"
      initialValues={{ handlerName: card.quota?.handlerName, handlerPhone: card.quota?.handlerPhone }}
      intro={
        <div>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            工程名称：{card.projectName}　保证金应缴金额：<Typography.Text strong>{showYuan(card.quota?.requiredAmount)} 元</Typography.Text>
          </Typography.Paragraph>
        </div>
      }
    >
      <Form.Item name="bankOrgId" label={L.bankOrgId} rules={[{ required: true, message: '请选择经办银行' }]}>
        <Select
          placeholder="请选择开立工资保证金专用账户的银行"
          loading={banks.isPending}
          options={(banks.data ?? []).map((b) => ({ value: b.orgId, label: b.name }))}
          notFoundContent={banks.isPending ? '加载中…' : '本地区暂无开立专用账户的银行'}
        />
      </Form.Item>
      {bank && (
        <div style={{ marginBottom: 16 }}>
          <BankInstructions bank={bank} />
        </div>
      )}
      <Form.Item name="agreementFileId" label={L.agreementFileId} required rules={[fileRule(L.agreementFileId, true)]} extra="与经办银行签订并加盖公章的《农民工工资支付保证金存款协议书》">
        <FileUploadField buttonText="添加文件" />
      </Form.Item>
      <Form.Item name="handlerName" label={L.handlerName} rules={[{ required: true, whitespace: true, message: '请输入经办人' }]}>
        <Input maxLength={30} placeholder="请输入经办人" />
      </Form.Item>
      <Form.Item name="handlerPhone" label={L.handlerPhone} rules={[{ required: true, message: '请输入经办人电话' }, zodRule(zPhone)]}>
        <Input maxLength={11} placeholder="请输入经办人手机号码" />
      </Form.Item>
    </FormModal>
  );
}
