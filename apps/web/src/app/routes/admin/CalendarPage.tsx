import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import {
  useCalendarOverrides,
  useDeleteCalendarOverride,
  useSetCalendarOverride,
  type CalendarOverride,
} from '../../../features/admin-rules/api/rules';
import { CalendarYearsCard } from '../../../features/supervision/components/CalendarYearsCard';

interface Values {
  date?: Dayjs;
  workday: boolean;
  note?: string;
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00`).getDay()];

/** 工作日调整: days that differ from the official holiday calendar (审核期限 counts working days). */
export default function CalendarPage() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const list = useCalendarOverrides();
  const set = useSetCalendarOverride();
  const del = useDeleteCalendarOverride();

  async function add(v: Values) {
    try {
      await set.mutateAsync({ date: v.date!.format('YYYY-MM-DD'), workday: v.workday, note: v.note?.trim() || undefined });
      message.success('已保存工作日调整');
      form.resetFields();
    } catch (e) {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    }
  }

  async function remove(date: string) {
    try {
      await del.mutateAsync(date);
      message.success(`已删除 ${date} 的调整`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const columns: ColumnsType<CalendarOverride> = [
    { title: '日期', dataIndex: 'date', width: 140, render: (d: string) => `${d}（${weekday(d)}）` },
    {
      title: '类型',
      dataIndex: 'workday',
      width: 100,
      render: (w: boolean) => (w ? <Tag color="processing">工作日</Tag> : <Tag color="default">休息日</Tag>),
    },
    { title: '说明', dataIndex: 'note', render: (n?: string) => n || '-' },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, o) => (
        <Popconfirm title={`确认删除 ${o.date} 的调整？`} okText="确认删除" cancelText="取消" onConfirm={() => remove(o.date)}>
          <Typography.Link type="danger">删除</Typography.Link>
        </Popconfirm>
      ),
    },
  ];

  return (
    <PageContainer title="工作日调整" content="审核期限按工作日计算：默认采用国家法定节假日安排（含调休上班日），此处的调整优先。">
      <CalendarYearsCard />
      <Card title="新增调整（单日）" style={{ marginBottom: 16 }}>
        <Form<Values> form={form} name="calendar" layout="inline" initialValues={{ workday: false }} onFinish={add}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker placeholder="请选择日期" />
          </Form.Item>
          <Form.Item name="workday" label="类型" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: '工作日' },
                { value: false, label: '休息日' },
              ]}
              optionType="button"
            />
          </Form.Item>
          <Form.Item name="note" label="说明" rules={[{ max: 100, message: '说明不能超过100个字符' }]}>
            <Input placeholder="如：市政府通知临时休息" maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={set.isPending}>
              添加
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title="已有调整">
        {list.isError ? (
          <Alert type="error" showIcon message={list.error.message} />
        ) : (
          <Table<CalendarOverride>
            rowKey="date"
            size="middle"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data}
            pagination={false}
            locale={{ emptyText: '暂无调整，完全按国家法定节假日安排' }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
