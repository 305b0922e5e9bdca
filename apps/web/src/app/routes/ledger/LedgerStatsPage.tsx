import { useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { Link } from 'react-router';
import { LEDGER_WAYS, ledgerWayLabels, type LedgerWay, type TLedgerStatsCell } from '@benxi/shared';
import { useExport } from '../../../lib/use-export';
import { regionSelectOptions, useFormDictionaries } from '../../../features/dictionaries/api/dictionaries';
import { formatYuan } from '../../../features/projects/components/ProjectTags';
import { exportLedgerStats, useLedgerStats } from '../../../features/ledger/api/ledger';

interface Line {
  key: string;
  month: string;
  regionCode: string;
  regionName: string;
  cells: Partial<Record<LedgerWay, TLedgerStatsCell>>;
}

/** 月度统计: per month and region, the deposits settled by each way (现金 / 银行保函 / 保险 / 免缴 / 缓缴); each number opens the 台账 it counts. */
export default function LedgerStatsPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const dicts = useFormDictionaries();
  const q = useLedgerStats({ year, regionCode });
  const { exporting, runExport } = useExport(() => exportLedgerStats({ year, regionCode }));
  const lines = new Map<string, Line>();
  for (const c of q.data?.cells ?? []) {
    const key = `${c.month}|${c.regionCode}`;
    const l = lines.get(key) ?? { key, month: c.month, regionCode: c.regionCode, regionName: c.regionName, cells: {} };
    l.cells[c.way] = c;
    lines.set(key, l);
  }
  const link = (c: TLedgerStatsCell) => `/ledger?month=${c.month}&regionCode=${c.regionCode}&way=${c.way}`;
  return (
    <PageContainer title="月度统计" content="按缴纳（免缴、缓缴为审核通过）月份、地区与缴纳方式统计的项目数与金额（元）；点击数字查看对应台账。" onBack={() => history.back()}>
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <span>年度：</span>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" />
          <span>地区：</span>
          <Select allowClear placeholder="全部" style={{ width: 180 }} value={regionCode} onChange={setRegionCode} options={regionSelectOptions(dicts.data)} showSearch optionFilterProp="label" />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
            导出 Excel
          </Button>
        </Space>
        <Table<Line>
          rowKey="key"
          loading={q.isLoading}
          dataSource={[...lines.values()]}
          pagination={{ pageSize: 24, showTotal: (t) => `总共 ${t} 条` }}
          bordered
          size="small"
          scroll={{ x: 1300 }}
          locale={{ emptyText: '本年度暂无数据' }}
          columns={[
            { title: '月份', dataIndex: 'month', width: 90, fixed: 'left' },
            { title: '地区', dataIndex: 'regionName', width: 110, fixed: 'left' },
            ...LEDGER_WAYS.map((w) => ({
              title: ledgerWayLabels[w],
              children: [
                { title: '项目数', key: `${w}-n`, width: 70, align: 'right' as const, render: (_: unknown, l: Line) => (l.cells[w] ? <Link to={link(l.cells[w]!)}>{l.cells[w]!.count}</Link> : 0) },
                { title: '金额', key: `${w}-a`, width: 140, align: 'right' as const, render: (_: unknown, l: Line) => (l.cells[w] ? formatYuan(l.cells[w]!.amount) : '0.00') },
              ],
            })),
          ]}
          summary={() =>
            q.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{q.data.year} 年合计</Typography.Text>
                </Table.Summary.Cell>
                {q.data.totals.flatMap((t, i) => [
                  <Table.Summary.Cell key={`${t.way}-n`} index={2 + i * 2} align="right">
                    <Link to={`/ledger?way=${t.way}${regionCode ? `&regionCode=${regionCode}` : ''}`}>{t.count}</Link>
                  </Table.Summary.Cell>,
                  <Table.Summary.Cell key={`${t.way}-a`} index={3 + i * 2} align="right">
                    {formatYuan(t.amount)}
                  </Table.Summary.Cell>,
                ])}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </PageContainer>
  );
}
