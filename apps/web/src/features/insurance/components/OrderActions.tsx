import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Space, Typography } from 'antd';
import { INSURANCE_CASHIER_WARNINGS, INSURANCE_PAY_CONFIRM_TEXT, formatDateTime, zInsuranceApproveRequest, zInsuranceInvoiceRequest, zInsurancePolicyRequest } from '@benxi/shared';
import type { Dayjs } from 'dayjs';
import { fileUrl } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { FormModal } from '../../../components/FormModal';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { useOrderAction, type InsuranceOrder } from '../api/insurance';

type Dialog = 'cashier' | 'invoiceRequest' | 'approve' | 'refuse' | 'policy' | 'invoice' | null;

const copy = async (text: string, done: () => void) => {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    /* the clipboard may be unavailable (http); the text is shown anyway */
  }
  done();
};

/** 收银台 (manual 2.2.2): the order, the insurer's account with 复制 buttons, both warnings, 上传支付凭证. */
export function CashierModal({ order, open, onClose }: { order: InsuranceOrder; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ voucher?: FileFieldValue }>();
  const { message } = App.useApp();
  const act = useOrderAction();
  const a = order.account;
  const row = (label: string, value: string, key: string) => ({
    key,
    label,
    children: (
      <Space>
        <span data-testid={`cashier-${key}`}>{value}</span>
        <Button size="small" type="link" onClick={() => void copy(value, () => message.success('已复制'))}>
          复制
        </Button>
      </Space>
    ),
  });
  return (
    <FormModal<{ voucher?: FileFieldValue }>
      title="收银台"
      name="cashier"
      open={open}
      form={form}
      width={640}
      labelSpan={5}
      onClose={onClose}
      okText="上传支付凭证"
      onSubmit={async (v) => {
        await act.mutateAsync({ id: order.id, verb: 'voucher', body: { voucherFileId: uploadedFileId(v.voucher) } });
        message.success('支付凭证已上传，等待保险公司确认收款并出单');
        onClose();
      }}
      intro={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            根据收款账户信息，进行线下转账支付（需使用与投保人企业一致的企业账户支付），支付成功后，点击【上传支付凭证】将缴费凭证上传审核、出单。
          </Typography.Paragraph>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'no', label: '订单编号', children: order.id },
              { key: 'insurer', label: '保险公司', children: order.insurerName },
              { key: 'goods', label: '商品信息', children: order.productName },
              { key: 'at', label: '订单生成时间', children: formatDateTime(order.submittedAt) },
              { key: 'pay', label: '应付金额', children: <Typography.Text strong type="danger" data-testid="cashier-payable">{showYuan(order.payable)} 元</Typography.Text> },
            ]}
          />
          <Typography.Text strong>线下支付</Typography.Text>
          {a ? (
            <Descriptions size="small" bordered column={1} items={[row('银行开户名', a.accountName, 'name'), row('开户银行', a.accountBank, 'bank'), row('银行账号', a.accountNo, 'no')]} />
          ) : (
            <Alert type="warning" showIcon message="该保险公司尚未登记收款账户，请联系保险公司" />
          )}
          <Alert type="warning" showIcon message={INSURANCE_CASHIER_WARNINGS[0]} description={INSURANCE_CASHIER_WARNINGS[1]} />
        </Space>
      }
    >
      <Form.Item name="voucher" label="支付凭证" required rules={[fileRule('支付凭证', true)]}>
        <FileUploadField max={1} buttonText="选择文件" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * The buttons of an order from its allowedActions (the enterprise: 立即支付, 关闭订单, 收银台, 申请发票;
 * the insurer: 核保通过 / 不通过, 收款确认, 出单, 上传发票), each asking before what cannot be undone,
 * and the documents once there (下载保单, 下载发票).
 */
export function OrderActions({ order, size = 'middle', withFiles = true }: { order: InsuranceOrder; size?: 'small' | 'middle'; withFiles?: boolean }) {
  const { modal, message } = App.useApp();
  const act = useOrderAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const can = (a: InsuranceOrder['allowedActions'][number]) => order.allowedActions.includes(a);
  const link = size === 'small' ? 'link' : 'default';
  const run = (verb: 'pay' | 'close' | 'confirm-payment', done: string) => async () => {
    await act.mutateAsync({ id: order.id, verb });
    message.success(done);
  };
  const confirm = (title: string, content: string, onOk: () => Promise<void>, okText = '确定') =>
    modal.confirm({ title, content, okText, cancelText: '取消', onOk: () => onOk().catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e))) });
  return (
    <Space size={size === 'small' ? 0 : 8} wrap>
      {can('pay') && (
        <Button size={size} type="primary" onClick={() => confirm('提示', INSURANCE_PAY_CONFIRM_TEXT, run('pay', '已选择该订单支付，其他订单已自动关闭'), '确定支付')}>
          立即支付
        </Button>
      )}
      {order.status === 'paying' && order.allowedActions.includes('voucher') && (
        <Button size={size} type="primary" onClick={() => setDialog('cashier')}>
          收银台
        </Button>
      )}
      {can('close') && (
        <Button size={size} type={link} danger onClick={() => confirm('关闭订单', '关闭后该订单不能再支付，确定关闭吗？', run('close', '订单已关闭'), '确定关闭')}>
          关闭订单
        </Button>
      )}
      {can('requestInvoice') && (
        <Button size={size} type={link} onClick={() => setDialog('invoiceRequest')}>
          申请发票
        </Button>
      )}
      {can('approve') && (
        <Button size={size} type="primary" onClick={() => setDialog('approve')}>
          核保通过
        </Button>
      )}
      {can('refuse') && (
        <Button size={size} danger onClick={() => setDialog('refuse')}>
          核保不通过
        </Button>
      )}
      {can('confirmPayment') && (
        <Button size={size} type="primary" onClick={() => confirm('收款确认', `确认已收到该订单保费 ${showYuan(order.payable)} 元吗？确认后不能撤销。`, run('confirm-payment', '已确认收款'))}>
          收款确认
        </Button>
      )}
      {can('issuePolicy') && (
        <Button size={size} type="primary" onClick={() => setDialog('policy')}>
          出单
        </Button>
      )}
      {can('invoice') && (
        <Button size={size} type="primary" onClick={() => setDialog('invoice')}>
          上传发票
        </Button>
      )}
      {withFiles && order.files.policy && (
        <Button size={size} type="link" href={fileUrl(order.files.policy.id)} download={order.files.policy.name}>
          下载保单
        </Button>
      )}
      {withFiles && order.files.invoice && (
        <Button size={size} type="link" href={fileUrl(order.files.invoice.id)} download={order.files.invoice.name}>
          下载发票
        </Button>
      )}
      {dialog === 'cashier' && <CashierModal order={order} open onClose={() => setDialog(null)} />}
      {dialog === 'invoiceRequest' && <InvoiceRequestModal order={order} onClose={() => setDialog(null)} />}
      {dialog === 'approve' && <ApproveModal order={order} onClose={() => setDialog(null)} />}
      {dialog === 'refuse' && <RefuseModal order={order} onClose={() => setDialog(null)} />}
      {dialog === 'policy' && <PolicyModal order={order} onClose={() => setDialog(null)} />}
      {dialog === 'invoice' && <InvoiceUploadModal order={order} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function InvoiceRequestModal({ order, onClose }: { order: InsuranceOrder; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string; taxNo: string; email: string }>();
  const act = useOrderAction();
  const { message } = App.useApp();
  const s = zInsuranceInvoiceRequest.shape;
  return (
    <FormModal
      title="申请发票"
      name="invoiceRequest"
      open
      form={form}
      onClose={onClose}
      initialValues={{ title: order.insuredName }}
      onSubmit={async (v) => {
        await act.mutateAsync({ id: order.id, verb: 'invoice-request', body: { title: v.title.trim(), taxNo: v.taxNo.trim(), email: v.email.trim() } });
        message.success('发票申请已提交，等待保险公司开具');
        onClose();
      }}
    >
      <Form.Item name="title" label="发票抬头" rules={[{ required: true, whitespace: true, message: '请输入发票抬头' }, zodRule(s.title)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="taxNo" label="税号" rules={[{ required: true, message: '请输入税号' }, zodRule(s.taxNo)]}>
        <Input maxLength={20} placeholder="统一社会信用代码" />
      </Form.Item>
      <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入邮箱' }, zodRule(s.email)]}>
        <Input maxLength={100} placeholder="接收电子发票的邮箱" />
      </Form.Item>
    </FormModal>
  );
}

function ApproveModal({ order, onClose }: { order: InsuranceOrder; onClose: () => void }) {
  const [form] = Form.useForm<{ rate: string; premium?: string }>();
  const act = useOrderAction();
  const { message } = App.useApp();
  const s = zInsuranceApproveRequest.shape;
  return (
    <FormModal
      title="核保通过"
      name="approve"
      open
      form={form}
      onClose={onClose}
      okText="核保通过"
      initialValues={{ rate: order.referenceRate, premium: order.referencePremium }}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          保险金额 {showYuan(order.amount)} 元，保障 {order.days} 天（{order.startOn} ~ {order.endOn}）；参考费率 {order.referenceRate}、参考保费 {showYuan(order.referencePremium)} 元。企业按您填写的最终保费支付；保费不填时按 保险金额 × 保险费率 四舍五入到分。
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        await act.mutateAsync({ id: order.id, verb: 'approve', body: { rate: v.rate.trim(), ...(v.premium?.trim() ? { premium: v.premium.trim() } : {}) } });
        message.success('已核保通过');
        onClose();
      }}
    >
      <Form.Item name="rate" label="保险费率" rules={[{ required: true, message: '请输入保险费率' }, zodRule(s.rate)]}>
        <Input placeholder="如 0.00096" />
      </Form.Item>
      <Form.Item name="premium" label="保费（元）" rules={[zodRule(s.premium)]}>
        <Input placeholder="如 0.96" />
      </Form.Item>
    </FormModal>
  );
}

function RefuseModal({ order, onClose }: { order: InsuranceOrder; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const act = useOrderAction();
  const { message } = App.useApp();
  return (
    <FormModal
      title="核保不通过"
      name="refuse"
      open
      form={form}
      onClose={onClose}
      okText="确定不通过"
      onSubmit={async (v) => {
        await act.mutateAsync({ id: order.id, verb: 'refuse', body: { reason: v.reason.trim() } });
        message.success('已核保不通过');
        onClose();
      }}
    >
      <Form.Item name="reason" label="不通过原因" rules={[{ required: true, whitespace: true, message: '请输入不通过原因' }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

function PolicyModal({ order, onClose }: { order: InsuranceOrder; onClose: () => void }) {
  const [form] = Form.useForm<{ policyNo: string; validFrom?: Dayjs | null; validTo?: Dayjs | null; policy?: FileFieldValue }>();
  const act = useOrderAction();
  const { message } = App.useApp();
  const s = zInsurancePolicyRequest.shape;
  return (
    <FormModal
      title="出单"
      name="policy"
      open
      form={form}
      width={560}
      onClose={onClose}
      okText="出单"
      intro={<Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>保险期间须覆盖施工期（投保时：{order.startOn} ~ {order.endOn}）。出单后保单登记到保函管理，项目保证金为已缴纳。</Typography.Paragraph>}
      onSubmit={async (v) => {
        await act.mutateAsync({
          id: order.id,
          verb: 'issue-policy',
          body: { policyNo: v.policyNo.trim(), validFrom: v.validFrom?.format('YYYY-MM-DD'), validTo: v.validTo?.format('YYYY-MM-DD'), policyFileId: uploadedFileId(v.policy) },
        });
        message.success('已出单');
        onClose();
      }}
    >
      <Form.Item name="policyNo" label="保单号" rules={[{ required: true, whitespace: true, message: '请输入保单号' }, zodRule(s.policyNo)]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="validFrom" label="保险起期" rules={[{ required: true, message: '请选择保险起期' }]}>
        <TypedDatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="validTo" label="保险止期" rules={[{ required: true, message: '请选择保险止期' }]}>
        <TypedDatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="policy" label="保单文件" required rules={[fileRule('保单文件', true)]} extra="PDF 文件">
        <FileUploadField max={1} buttonText="上传保单" />
      </Form.Item>
    </FormModal>
  );
}

function InvoiceUploadModal({ order, onClose }: { order: InsuranceOrder; onClose: () => void }) {
  const [form] = Form.useForm<{ invoice?: FileFieldValue }>();
  const act = useOrderAction();
  const { message } = App.useApp();
  return (
    <FormModal
      title="上传发票"
      name="invoice"
      open
      form={form}
      onClose={onClose}
      intro={
        <Descriptions size="small" column={1} items={[{ key: 't', label: '发票抬头', children: order.invoiceTitle }, { key: 'n', label: '税号', children: order.invoiceTaxNo }, { key: 'e', label: '邮箱', children: order.invoiceEmail }]} />
      }
      onSubmit={async (v) => {
        await act.mutateAsync({ id: order.id, verb: 'invoice', body: { invoiceFileId: uploadedFileId(v.invoice) } });
        message.success('发票已上传');
        onClose();
      }}
    >
      <Form.Item name="invoice" label="发票文件" required rules={[fileRule('发票文件', true)]}>
        <FileUploadField max={1} buttonText="上传发票" />
      </Form.Item>
    </FormModal>
  );
}

