import { Alert, Descriptions, Empty, Table, Typography } from 'antd';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { FileLink } from '../../../components/FileLink';
import type { CashDeposit, GuaranteeApplication } from '../api/payment';
import { CashStatusTag, GuaranteeStatusTag } from './PaymentTags';

const desc = { size: 'small' as const, bordered: true, column: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }, styles: { label: { width: 140 } } };

/** 差额, or 超额 when more arrived than required (never a negative difference). */
export function Balance({ c }: { c: Pick<CashDeposit, 'differenceAmount' | 'overAmount'> }) {
  if (c.overAmount !== '0.00') return <Typography.Text type="warning" data-testid="over-amount">超额 {showYuan(c.overAmount)} 元</Typography.Text>;
  return <span data-testid="difference-amount">{showYuan(c.differenceAmount)} 元</span>;
}

/** A 现金存缴: the bank, the account, the figures, the 存款协议书 and every arrival with its voucher. */
export function CashDepositInfo({ c, showProject = false }: { c: CashDeposit; showProject?: boolean }) {
  return (
    <div>
      <Descriptions
        {...desc}
        items={[
          ...(showProject
            ? [
                { key: 'project', label: '工程名称', children: c.projectName },
                { key: 'enterprise', label: '企业名称', children: c.enterpriseName },
              ]
            : []),
          { key: 'no', label: '存缴编号', children: c.id },
          { key: 'status', label: '状态', children: <CashStatusTag status={c.status} /> },
          { key: 'bank', label: '经办银行', children: c.bankName },
          { key: 'account', label: '专用账户账号', children: c.accountNo ?? '（银行确认到账时回填）' },
          { key: 'required', label: '保证金应缴金额', children: `${showYuan(c.requiredAmount)} 元` },
          { key: 'paid', label: '已到账金额', children: `${showYuan(c.paidAmount)} 元` },
          { key: 'diff', label: c.overAmount !== '0.00' ? '超额' : '差额', children: <Balance c={c} /> },
          { key: 'handler', label: '经办人', children: `${c.handlerName}（${c.handlerPhone}）` },
          { key: 'agreement', label: '存款协议书', children: <FileLink file={c.agreementFile} /> },
          { key: 'submitted', label: '提交时间', children: formatDateTime(c.submittedAt) },
        ]}
      />
      <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
        到账记录
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.arrivals}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="银行尚未确认到账" /> }}
        columns={[
          { title: '到账日期', dataIndex: 'arrivedOn', width: 110 },
          { title: '到账金额（元）', dataIndex: 'amount', align: 'right', width: 150, render: (v: string) => showYuan(v) },
          { title: '账号', dataIndex: 'accountNo', width: 200 },
          { title: '付款人名称', dataIndex: 'payerName', width: 200 },
          { title: '凭证', key: 'voucher', width: 220, render: (_, a) => (a.voucherFile ? <FileLink file={a.voucherFile} /> : '-') },
          { title: '凭证号', dataIndex: 'voucherNo', width: 140, render: (v: string | null) => v ?? '-' },
        ]}
      />
    </div>
  );
}

/** An online 银行保函 application; once issued, the letter and its figures. */
export function GuaranteeInfo({ g, showProject = false }: { g: GuaranteeApplication; showProject?: boolean }) {
  return (
    <div>
      {g.status === 'refused' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="银行不受理" description={`原因：${g.refuseReason ?? '-'}`} />}
      {(g.status === 'submitted' || g.status === 'accepted') && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="等待银行回传办理结果" data-testid="waiting-bank" />
      )}
      <Descriptions
        {...desc}
        items={[
          ...(showProject
            ? [
                { key: 'project', label: '工程名称', children: g.projectName },
                { key: 'enterprise', label: '申请企业（被保证人）', children: g.enterpriseName },
              ]
            : []),
          { key: 'no', label: '申请编号', children: g.id },
          { key: 'status', label: '办理状态', children: <GuaranteeStatusTag status={g.status} /> },
          { key: 'bank', label: '经办银行', children: g.bankName },
          { key: 'beneficiary', label: '受益人', children: g.beneficiaryName },
          { key: 'amount', label: '保函金额', children: `${showYuan(g.amount)} 元` },
          { key: 'term', label: '保函期限', children: `${g.termFrom} ~ ${g.termTo}` },
          { key: 'handler', label: '经办人', children: `${g.handlerName}（${g.handlerPhone}）` },
          { key: 'submitted', label: '申请时间', children: formatDateTime(g.submittedAt) },
          ...(g.remark ? [{ key: 'remark', label: '申请说明', children: g.remark }] : []),
          ...(g.status === 'issued'
            ? [
                { key: 'gno', label: '保函号', children: g.guaranteeNo },
                { key: 'issuedOn', label: '出函日期', children: g.issuedOn },
                { key: 'valid', label: '保函有效期', children: `${g.validFrom} ~ ${g.validTo}` },
                { key: 'issuedAmount', label: '出函金额', children: `${showYuan(g.issuedAmount)} 元` },
                { key: 'fee', label: '手续费', children: `${showYuan(g.fee)} 元` },
                { key: 'letter', label: '保函文件', children: <FileLink file={g.letterFile} /> },
              ]
            : []),
        ]}
      />
    </div>
  );
}
