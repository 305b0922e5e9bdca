import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { arrearsKindLabels, type ArrearsKind } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { useCreateArrears, useRemoveArrears, type ArrearsRecord } from '../api/arrears';

const DATE = 'YYYY-MM-DD';
const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
export const arrearsKindOptions = (Object.keys(arrearsKindLabels) as ArrearsKind[]).map((k) => ({ value: k, label: arrearsKindLabels[k] }));
const normalizeCode = (v: string) => (v ?? '').toUpperCase().replace(/\s/g, '');

interface CreateValues {
  creditCode: string;
  kind?: ArrearsKind;
  regionCode?: string;
  occurredOn?: Dayjs;
  sourceDocument: string;
  note?: string;
}

/** 新增记录: an arrears case or a 严重失信 listing, with its source document. */
export function CreateArrearsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const create = useCreateArrears();

  async function submit(v: CreateValues) {
    const r = await create.mutateAsync({
      creditCode: v.creditCode.trim(),
      kind: v.kind!,
      regionCode: v.regionCode!,
      occurredOn: v.occurredOn!.format(DATE),
      sourceDocument: v.sourceDocument.trim(),
      note: v.note?.trim() || undefined,
    });
    message.success(`已登记：${r.enterpriseName}`);
    onClose();
  }

  return (
    <FormModal<CreateValues>
      title="新增记录"
      open={open}
      form={form}
      name="arrears"
      onClose={onClose}
      onSubmit={submit}
      width={560}
      layout="vertical"
    >
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        normalize={normalizeCode}
        rules={[{ required: true, message: '请输入企业统一社会信用代码' }]}
        extra="须为平台上已认证的企业"
      >
        <Input maxLength={18} placeholder="请输入18位统一社会信用代码" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择记录类型' }]}>
        <Select placeholder="请选择" options={arrearsKindOptions} />
      </Form.Item>
      <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择地区' }]}>
        <Select placeholder="请选择地区" options={regionSelectOptions(dicts.data)} loading={dicts.isPending} />
      </Form.Item>
      <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择发生日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item
        name="sourceDocument"
        label="依据文书"
        rules={[{ required: true, whitespace: true, message: '请输入依据文书' }, { max: 200, message: '依据文书不能超过200个字符' }]}
      >
        <Input maxLength={200} placeholder="如：本人社监察〔2025〕12号处理决定书" />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过500字' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填" />
      </Form.Item>
    </FormModal>
  );
}

/** 移出: the listing ends (清偿完毕 / 移出名单) on a date; the entry itself stays. */
export function RemoveArrearsModal({ record, onClose }: { record: ArrearsRecord | null; onClose: () => void }) {
  const [form] = Form.useForm<{ removedOn?: Dayjs }>();
  const { message } = App.useApp();
  const remove = useRemoveArrears();

  async function submit(v: { removedOn?: Dayjs }) {
    if (!record) return;
    await remove.mutateAsync({ id: record.id, removedOn: v.removedOn!.format(DATE) });
    message.success('已移出');
    onClose();
  }

  return (
    <FormModal<{ removedOn?: Dayjs }>
      title="移出记录"
      open={!!record}
      form={form}
      name="removeArrears"
      onClose={onClose}
      onSubmit={submit}
      okText="确认移出"
      width={460}
      layout="vertical"
      intro={
        record && (
          <p style={{ marginTop: 12 }}>
            {record.enterpriseName} · {arrearsKindLabels[record.kind]} · 发生日期 {record.occurredOn}
          </p>
        )
      }
    >
      <Form.Item
        name="removedOn"
        label="移出日期"
        rules={[{ required: true, message: '请选择移出日期' }]}
        extra="记录保留；列入严重失信名单自移出日期起不再计入规定应缴的计算。"
      >
        <DatePicker
          style={{ width: '100%' }}
          placeholder="请选择日期"
          disabledDate={(d) => !!record && d.isBefore(dayjs(record.occurredOn), 'day')}
        />
      </Form.Item>
    </FormModal>
  );
}
