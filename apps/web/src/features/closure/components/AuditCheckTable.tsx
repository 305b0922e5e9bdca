import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { depositStatusLabels } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { auditCheckQueryOptions, exportAuditChecks, type AuditCheckItem } from '../api/closure';

/** hrss 清查 (65号: at least every six months): completed projects whose deposit is still live and has no cancellation, oldest completion first. */
export function AuditCheckTable() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const filters = useRef<{ projectName?: string; regionCode?: string }>({});
  const { exporting, runExport } = useExport(() => exportAuditChecks(filters.current));
  const columns: ProColumns<AuditCheckItem>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 220, fieldProps: { placeholder: '请输入工程名称' }, render: (_, p) => <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link> },
    { title: '工程编号', dataIndex: 'projectId', search: false, width: 190, copyable: true },
    { title: '主管地区', dataIndex: 'regionCode', hideInTable: true, valueType: 'select', fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '请选择地区', showSearch: true, optionFilterProp: 'label' } },
    { title: '施工总包单位', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 200 },
    { title: '主管地区', dataIndex: 'regionName', search: false, width: 110 },
    { title: '实际竣工日期', dataIndex: 'actualCompletion', search: false, width: 120 },
    { title: '竣工天数', dataIndex: 'daysSinceCompletion', search: false, width: 100, align: 'right', render: (_, p) => <span style={{ color: p.daysSinceCompletion > 180 ? '#cf1322' : undefined }}>{p.daysSinceCompletion} 天</span> },
    { title: '保证金状态', dataIndex: 'depositStatus', search: false, width: 110, render: (_, p) => depositStatusLabels[p.depositStatus] },
  ];
  return (
    <ProTable<AuditCheckItem, { projectName?: string; regionCode?: string }>
      rowKey="projectId"
      columns={columns}
      headerTitle="清查清单：已竣工、保证金未注销的项目"
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1050 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, projectName, regionCode }) => {
        const f = { projectName: projectName?.trim() || undefined, regionCode: regionCode || undefined };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(auditCheckQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
