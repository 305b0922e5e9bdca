import { PageContainer } from '@ant-design/pro-components';
import { Card, Descriptions, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { FileLink } from '../../../components/FileLink';
import { PageLoading } from '../../../components/PageLoading';
import { useMe } from '../../../features/auth/api/me';
import { useInsuranceOrder } from '../../../features/insurance/api/insurance';
import { OrderActions } from '../../../features/insurance/components/OrderActions';
import { InsuranceStatusTag } from '../../../features/insurance/components/InsuranceTags';
import { LoadError } from '../bank/LoadError';

/** 查看投保详情 (enterprise, supervisors) / 投保订单办理 (insurer): the order, its files and its actions. */
export default function InsuranceOrderDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const q = useInsuranceOrder(id);
  const back = me.data?.role === 'insurer' ? '/insurer/orders' : q.data ? `/projects/${q.data.projectId}` : '/';
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} what="投保订单" back={{ to: back, label: '返回' }} />;
  const o = q.data;
  const f = o.files;
  return (
    <PageContainer title="投保订单" subTitle={o.projectName} onBack={() => navigate(back)} tags={<InsuranceStatusTag status={o.status} />} extra={<OrderActions order={o} withFiles={false} />}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="订单信息">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'no', label: '投保订单号', children: o.id },
              { key: 'biz', label: '业务流水号', children: o.businessNo },
              { key: 'insured', label: '被保险人', children: o.insuredName },
              { key: 'insurer', label: '保险公司', children: o.insurerName },
              { key: 'product', label: '产品名称', children: o.productName },
              { key: 'project', label: '项目名称', children: o.projectName },
              { key: 'amount', label: '保险金额', children: `${showYuan(o.amount)} 元` },
              { key: 'period', label: '保障时间', children: `${o.startOn} ~ ${o.endOn}（${o.days} 日历天）` },
              { key: 'rrate', label: '参考费率', children: o.referenceRate },
              { key: 'rprem', label: '参考保费', children: `${showYuan(o.referencePremium)} 元` },
              { key: 'frate', label: '保险费率（核保）', children: o.finalRate ?? '-' },
              { key: 'fprem', label: '保费（核保）', children: o.finalPremium ? `${showYuan(o.finalPremium)} 元` : '-' },
              { key: 'at', label: '提交时间', children: formatDateTime(o.submittedAt) },
              { key: 'approved', label: '核保时间', children: formatDateTime(o.approvedAt) },
              ...(o.refuseReason ? [{ key: 'refuse', label: '不通过原因', children: o.refuseReason }] : []),
              { key: 'paid', label: '收款确认时间', children: formatDateTime(o.paidAt) },
              { key: 'policy', label: '保单号', children: o.policyNo ?? '-' },
              { key: 'pperiod', label: '保险期间', children: o.policyFrom ? `${o.policyFrom} ~ ${o.policyTo}` : '-' },
              ...(o.invoiceTitle ? [{ key: 'inv', label: '发票信息', children: `${o.invoiceTitle}，税号 ${o.invoiceTaxNo}，${o.invoiceEmail}` }] : []),
            ]}
          />
        </Card>
        <Card title="相关资料">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'tender', label: '招标文件', children: <FileLink file={f.tender} /> },
              { key: 'contract', label: '施工合同', children: <FileLink file={f.contract} /> },
              { key: 'award', label: '中标通知书', children: <FileLink file={f.award} /> },
              { key: 'voucher', label: '支付凭证', children: <FileLink file={f.voucher} /> },
              { key: 'policyFile', label: '保单', children: <FileLink file={f.policy} /> },
              { key: 'invoice', label: '发票', children: <FileLink file={f.invoice} /> },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
