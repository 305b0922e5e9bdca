import { useState } from 'react';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { beijingDate, cashFieldLabels as C, guaranteeFieldLabels as G, zMoney, zRefuseGuarantee } from '@benxi/shared';
import { fenToInput, parseYuan, showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { AmountInput } from '../../../components/AmountInput';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { useAcceptGuarantee, useConfirmCash, useIssueGuarantee, useRefuseGuarantee, type CashDeposit, type GuaranteeApplication } from '../api/payment';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

interface ConfirmValues {
  accountNo?: string;
  amount?: string;
  arrivedOn?: Dayjs | null;
  payerName?: string;
  voucherNo?: string;
  voucherFileId?: FileFieldValue;
}

/** 确认到账 (bank): 账号, 金额, 到账日期, 付款人名称 (the enterprise's, prefilled), 凭证. */
function ConfirmArrivalModal({ c, open, onClose }: { c: CashDeposit; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ConfirmValues>();
  const { message } = App.useApp();
  const confirm = useConfirmCash();
  return (
    <FormModal<ConfirmValues>
      title="确认到账"
      name="confirm"
      open={open}
      form={form}
      width={600}
      onClose={onClose}
      okText="确认到账"
      initialValues={{ accountNo: c.accountNo ?? undefined, payerName: c.enterpriseName, arrivedOn: dayjs(beijingDate()) }}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {c.projectName} · 应缴 {showYuan(c.requiredAmount)} 元，已到账 {showYuan(c.paidAmount)} 元，差额 {showYuan(c.differenceAmount)} 元。付款人须为施工总承包单位本身。
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        const done = await confirm.mutateAsync({
          id: c.id,
          body: {
            accountNo: (v.accountNo ?? '').trim(),
            amount: fenToInput(parseYuan(v.amount)!),
            arrivedOn: day(v.arrivedOn),
            payerName: (v.payerName ?? '').trim(),
            voucherFileId: uploadedFileId(v.voucherFileId)!,
            voucherNo: v.voucherNo?.trim() || undefined,
          },
        });
        message.success(done.status === 'arrived' ? '已确认到账，保证金已足额缴纳' : `已确认到账，尚差 ${showYuan(done.differenceAmount)} 元`);
        onClose();
      }}
    >
      <Form.Item name="accountNo" label={C.accountNo} rules={[{ required: true, whitespace: true, message: '请输入工资保证金专用账户账号' }]}>
        <Input maxLength={40} placeholder="工资保证金专用账户账号" disabled={!!c.accountNo} />
      </Form.Item>
      <Form.Item name="amount" label={C.amount} rules={[{ required: true, message: '请输入到账金额' }, zodRule(zMoney(C.amount))]}>
        <AmountInput min="0.01" placeholder="请输入到账金额" />
      </Form.Item>
      <Form.Item name="arrivedOn" label={C.arrivedOn} rules={[{ required: true, message: '请选择到账日期' }]}>
        <TypedDatePicker placeholder="请选择到账日期" />
      </Form.Item>
      <Form.Item name="payerName" label={C.payerName} rules={[{ required: true, whitespace: true, message: '请输入付款人名称' }]} extra="须与企业名称一致">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="voucherNo" label={C.voucherNo}>
        <Input maxLength={64} placeholder="银行流水号（选填）" />
      </Form.Item>
      <Form.Item name="voucherFileId" label={C.voucherFileId} required rules={[fileRule('凭证', true)]}>
        <FileUploadField buttonText="上传凭证" />
      </Form.Item>
    </FormModal>
  );
}

interface IssueValues {
  guaranteeNo?: string;
  issuedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  amount?: string;
  fee?: string;
  letterFileId?: FileFieldValue;
}

/** 出函 (bank): 保函号, 出函日期, 期限, 金额, 手续费, the letter PDF. */
function IssueModal({ g, open, onClose }: { g: GuaranteeApplication; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<IssueValues>();
  const { message } = App.useApp();
  const issue = useIssueGuarantee();
  return (
    <FormModal<IssueValues>
      title="出函"
      name="issue"
      open={open}
      form={form}
      width={600}
      onClose={onClose}
      okText="确认出函"
      initialValues={{ issuedOn: dayjs(beijingDate()), validFrom: dayjs(g.termFrom), validTo: dayjs(g.termTo), amount: g.amount }}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {g.projectName} · 被保证人 {g.enterpriseName} · 受益人 {g.beneficiaryName} · 申请金额 {showYuan(g.amount)} 元
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        await issue.mutateAsync({
          id: g.id,
          body: {
            guaranteeNo: (v.guaranteeNo ?? '').trim(),
            issuedOn: day(v.issuedOn),
            validFrom: day(v.validFrom),
            validTo: day(v.validTo),
            amount: fenToInput(parseYuan(v.amount)!),
            fee: fenToInput(parseYuan(v.fee)!),
            letterFileId: uploadedFileId(v.letterFileId)!,
          },
        });
        message.success('已出函，保函已登记');
        onClose();
      }}
    >
      <Form.Item name="guaranteeNo" label={G.guaranteeNo} rules={[{ required: true, whitespace: true, message: '请输入保函号' }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="issuedOn" label={G.issuedOn} rules={[{ required: true, message: '请选择出函日期' }]}>
        <TypedDatePicker />
      </Form.Item>
      <Form.Item label="保函期限" required style={{ marginBottom: 0 }}>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="validFrom" rules={[{ required: true, message: '请选择开始日期' }]} style={{ flex: 1 }}>
            <TypedDatePicker placeholder="开始日期" />
          </Form.Item>
          <span style={{ lineHeight: '32px' }}>~</span>
          <Form.Item name="validTo" rules={[{ required: true, message: '请选择结束日期' }]} style={{ flex: 1 }}>
            <TypedDatePicker placeholder="结束日期" />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="amount" label={G.amount} rules={[{ required: true, message: '请输入保函金额' }, zodRule(zMoney(G.amount))]}>
        <AmountInput min="0.01" />
      </Form.Item>
      <Form.Item name="fee" label={G.fee} rules={[{ required: true, message: '请输入手续费' }, zodRule(zMoney(G.fee))]}>
        <AmountInput />
      </Form.Item>
      <Form.Item name="letterFileId" label={G.letterFileId} required rules={[fileRule('保函文件', true)]} extra="保函 PDF 文件">
        <FileUploadField buttonText="上传保函" />
      </Form.Item>
    </FormModal>
  );
}

function RefuseModal({ g, open, onClose }: { g: GuaranteeApplication; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { message } = App.useApp();
  const refuse = useRefuseGuarantee();
  return (
    <FormModal<{ reason?: string }>
      title="不受理"
      name="refuse"
      open={open}
      form={form}
      onClose={onClose}
      okText="确认不受理"
      onSubmit={async (v) => {
        await refuse.mutateAsync({ id: g.id, reason: (v.reason ?? '').trim() });
        message.success('已不受理，企业将看到原因');
        onClose();
      }}
    >
      <Form.Item name="reason" label={G.reason} rules={[{ required: true, whitespace: true, message: '请填写不受理原因' }, zodRule(zRefuseGuarantee.shape.reason)]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="请填写不受理原因，企业可据此调整后重新申请" />
      </Form.Item>
    </FormModal>
  );
}

/** The bank's buttons on an application, from its allowedActions only. */
export function GuaranteeActions({ g }: { g: GuaranteeApplication }) {
  const { message, modal } = App.useApp();
  const accept = useAcceptGuarantee();
  const [dialog, setDialog] = useState<'issue' | 'refuse' | null>(null);
  return (
    <Space>
      {g.allowedActions.includes('accept') && (
        <Button
          type="primary"
          loading={accept.isPending}
          onClick={() =>
            modal.confirm({
              title: '受理该保函申请？',
              content: `${g.enterpriseName} · ${showYuan(g.amount)} 元`,
              okText: '受理',
              cancelText: '取消',
              onOk: async () => {
                await accept.mutateAsync(g.id);
                message.success('已受理');
              },
            })
          }
        >
          受理
        </Button>
      )}
      {g.allowedActions.includes('issue') && (
        <Button type="primary" onClick={() => setDialog('issue')}>
          出函
        </Button>
      )}
      {g.allowedActions.includes('refuse') && (
        <Button danger onClick={() => setDialog('refuse')}>
          不受理
        </Button>
      )}
      {dialog === 'issue' && <IssueModal g={g} open onClose={() => setDialog(null)} />}
      {dialog === 'refuse' && <RefuseModal g={g} open onClose={() => setDialog(null)} />}
    </Space>
  );
}

export function CashActions({ c }: { c: CashDeposit }) {
  const [open, setOpen] = useState(false);
  if (!c.allowedActions.includes('confirm')) return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        确认到账
      </Button>
      {open && <ConfirmArrivalModal c={c} open onClose={() => setOpen(false)} />}
    </>
  );
}
