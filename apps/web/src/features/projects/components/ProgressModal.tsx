import { App, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { beijingDate } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { useUpdateProgress, type Project } from '../api/projects';

interface Values {
  actualStart?: Dayjs | null;
  expectedCompletion?: Dayjs | null;
  actualCompletion?: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';
/** After today in Beijing (the server's day), whatever zone the browser's clock is in. */
const isFuture = (d: Dayjs) => d.format(DATE) > beijingDate();
const fmt = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);
const notFuture = (message: string) => ({
  validator: (_: unknown, v: Dayjs | null | undefined) => (v && isFuture(v) ? Promise.reject(new Error(message)) : Promise.resolve()),
});

/** 工程进度 编辑 (manual 2.4.1): 竣工 once the actual completion date is on or before today. */
export function ProgressModal({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const save = useUpdateProgress();
  const actualStart = Form.useWatch('actualStart', form);

  /** Setting 竣工 is asked first: it ends the project's 定额申请. */
  function confirmCompletion(date: string) {
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: '确认项目已竣工？',
        width: 480,
        content: (
          <div>
            <p style={{ margin: '8px 0' }}>实际竣工日期：{date}</p>
            <p style={{ margin: '8px 0' }}>保存后工程状态将变为「竣工」，竣工的项目不能再提交定额申请。</p>
            <p style={{ margin: '8px 0 0', color: 'rgba(0,0,0,0.45)' }}>如日期填错，可再次编辑工程进度更正。</p>
          </div>
        ),
        okText: '确认竣工',
        cancelText: '再检查一下',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  async function submit(values: Values) {
    const completion = fmt(values.actualCompletion);
    if (completion && !isFuture(values.actualCompletion!) && project.status !== 'completed' && !(await confirmCompletion(completion))) return;
    const saved = await save.mutateAsync({
      id: project.id,
      progress: {
        actualStart: fmt(values.actualStart),
        expectedCompletion: fmt(values.expectedCompletion),
        actualCompletion: fmt(values.actualCompletion),
      },
    });
    message.success(saved.status === 'completed' ? '工程进度已保存，项目已竣工' : '工程进度已保存');
    onClose();
  }

  return (
    <FormModal<Values>
      title="编辑工程进度"
      open={open}
      form={form}
      name="progress"
      onClose={onClose}
      onSubmit={submit}
      width={460}
      labelSpan={8}
      initialValues={{
        actualStart: project.actualStart ? dayjs(project.actualStart) : null,
        expectedCompletion: project.expectedCompletion ? dayjs(project.expectedCompletion) : null,
        actualCompletion: project.actualCompletion ? dayjs(project.actualCompletion) : null,
      }}
    >
      <Form.Item name="actualStart" label="实际开工日期" rules={[{ required: true, message: '请选择实际开工日期' }, notFuture('实际开工日期不能晚于今天')]}>
        <TypedDatePicker disabledDate={isFuture} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item name="expectedCompletion" label="预计竣工日期" rules={[{ required: true, message: '请选择预计竣工日期' }]}>
        <DatePicker style={{ width: '100%' }} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item
        name="actualCompletion"
        label="实际竣工日期"
        dependencies={['actualStart']}
        extra="实际竣工日期不晚于今天时，工程状态变为竣工"
        rules={[
          notFuture('实际竣工日期不能晚于今天；竣工后再填写'),
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null | undefined) => {
              const start = getFieldValue('actualStart') as Dayjs | null | undefined;
              if (v && start && v.isBefore(start, 'day')) return Promise.reject(new Error('实际竣工日期不能早于实际开工日期'));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <TypedDatePicker disabledDate={(d) => isFuture(d) || (!!actualStart && d.isBefore(actualStart, 'day'))} placeholder="请选择日期" />
      </Form.Item>
    </FormModal>
  );
}
