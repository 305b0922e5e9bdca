import type { ReactNode } from 'react';
import { Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime, prepayModeLabels, type Role } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { FileLink } from '../../../components/FileLink';
import type { QuotaApplication } from '../api/quota';
import { OverdueTag, QuotaStatusTag, applyTypeText, payAmountLabel, payMethodText } from './QuotaTags';
import { quotaDetailPath } from './QuotaActions';
import { Deadline } from '../../supervision/components/Deadline';

const labelStyle = { width: 150, whiteSpace: 'nowrap' as const };
const columns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

type Item = { key: string; label: string; children: ReactNode; span?: 'filled' };

/** 定额保证金 of the manual's detail: what was applied for, and what became of it. */
export function QuotaDepositInfo({ q, extra }: { q: QuotaApplication; extra?: ReactNode }) {
  const items: Item[] = [
    { key: 'project', label: '工程名称', children: <Link to={`/projects/${q.projectId}`}>{q.projectName}</Link> },
    { key: 'code', label: '工程编号', children: <Typography.Text copyable>{q.projectId}</Typography.Text> },
    { key: 'contract', label: '施工合同金额', children: `${showYuan(q.contractAmount)} 元` },
    { key: 'mode', label: '预缴方式', children: prepayModeLabels[q.prepayMode] },
    { key: 'ratio', label: '申请比例', children: `${q.prepayRatio}%` },
    { key: 'applied', label: '保证金应缴金额', children: `${showYuan(q.appliedAmount)} 元` },
    { key: 'type', label: '申请类型', children: applyTypeText(q.applyType) },
    { key: 'method', label: '缴纳方式', children: payMethodText(q.payMethod) },
  ];
  if (q.applyType === 'general' && q.payMethod) {
    items.push({ key: 'payAmount', label: payAmountLabel(q.payMethod), children: `${showYuan(q.appliedAmount)} 元` });
  }
  if (q.applyType === 'deferred') {
    items.push({ key: 'deferral', label: '缓缴理由', children: <span style={{ whiteSpace: 'pre-wrap' }}>{q.deferralReason ?? '-'}</span>, span: 'filled' });
  }
  items.push(
    { key: 'handler', label: '经办人', children: q.handlerName },
    { key: 'handlerPhone', label: '经办人电话', children: q.handlerPhone },
    { key: 'batch', label: '申请批次号', children: <Typography.Text copyable>{q.batchNo}</Typography.Text> },
    { key: 'submitted', label: '申请时间', children: formatDateTime(q.submittedAt) },
    {
      key: 'status',
      label: '状态',
      children: (
        <span>
          <QuotaStatusTag status={q.status} />
          <OverdueTag q={q} />
        </span>
      ),
    },
    { key: 'due', label: '审核期限', children: q.status === 'pending' ? <><Deadline date={q.dueOn} />（5个工作日）</> : <Deadline date={q.dueOn} /> },
    { key: 'region', label: '主管地区', children: q.regionName },
    { key: 'contractor', label: '施工总包单位', children: q.contractorName },
    { key: 'authority', label: '行业主管单位', children: q.authorityOrgName },
    { key: 'hrss', label: '人社监管单位', children: q.hrssOrgName },
    { key: 'description', label: '申请说明', children: <span style={{ whiteSpace: 'pre-wrap' }}>{q.description || '-'}</span>, span: 'filled' },
  );
  if (q.status === 'approved') {
    items.push(
      { key: 'approved', label: '核定金额', children: q.approvedAmount === null ? '-' : `${showYuan(q.approvedAmount)} 元` },
      { key: 'decided', label: '审核时间', children: formatDateTime(q.decidedAt) },
      { key: 'comment', label: '审核意见', children: q.reviewComment || '-', span: 'filled' },
    );
    if (q.justificationAccepted) items.push({ key: 'accepted', label: '书面说明', children: <Tag color="warning">人社部门已审阅并接受企业书面说明</Tag>, span: 'filled' });
  }
  if (q.status === 'rejected') {
    items.push(
      { key: 'decided', label: '审核时间', children: formatDateTime(q.decidedAt) },
      { key: 'reject', label: '驳回原因', children: <Typography.Text type="danger">{q.rejectReason ?? '-'}</Typography.Text>, span: 'filled' },
    );
  }
  return <Descriptions title="定额保证金" extra={extra} bordered size="middle" column={columns} styles={{ label: labelStyle }} items={items} />;
}

/** 附件: each opens in a new tab. */
export function QuotaAttachments({ q }: { q: QuotaApplication }) {
  const items: Item[] = [];
  if (q.applyType === 'exempt' || q.licenseFile || q.bidNoticeFiles.length) {
    items.push(
      { key: 'license', label: '营业执照', children: <FileLink file={q.licenseFile} />, span: 'filled' },
      {
        key: 'bid',
        label: '中标通知书',
        children: q.bidNoticeFiles.length ? (
          <Space direction="vertical" size={4}>
            {q.bidNoticeFiles.map((f) => (
              <FileLink key={f.id} file={f} />
            ))}
          </Space>
        ) : (
          <FileLink file={null} />
        ),
        span: 'filled',
      },
    );
  }
  if (q.applyType === 'deferred' || q.deferralFile) {
    items.push({ key: 'deferral', label: '证明材料', children: <FileLink file={q.deferralFile} />, span: 'filled' });
  }
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该申请类型无需附件" />;
  return <Descriptions bordered size="middle" column={1} styles={{ label: labelStyle }} items={items} />;
}

/** 申请历史: this application and the rejected ones it corrected (previousId), newest first. */
export function QuotaHistory({ chain, currentId, role }: { chain: QuotaApplication[]; currentId: string; role: Role }) {
  return (
    <Timeline
      items={chain.map((a) => ({
        color: a.status === 'approved' ? 'green' : a.status === 'rejected' ? 'red' : a.status === 'pending' ? 'blue' : 'gray',
        children: (
          <div>
            <Space size={8} wrap>
              {a.id === currentId ? (
                <Typography.Text strong>批次号 {a.batchNo}（本申请）</Typography.Text>
              ) : (
                <Link to={quotaDetailPath(role, a.id)}>批次号 {a.batchNo}</Link>
              )}
              <QuotaStatusTag status={a.status} />
              <Typography.Text type="secondary">{formatDateTime(a.submittedAt)} 提交</Typography.Text>
            </Space>
            <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>
              {applyTypeText(a.applyType)}，申请金额 {showYuan(a.appliedAmount)} 元
              {a.decidedAt ? `，${formatDateTime(a.decidedAt)} 审核` : ''}
            </div>
            {a.status === 'rejected' && a.rejectReason && <Typography.Text type="danger">驳回原因：{a.rejectReason}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}
