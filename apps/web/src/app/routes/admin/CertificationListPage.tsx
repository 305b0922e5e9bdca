import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, type CertificationStatus } from '@benxi/shared';
import {
  certificationListQueryOptions,
  type Certification,
} from '../../../features/admin-certifications/api/certifications';
import { CertificationStatusTag, certificationStatusValueEnum } from '../../../components/CertificationStatusTag';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';

const columns: ProColumns<Certification>[] = [
  {
    title: '关键字',
    dataIndex: 'keyword',
    hideInTable: true,
    fieldProps: { placeholder: '企业名称/统一社会信用代码' },
  },
  {
    title: '状态',
    dataIndex: 'status',
    valueType: 'select',
    valueEnum: certificationStatusValueEnum,
    hideInTable: true,
    fieldProps: { placeholder: '全部' },
  },
  { title: '业务编码', dataIndex: 'bizCode', search: false, width: 205 },
  { title: '企业名称', dataIndex: 'enterpriseName', search: false, ellipsis: true },
  { title: '统一社会信用代码', dataIndex: 'creditCode', search: false, width: 175 },
  { title: '企业资质', dataIndex: 'qualification', search: false, width: 85 },
  { title: '联系人', dataIndex: 'contactName', search: false, width: 85, ellipsis: true },
  { title: '联系电话', dataIndex: 'contactPhone', search: false, width: 115 },
  { title: '申请时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, r) => formatDateTime(r.submittedAt) },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'statusTag',
    search: false,
    width: 95,
    render: (_, r) => <CertificationStatusTag status={r.status} />,
  },
  {
    title: '操作',
    valueType: 'option',
    width: 60,
    fixed: 'right',
    render: (_, r) => [
      <Link key="detail" to={`/admin/certifications/${r.id}`}>
        详情
      </Link>,
    ],
  },
];

/** 认证审核: every certification application, newest first. */
export default function CertificationListPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return (
    <PageContainer title="认证审核">
      <ProTable<Certification, { keyword?: string; status?: CertificationStatus }>
        rowKey="id"
        columns={columns}
        headerTitle="企业认证申请"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1150 }}
        request={async ({ current, pageSize, keyword, status }) =>
          toTableResult(
            await qc.fetchQuery(
              certificationListQueryOptions({
                keyword: keyword?.trim() || undefined,
                status: status || undefined,
                page: current ?? 1,
                pageSize: pageSize ?? 10,
              }),
            ),
          )
        }
      />
    </PageContainer>
  );
}
