import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import dayjs, { type Dayjs } from 'dayjs';
import { beijingDate, decisionTypeLabels, formatDateTime, useTransferStatusLabels, zCardNo, zPhone, type Role, type UseTransferStatus } from '@benxi/shared';
import { FileLink } from '../../../components/FileLink';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { errorMessage } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { useProjectBanks } from '../../payment/api/payment';
import { BankInstructions } from '../../payment/components/BankInstructions';
import { downloadNotice, useConfirmReplenishment, useCorrectTransfer, useFailTransfer, usePayTransfer, useReplenishCash, type DepositUse } from '../api/deposit-uses';
import { ReplenishTag, UseStatusTag } from './UseTable';

type Transfer = NonNullable<DepositUse['transfers']>[number];

const transferColor: Record<UseTransferStatus, string> = { pending: 'orange', paid: 'green', failed: 'red' };

/** One use (支付通知书) for the user's role: the decision and the amounts; the workers (not for the enterprise); the actions the server allows. */
export function UseDetail({ use, role }: { use: DepositUse; role: Role }) {
  const { message, modal } = App.useApp();
  const [paying, setPaying] = useState<Transfer | null>(null);
  const [failing, setFailing] = useState<Transfer | null>(null);
  const [correcting, setCorrecting] = useState<Transfer | null>(null);
  const [replenishing, setReplenishing] = useState(false);
  const confirm = useConfirmReplenishment(use.id);
  const payer = role === 'bank' || role === 'insurer';

  function confirmReplenishment() {
    modal.confirm({
      title: '确认补足',
      content: `企业已补足 ${showYuan(use.amount)} 元（${use.replenishCash?.bankName ?? ''} 已确认到账）。确认后解除该项目的“待补足”，不能撤回。确定确认吗？`,
      okText: '确认补足',
      cancelText: '取消',
      onOk: async () => {
        try {
          await confirm.mutateAsync(undefined as never);
          message.success('已确认补足，项目已解除待补足');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`农民工工资保证金支付通知书 ${use.noticeNo}`}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadNotice(use.id).catch((e) => message.error(errorMessage(e)))}>
              下载支付通知书
            </Button>
            {use.replenishActions.includes('replenish_cash') && (
              <Button type="primary" onClick={() => setReplenishing(true)}>
                补足（现金存缴）
              </Button>
            )}
            {use.replenishActions.includes('confirm') && (
              <Button type="primary" onClick={confirmReplenishment}>
                确认补足
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={2} bordered size="small" labelStyle={{ width: 150 }}>
          <Descriptions.Item label="工程名称">{use.projectName}</Descriptions.Item>
          <Descriptions.Item label="施工总承包单位">{use.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="发出单位">{use.hrssName}</Descriptions.Item>
          <Descriptions.Item label="支付机构">{use.payerName}</Descriptions.Item>
          <Descriptions.Item label="行政处理决定">{decisionTypeLabels[use.decisionType]}</Descriptions.Item>
          <Descriptions.Item label="决定书文号">{use.decisionNo}</Descriptions.Item>
          <Descriptions.Item label="决定日期">{use.decisionDate}</Descriptions.Item>
          <Descriptions.Item label="决定书">{use.decisionFile ? <FileLink file={use.decisionFile} /> : '-'}</Descriptions.Item>
          <Descriptions.Item label="动用金额（元）">
            <Typography.Text strong>{showYuan(use.amount)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="已支付（元）">{showYuan(use.paidAmount)}</Descriptions.Item>
          <Descriptions.Item label="农民工人数">{`${use.workerCount} 人（已支付 ${use.paidCount} 人${use.failedCount ? `，支付失败 ${use.failedCount} 人` : ''}）`}</Descriptions.Item>
          <Descriptions.Item label="支付状态">
            <UseStatusTag status={use.status} />
          </Descriptions.Item>
          <Descriptions.Item label="支付期限">
            {`${use.payDueOn}（5个工作日）`}
            {use.status === 'notified' && beijingDate() > use.payDueOn && <Tag color="red" style={{ marginLeft: 8 }}>已逾期</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="动用时间">{formatDateTime(use.createdAt)}</Descriptions.Item>
          {!payer && (
            <>
              <Descriptions.Item label="补足状态">
                <ReplenishTag status={use.replenishStatus} />
              </Descriptions.Item>
              <Descriptions.Item label="待补足金额（元）">
                <Typography.Text type={use.replenishStatus === 'pending' ? 'danger' : undefined} strong data-testid="replenish-amount">
                  {showYuan(use.replenishAmount)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="补足期限">
                {`${use.replenishDueOn}（动用之日起10个工作日）`}
                {use.replenishStatus === 'pending' && beijingDate() > use.replenishDueOn && <Tag color="red" style={{ marginLeft: 8 }}>已逾期</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="补足办理">
                {use.replenishCash ? `现金存缴 ${use.replenishCash.bankName}：${use.replenishCash.status === 'arrived' ? '已到账' : '待银行确认到账'}（已到账 ${showYuan(use.replenishCash.paidAmount)} 元）` : '未办理'}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      </Card>
      {use.transfers && (
        <Card title="农民工名单">
          <Table<Transfer>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={use.transfers}
            scroll={{ x: 1300 }}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '身份证号', dataIndex: 'idNumber', width: 190 },
              { title: '开户银行', dataIndex: 'bankName', width: 170 },
              { title: '银行卡号', dataIndex: 'cardNo', width: 190 },
              { title: '金额（元）', dataIndex: 'amount', align: 'right', width: 110, render: (v: string) => showYuan(v) },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: UseTransferStatus) => <Tag color={transferColor[s]}>{useTransferStatusLabels[s]}</Tag> },
              { title: '交易流水号 / 失败原因', key: 'ref', width: 260, render: (_, t) => (t.status === 'paid' ? `${t.reference ?? ''}（${t.paidOn ?? ''}）` : (t.failReason ?? '-')) },
              {
                title: '操作',
                key: 'op',
                width: 150,
                fixed: 'right',
                render: (_, t) => (
                  <Space size={0}>
                    {t.allowedActions.includes('pay') && (
                      <Button type="link" size="small" onClick={() => setPaying(t)}>
                        已支付
                      </Button>
                    )}
                    {t.allowedActions.includes('fail') && (
                      <Button type="link" size="small" danger onClick={() => setFailing(t)}>
                        支付失败
                      </Button>
                    )}
                    {t.allowedActions.includes('correct') && (
                      <Button type="link" size="small" onClick={() => setCorrecting(t)}>
                        更正
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {paying && <PayModal use={use} transfer={paying} onClose={() => setPaying(null)} />}
      {failing && <FailModal use={use} transfer={failing} onClose={() => setFailing(null)} />}
      {correcting && <CorrectModal use={use} transfer={correcting} onClose={() => setCorrecting(null)} />}
      {replenishing && <ReplenishModal use={use} onClose={() => setReplenishing(false)} />}
    </Space>
  );
}

function PayModal({ use, transfer, onClose }: { use: DepositUse; transfer: Transfer; onClose: () => void }) {
  const [form] = Form.useForm<{ paidOn?: Dayjs; reference?: string }>();
  const pay = usePayTransfer(use.id);
  const { message } = App.useApp();
  return (
    <FormModal
      title="确认已支付"
      name="pay"
      open
      form={form}
      onClose={onClose}
      initialValues={{ paidOn: dayjs() }}
      intro={<Typography.Paragraph>{`${transfer.name}（${transfer.bankName} ${transfer.cardNo}）应付 ${showYuan(transfer.amount)} 元`}</Typography.Paragraph>}
      onSubmit={async (v) => {
        await pay.mutateAsync({ transferId: transfer.id, paidOn: v.paidOn!.format('YYYY-MM-DD'), reference: (v.reference ?? '').trim() });
        message.success(`${transfer.name} 已确认支付`);
        onClose();
      }}
    >
      <Form.Item name="paidOn" label="支付日期" rules={[{ required: true, message: '请选择支付日期' }]}>
        <TypedDatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reference" label="交易流水号" rules={[{ required: true, whitespace: true, message: '请输入交易流水号' }]}>
        <Input maxLength={64} />
      </Form.Item>
    </FormModal>
  );
}

function FailModal({ use, transfer, onClose }: { use: DepositUse; transfer: Transfer; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const fail = useFailTransfer(use.id);
  const { message } = App.useApp();
  return (
    <FormModal
      title="支付失败"
      name="fail"
      open
      form={form}
      onClose={onClose}
      intro={<Typography.Paragraph>{`${transfer.name}（${transfer.bankName} ${transfer.cardNo}）`}；人社部门更正收款信息后将重新发送。</Typography.Paragraph>}
      onSubmit={async (v) => {
        await fail.mutateAsync({ transferId: transfer.id, reason: (v.reason ?? '').trim() });
        message.success('已反馈支付失败');
        onClose();
      }}
    >
      <Form.Item name="reason" label="失败原因" rules={[{ required: true, whitespace: true, message: '请输入失败原因' }]}>
        <Input.TextArea maxLength={200} rows={3} placeholder="如：银行卡已销户" />
      </Form.Item>
    </FormModal>
  );
}

function CorrectModal({ use, transfer, onClose }: { use: DepositUse; transfer: Transfer; onClose: () => void }) {
  const [form] = Form.useForm<{ bankName?: string; cardNo?: string }>();
  const correct = useCorrectTransfer(use.id);
  const { message } = App.useApp();
  return (
    <FormModal
      title="更正收款信息"
      name="correct"
      open
      form={form}
      onClose={onClose}
      initialValues={{ bankName: transfer.bankName, cardNo: transfer.cardNo }}
      intro={<Typography.Paragraph type="danger">{`${transfer.name} 支付失败：${transfer.failReason ?? ''}`}</Typography.Paragraph>}
      onSubmit={async (v) => {
        await correct.mutateAsync({ transferId: transfer.id, bankName: (v.bankName ?? '').trim(), cardNo: (v.cardNo ?? '').replace(/\s/g, '') });
        message.success('已更正，支付机构将重新支付');
        onClose();
      }}
    >
      <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, message: '请输入开户银行' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="cardNo" label="银行卡号" rules={[{ required: true, message: '请输入银行卡号' }, zodRule(zCardNo)]}>
        <Input maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}

function ReplenishModal({ use, onClose }: { use: DepositUse; onClose: () => void }) {
  const [form] = Form.useForm<{ bankOrgId?: string; agreementFileId?: FileFieldValue; handlerName?: string; handlerPhone?: string }>();
  const banks = useProjectBanks(use.projectId, 'cash');
  const bankOrgId = Form.useWatch('bankOrgId', form);
  const bank = banks.data?.find((b) => b.orgId === bankOrgId);
  const replenish = useReplenishCash(use.id);
  const { message } = App.useApp();
  return (
    <FormModal
      title="补足保证金（现金存缴）"
      name="replenish"
      open
      form={form}
      width={600}
      labelSpan={5}
      onClose={onClose}
      okText="提交"
      intro={<Typography.Paragraph>{`应补足 ${showYuan(use.amount)} 元，期限 ${use.replenishDueOn}。请到所选银行的工资保证金专用账户存入，银行确认到账后由人社部门确认补足。`}</Typography.Paragraph>}
      onSubmit={async (v) => {
        await replenish.mutateAsync({ bankOrgId: v.bankOrgId!, agreementFileId: uploadedFileId(v.agreementFileId)!, handlerName: (v.handlerName ?? '').trim(), handlerPhone: (v.handlerPhone ?? '').trim() });
        message.success('已提交补足，请按开户须知存入资金');
        onClose();
      }}
    >
      <Form.Item name="bankOrgId" label="经办银行" rules={[{ required: true, message: '请选择经办银行' }]}>
        <Select placeholder="请选择开立工资保证金专用账户的银行" loading={banks.isPending} options={(banks.data ?? []).map((b) => ({ value: b.orgId, label: b.name }))} />
      </Form.Item>
      {bank && (
        <div style={{ marginBottom: 16 }}>
          <BankInstructions bank={bank} />
        </div>
      )}
      <Form.Item name="agreementFileId" label="存款协议书" required rules={[fileRule('存款协议书', true)]}>
        <FileUploadField buttonText="添加文件" />
      </Form.Item>
      <Form.Item name="handlerName" label="经办人" rules={[{ required: true, whitespace: true, message: '请输入经办人' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="handlerPhone" label="经办人手机" rules={[{ required: true, message: '请输入经办人手机' }, zodRule(zPhone)]}>
        <Input maxLength={11} />
      </Form.Item>
    </FormModal>
  );
}
