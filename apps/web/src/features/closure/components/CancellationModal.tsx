import { App, Alert, Button, Form, Input } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import dayjs, { type Dayjs } from 'dayjs';
import { cancellationLabels as L, cancellationPossibleFrom, PUBLICITY_DAYS, zPhone } from '@benxi/shared';
import { FileUploadField, fileRule, type FileFieldValue } from '../../../components/FileUploadField';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { errorMessage } from '../../../lib/api';
import { zodRule } from '../../../lib/zod-rule';
import { downloadFormTemplate, useSubmitCancellation } from '../api/closure';

interface Values {
  actualStart?: Dayjs;
  actualCompletion?: Dayjs;
  publicityStart?: Dayjs;
  handlerName?: string;
  handlerPhone?: string;
  note?: string;
  acceptanceReportFileIds?: FileFieldValue;
  applicationFormFileIds?: FileFieldValue;
  noArrearsPledgeFileIds?: FileFieldValue;
  otherFileIds?: FileFieldValue;
}

const ids = (v: FileFieldValue | undefined) => (v ?? []).filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);
const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/**
 * 保证金注销申请 (manual 2.4.1): 申请信息 and 申请资料; the 注销申请表 is the platform's template
 * (downloadable here as a PDF). The 30-day publicity must have run: the dialog says from which day.
 */
export function CancellationModal({
  project,
  open,
  onClose,
}: {
  project: { id: string; name: string; actualStart: string | null; actualCompletion: string | null };
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const submit = useSubmitCancellation();
  const publicity = Form.useWatch('publicityStart', form);
  const from = publicity ? cancellationPossibleFrom(day(publicity)) : null;
  const today = dayjs().format('YYYY-MM-DD');

  async function onSubmit(v: Values) {
    await submit.mutateAsync({
      projectId: project.id,
      actualStart: day(v.actualStart),
      actualCompletion: day(v.actualCompletion),
      publicityStart: day(v.publicityStart),
      handlerName: (v.handlerName ?? '').trim(),
      handlerPhone: (v.handlerPhone ?? '').trim(),
      note: v.note?.trim() || undefined,
      acceptanceReportFileIds: ids(v.acceptanceReportFileIds),
      applicationFormFileIds: ids(v.applicationFormFileIds),
      noArrearsPledgeFileIds: ids(v.noArrearsPledgeFileIds),
      otherFileIds: ids(v.otherFileIds),
    });
    message.success('保证金注销申请已提交，等待人社部门审核（5个工作日内）');
    onClose();
  }

  return (
    <FormModal<Values>
      title="保证金注销申请"
      name="cancellation"
      open={open}
      form={form}
      width={760}
      labelSpan={7}
      onClose={onClose}
      onSubmit={onSubmit}
      okText="确认提交"
      initialValues={{
        actualStart: project.actualStart ? dayjs(project.actualStart) : undefined,
        actualCompletion: project.actualCompletion ? dayjs(project.actualCompletion) : undefined,
      }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`工程名称：${project.name}`}
          description={`竣工后须公示满${PUBLICITY_DAYS}日（公示起始日期 + ${PUBLICITY_DAYS} 日 ≤ 今天）方可申请注销。`}
        />
      }
    >
      <div style={{ fontWeight: 600, marginBottom: 12 }}>申请信息</div>
      <Form.Item name="actualStart" label={L.actualStart} rules={[{ required: true, message: `请选择${L.actualStart}` }]}>
        <TypedDatePicker style={{ width: '100%' }} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item name="actualCompletion" label={L.actualCompletion} rules={[{ required: true, message: `请选择${L.actualCompletion}` }]}>
        <TypedDatePicker style={{ width: '100%' }} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item
        name="publicityStart"
        label={L.publicityStart}
        rules={[{ required: true, message: `请选择${L.publicityStart}` }]}
        extra={from ? (from > today ? <span style={{ color: '#cf1322' }} data-testid="publicity-hint">公示期未满，自 {from} 起可申请注销</span> : <span data-testid="publicity-hint">公示期已满（自 {from} 起可申请）</span>) : `公示满${PUBLICITY_DAYS}日后方可申请`}
      >
        <TypedDatePicker style={{ width: '100%' }} placeholder="请选择日期" />
      </Form.Item>
      <Form.Item name="handlerName" label={L.handlerName} rules={[{ required: true, whitespace: true, message: `请输入${L.handlerName}` }]}>
        <Input maxLength={50} placeholder="请输入经办人" />
      </Form.Item>
      <Form.Item name="handlerPhone" label={L.handlerPhone} rules={[{ required: true, message: `请输入${L.handlerPhone}` }, zodRule(zPhone)]}>
        <Input maxLength={11} placeholder="请输入经办人手机号码" />
      </Form.Item>
      <Form.Item name="note" label={L.note}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="请输入申请说明" />
      </Form.Item>
      <div style={{ fontWeight: 600, marginBottom: 12 }}>申请资料</div>
      <Form.Item name="acceptanceReportFileIds" label={L.acceptanceReport} required rules={[fileRule(L.acceptanceReport, true)]} extra="单个文件不超过 100M">
        <FileUploadField max={10} buttonText="添加文件" />
      </Form.Item>
      <Form.Item
        name="applicationFormFileIds"
        label="注销申请（人社提供模板）表"
        required
        rules={[fileRule(L.applicationForm, true)]}
        extra={
          <span>
            单个文件不超过 100M。
            <Button type="link" size="small" icon={<DownloadOutlined />} style={{ padding: 0 }} onClick={() => downloadFormTemplate(project.id).catch((e) => message.error(errorMessage(e)))} data-testid="download-template">
              下载注销申请表模板（PDF）
            </Button>
          </span>
        }
      >
        <FileUploadField max={10} buttonText="添加文件" />
      </Form.Item>
      <Form.Item name="noArrearsPledgeFileIds" label={L.noArrearsPledge} required rules={[fileRule(L.noArrearsPledge, true)]} extra="单个文件不超过 100M">
        <FileUploadField max={10} buttonText="添加文件" />
      </Form.Item>
      <Form.Item name="otherFileIds" label={L.others} rules={[fileRule(L.others, false)]} extra="单个文件不超过 100M">
        <FileUploadField max={20} buttonText="添加文件" />
      </Form.Item>
    </FormModal>
  );
}
