import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime, smsRecordStatusLabels, SMS_RECORD_STATUSES, type SmsRecordStatus } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { smsRecordQueryOptions, type SmsRecord } from '../../../features/supervision/api/supervision';

const COLORS: Record<SmsRecordStatus, string> = { queued: 'processing', held: 'warning', sent: 'success', failed: 'error', skipped: 'default' };
const statusEnum = Object.fromEntries(SMS_RECORD_STATUSES.map((s) => [s, { text: smsRecordStatusLabels[s] }]));

/** 短信记录 (admin): every notification SMS of a warning — phone masked, template, result; 22:00–08:00 held until morning. */
export default function SmsRecordsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const columns: ProColumns<SmsRecord>[] = [
    { title: '手机号', dataIndex: 'phone', width: 130, fieldProps: { placeholder: '号码的一部分' }, render: (_, r) => r.phoneMasked },
    { title: '模板', dataIndex: 'templateLabel', search: false, width: 100 },
    { title: '内容', dataIndex: 'content', search: false, ellipsis: true, width: 360 },
    { title: '状态', dataIndex: 'status', valueType: 'select', valueEnum: statusEnum, width: 150, fieldProps: { placeholder: '全部' }, render: (_, r) => <Tag color={COLORS[r.status]}>{smsRecordStatusLabels[r.status]}</Tag> },
    { title: '结果', dataIndex: 'result', search: false, ellipsis: true, width: 180, render: (_, r) => r.result ?? '—' },
    { title: '记录时间', dataIndex: 'createdAt', search: false, width: 160, render: (_, r) => formatDateTime(r.createdAt) },
    { title: '发送时间', dataIndex: 'sentAt', search: false, width: 160, render: (_, r) => (r.sentAt ? formatDateTime(r.sentAt) : '—') },
  ];
  return (
    <PageContainer title="短信记录" content="预警短信发给企业联系人和项目劳资专管员：每条预警每个号码每天至多一条；22:00 至次日 08:00 之间产生的短信暂缓至 08:00 发送。号码已脱敏。">
      <ProTable<SmsRecord, { status?: SmsRecordStatus; phone?: string }>
        rowKey="id"
        columns={columns}
        headerTitle="短信记录"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1200 }}
        request={async ({ current, pageSize, status, phone }) =>
          toTableResult(await qc.fetchQuery(smsRecordQueryOptions({ status: status || undefined, phone: phone?.trim() || undefined, page: current ?? 1, pageSize: pageSize ?? 10 })))
        }
      />
    </PageContainer>
  );
}
