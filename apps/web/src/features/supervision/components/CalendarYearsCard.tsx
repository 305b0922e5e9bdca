import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TCalendarYearView } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { useCalendarStatus, useCalendarYears, useSaveCalendarYear } from '../api/supervision';

const EXAMPLE = (y: number) => `${y}-01-01 休 元旦\n${y}-02-10至${y}-02-16 休 春节\n${y}-02-08 班 春节调休上班`;

/**
 * 节假日安排 (ADR 036): each year's arrangement, entered or pasted from the State Council's notice,
 * and marked confirmed. Until a year is confirmed, every deadline in it is shown with （节假日安排未确认）.
 */
export function CalendarYearsCard() {
  const { message, modal } = App.useApp();
  const years = useCalendarYears();
  const status = useCalendarStatus();
  const save = useSaveCalendarYear();
  const [editing, setEditing] = useState<TCalendarYearView | null>(null);
  const [text, setText] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const open = (y: TCalendarYearView) => {
    setEditing(y);
    setText(y.text);
    setConfirmed(y.confirmed);
    setProblem(null);
  };
  async function submit() {
    if (!editing) return;
    const run = async () => {
      try {
        await save.mutateAsync({ year: editing.year, body: { text, confirmed } });
        message.success(confirmed ? `已确认 ${editing.year} 年节假日安排` : `已保存 ${editing.year} 年节假日安排（未确认）`);
        setEditing(null);
      } catch (e) {
        setProblem(errorMessage(e));
      }
    };
    if (confirmed && !editing.confirmed) {
      modal.confirm({
        title: `确认 ${editing.year} 年节假日安排？`,
        content: '确认后，落在该年度的审核、缴纳等期限将按此安排计算工作日，并不再标注“节假日安排未确认”。请核对与国务院办公厅通知一致。',
        okText: '确认',
        cancelText: '取消',
        onOk: run,
      });
    } else await run();
  }

  const columns: ColumnsType<TCalendarYearView> = [
    { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => `${y} 年` },
    { title: '来源', dataIndex: 'source', width: 160, render: (s: string) => (s === 'package' ? '国务院通知（系统内置）' : '平台录入') },
    {
      title: '放假 / 调休上班',
      key: 'days',
      width: 150,
      render: (_, y) => (y.source === 'package' ? '按国务院通知（内置数据）' : `${y.days.filter((d) => !d.workday).length} 天 / ${y.days.filter((d) => d.workday).length} 天`),
    },
    { title: '状态', dataIndex: 'confirmed', width: 110, render: (c: boolean) => (c ? <Tag color="success">已确认</Tag> : <Tag color="warning">未确认</Tag>) },
    {
      title: '操作',
      key: 'op',
      width: 100,
      render: (_, y) => (y.source === 'package' ? <Typography.Text type="secondary">无需录入</Typography.Text> : <a onClick={() => open(y)}>录入 / 确认</a>),
    },
  ];
  return (
    <Card title="节假日安排（按年度）" style={{ marginBottom: 16 }} data-testid="calendar-years">
      {status.data?.yearToConfirm && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${status.data.yearToConfirm} 年节假日安排尚未确认`}
          description="国务院办公厅通常在每年 11 月前后发布次年放假安排。未确认前，落在该年度的期限按周一至周五计算，并在页面上标注“（节假日安排未确认）”。"
        />
      )}
      <Table<TCalendarYearView> rowKey="year" size="middle" loading={years.isPending} columns={columns} dataSource={years.data} pagination={false} />
      <Modal
        open={!!editing}
        title={editing ? `${editing.year} 年节假日安排` : ''}
        okText="保存"
        cancelText="取消"
        width={640}
        confirmLoading={save.isPending}
        onOk={submit}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            每行一天或一段：日期（或“开始日期至结束日期”）＋“休”（放假）或“班”（调休上班）＋说明。可直接粘贴整理后的国务院通知。
          </Typography.Paragraph>
          <Input.TextArea aria-label="节假日安排" rows={12} value={text} placeholder={editing ? EXAMPLE(editing.year) : ''} onChange={(e) => setText(e.target.value)} />
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
            已与国务院办公厅通知核对，确认该年度安排
          </Checkbox>
          {problem && <Alert type="error" showIcon message={problem} />}
        </Space>
      </Modal>
    </Card>
  );
}
