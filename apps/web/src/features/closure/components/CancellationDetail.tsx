import { App, Button, Descriptions, Space, Table, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { formatDateTime, returnKindLabels } from '@benxi/shared';
import { FileLink } from '../../../components/FileLink';
import { errorMessage } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { downloadConfirmation, type Cancellation } from '../api/closure';
import { CancellationStatusTag, Deadline, ReturnStatusTag } from './ClosureTags';

const files = (list: Cancellation['files']['acceptanceReport']) =>
  list.length ? (
    <Space direction="vertical" size={0}>
      {list.map((f) => (
        <FileLink key={f.id} file={f} preview />
      ))}
    </Space>
  ) : (
    '-'
  );

export function ConfirmationButton({ c }: { c: Cancellation }) {
  const { message } = App.useApp();
  if (c.status !== 'approved' || !c.documentNo) return null;
  return (
    <Button icon={<DownloadOutlined />} onClick={() => downloadConfirmation(c.id).catch((e) => message.error(errorMessage(e)))} data-testid="download-confirmation">
      下载返还（销户）确认书
    </Button>
  );
}

/** 保证金注销申请的详情: the application, its files, the decision, the 确认书 and the banks' 返还确认. */
export function CancellationDetail({ c }: { c: Cancellation }) {
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { width: 130 } }}
        items={[
          { key: 'name', label: '工程名称', children: c.projectName },
          { key: 'code', label: '工程编号', children: c.projectId },
          { key: 'status', label: '申请状态', children: <CancellationStatusTag status={c.status} /> },
          { key: 'enterprise', label: '施工总包单位', children: c.enterpriseName },
          { key: 'start', label: '实际开工日期', children: c.actualStart },
          { key: 'done', label: '实际竣工日期', children: c.actualCompletion },
          { key: 'pub', label: '公示起始日期', children: c.publicityStart },
          { key: 'handler', label: '经办人', children: `${c.handlerName}（${c.handlerPhone}）` },
          { key: 'submitted', label: '申请时间', children: formatDateTime(c.submittedAt) },
          { key: 'deadline', label: '审核期限', children: <Deadline date={c.deadline} overdue={c.overdue} /> },
          { key: 'note', label: '申请说明', span: 2, children: c.note || '-' },
          { key: 'f1', label: '竣工验收报告', children: files(c.files.acceptanceReport) },
          { key: 'f2', label: '注销申请表', children: files(c.files.applicationForm) },
          { key: 'f3', label: '无拖欠农民工工资书面承诺', children: files(c.files.noArrearsPledge) },
          { key: 'f4', label: '其他附件', children: files(c.files.others) },
          ...(c.rejectReason ? [{ key: 'reason', label: '驳回原因', span: 2, children: <Typography.Text type="danger">{c.rejectReason}</Typography.Text> }] : []),
          ...(c.documentNo ? [{ key: 'doc', label: '确认书编号', span: 2, children: c.documentNo }] : []),
        ]}
      />
      {c.instruments.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.kindLabel}${r.number}`}
          title={() => '已释放的保证金凭证'}
          dataSource={c.instruments}
          columns={[
            { title: '缴纳方式', dataIndex: 'kindLabel' },
            { title: '编号 / 保函号', dataIndex: 'number' },
            { title: '存储银行 / 出具机构', dataIndex: 'issuerName' },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (v: string) => showYuan(v) },
          ]}
        />
      )}
      {c.returns.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          title={() => '银行返还确认'}
          dataSource={c.returns}
          columns={[
            { title: '银行', dataIndex: 'bankName' },
            { title: '返还内容', dataIndex: 'kind', render: (k: keyof typeof returnKindLabels) => returnKindLabels[k] },
            { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (v: string) => showYuan(v) },
            { title: '返还期限', dataIndex: 'deadline', render: (_: string, r) => <Deadline date={r.deadline} overdue={r.overdue} /> },
            { title: '状态', dataIndex: 'status', render: (_: string, r) => <ReturnStatusTag status={r.status} /> },
            { title: '返还日期', dataIndex: 'returnedOn', render: (v: string | null) => v ?? '-' },
          ]}
        />
      )}
    </Space>
  );
}
