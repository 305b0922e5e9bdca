import { App, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal';
import { useUpdateProgress, type Project } from '../api/projects';

interface Values {
  actualStart?: Dayjs | null;
  expectedCompletion?: Dayjs | null;
  actualCompletion?: Dayjs | null;
}

const DATE = 'YYYY-MM-DD';
const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const fmt = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);

/** 工程进度 编辑 (manual 2.4.1): 竣工 once the actual completion date is on or before today. */
export function ProgressModal({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useUpdateProgress();
  const actualStart = Form.useWatch('actualStart', form);

  async function submit(values: Values) {
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
      <Form.Item name="actualStart" label="实际开工日期" rules={[{ required: true, message: '请选择实际开工日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} placeholder="请选择日期" />
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
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null | undefined) => {
              const start = getFieldValue('actualStart') as Dayjs | null | undefined;
              if (v && start && v.isBefore(start, 'day')) return Promise.reject(new Error('实际竣工日期不能早于实际开工日期'));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => isFuture(d) || (!!actualStart && d.isBefore(actualStart, 'day'))}
          placeholder="请选择日期"
        />
      </Form.Item>
    </FormModal>
  );
}
