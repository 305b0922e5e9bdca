import { useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import ImportOutlined from '@ant-design/icons/ImportOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import type { Dayjs } from 'dayjs';
import { DECISION_TYPES, decisionTypeLabels, depositUseLabels as L, fenToYuan, formatFen, zUseWorker, type DecisionType } from '@benxi/shared';
import { FileUploadField, fileRule, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { errorMessage } from '../../../lib/api';
import { parseYuan, showYuan } from '../../../lib/money';
import { downloadWorkerTemplate, importErrors, importWorkers, useCoverage, useRecordUse, useUsableProjects, type DepositUse, type ImportRowError, type UseWorkerRow } from '../api/deposit-uses';

interface Values {
  projectId?: string;
  instrument?: string;
  decisionType?: DecisionType;
  decisionNo?: string;
  decisionDate?: Dayjs;
  decisionFileId?: FileFieldValue;
}

const empty = (): UseWorkerRow => ({ name: '', idNumber: '', bankName: '', cardNo: '', amount: '' });
const COLUMN_LABEL: Record<keyof UseWorkerRow, string> = { name: L.name, idNumber: L.idNumber, bankName: L.bankName, cardNo: L.cardNo, amount: L.amount };

/** The workers' rows checked by the shared schema: every problem by row and column (nothing is sent while any is wrong). */
function checkRows(rows: UseWorkerRow[]): ImportRowError[] {
  const out: ImportRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const p = zUseWorker.safeParse(r);
    if (!p.success) for (const issue of p.error.issues) out.push({ row: i + 1, column: COLUMN_LABEL[issue.path[0] as keyof UseWorkerRow] ?? String(issue.path[0]), message: issue.message });
    else {
      const prev = seen.get(p.data.idNumber);
      if (prev) out.push({ row: i + 1, column: L.idNumber, message: `与第${prev}行身份证号重复` });
      else seen.set(p.data.idNumber, i + 1);
    }
  });
  return out;
}

/**
 * 保证金动用 (hrss, SPEC §9): a project of its remit with a covered deposit, the instrument drawn on,
 * the administrative decision and the workers (typed, or imported from the Excel template — a file
 * with one wrong row fills nothing and names the row and column). The amount is the workers' sum and
 * at most what the instrument may still pay; submitting sends the 支付通知书 to its bank or insurer.
 */
export function RecordUseModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (u: DepositUse) => void }) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<UseWorkerRow[]>([empty()]);
  const [rowErrors, setRowErrors] = useState<{ source: string; errors: ImportRowError[] } | null>(null);
  const [importing, setImporting] = useState(false);
  const projectId = Form.useWatch('projectId', form);
  const projects = useUsableProjects(search, open);
  const coverage = useCoverage(projectId);
  const record = useRecordUse();
  const totalFen = rows.reduce((s, r) => s + (parseYuan(r.amount) ?? 0n), 0n);

  const setCell = (i: number, key: keyof UseWorkerRow, v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: v } : r)));

  async function onImport(file: File) {
    setImporting(true);
    setRowErrors(null);
    try {
      const res = await importWorkers(file);
      setRows(res.workers);
      message.success(`已导入 ${res.workers.length} 名农民工，合计 ${showYuan(res.total)} 元`);
    } catch (e) {
      const errors = importErrors(e);
      setRowErrors({ source: `导入失败：${errorMessage(e)}`, errors });
      if (!errors.length) message.error(errorMessage(e));
    } finally {
      setImporting(false);
    }
  }

  async function onSubmit(v: Values) {
    const filled = rows.filter((r) => Object.values(r).some((x) => x.trim() !== ''));
    const errors = checkRows(filled);
    if (!filled.length) errors.push({ row: 1, column: L.name, message: '请至少填写一名农民工' });
    if (errors.length) {
      setRowErrors({ source: '农民工名单有误，请修改后再提交', errors });
      return;
    }
    setRowErrors(null);
    const instrument = coverage.data?.instruments.find((x) => `${x.type}:${x.id}` === v.instrument);
    const total = fenToYuan(totalFen);
    const ok = await new Promise<boolean>((resolve) =>
      modal.confirm({
        title: '确认动用保证金',
        content: `将动用 ${showYuan(total)} 元，向「${instrument?.holderName ?? ''}」发出《农民工工资保证金支付通知书》，并通知企业在10个工作日内补足。提交后不能撤回，确定提交吗？`,
        okText: '确定提交',
        cancelText: '取消',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
    if (!ok) return;
    const u = await record.mutateAsync({
      projectId: v.projectId!,
      instrument: instrument ? { type: instrument.type, id: instrument.id } : undefined,
      decisionType: v.decisionType!,
      decisionNo: (v.decisionNo ?? '').trim(),
      decisionDate: v.decisionDate!.format('YYYY-MM-DD'),
      decisionFileId: uploadedFileId(v.decisionFileId)!,
      workers: filled.map((r) => ({ ...r, idNumber: r.idNumber.trim().toUpperCase(), amount: r.amount.trim() })),
      amount: total,
    });
    message.success(`已出具支付通知书 ${u.noticeNo}`);
    setRows([empty()]);
    form.resetFields();
    onDone(u);
  }

  const cov = coverage.data;
  return (
    <FormModal<Values>
      title="保证金动用"
      name="deposit-use"
      open={open}
      form={form}
      width={1080}
      labelSpan={4}
      onClose={onClose}
      onSubmit={onSubmit}
      okText="提交并出具支付通知书"
      initialValues={{ decisionType: 'order_to_pay' }}
      onValuesChange={(changed) => {
        if ('projectId' in changed) form.setFieldValue('instrument', undefined);
      }}
    >
      <Form.Item name="projectId" label={L.projectId} rules={[{ required: true, message: '请选择项目' }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setSearch}
          placeholder="输入工程名称搜索本单位监管的已缴纳保证金项目"
          loading={projects.isFetching}
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.depositStatusLabel}${p.needsReplenish ? '，待补足' : ''}）` }))}
          notFoundContent={projects.isFetching ? '加载中…' : '没有可动用保证金的项目'}
        />
      </Form.Item>
      {cov && (
        <Form.Item label="可动用保证金">
          <Typography.Text strong>{showYuan(cov.covered)} 元</Typography.Text>
          <Typography.Text type="secondary">　施工总承包单位：{cov.enterpriseName}</Typography.Text>
        </Form.Item>
      )}
      {cov && (
        <Form.Item name="instrument" label={L.instrument} rules={[{ required: true, message: '请选择动用的保证金' }]} extra="支付通知书发给持有该笔保证金的银行或出具保函、保单的银行/保险公司">
          <Select
            placeholder="请选择"
            options={cov.instruments.map((x) => ({
              value: `${x.type}:${x.id}`,
              label: `${x.label}${x.number ? ` ${x.number}` : ''} — ${x.holderName}，可动用 ${showYuan(x.available)} 元`,
              disabled: x.available === '0.00' || !x.holderOrgId,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item name="decisionType" label={L.decisionType} rules={[{ required: true, message: '请选择行政处理决定类型' }]}>
        <Radio.Group options={DECISION_TYPES.map((d) => ({ value: d, label: decisionTypeLabels[d] }))} />
      </Form.Item>
      <Form.Item name="decisionNo" label={L.decisionNo} rules={[{ required: true, whitespace: true, message: '请输入决定书文号' }]}>
        <Input maxLength={60} placeholder="如：本人社监令〔2026〕12号" />
      </Form.Item>
      <Form.Item name="decisionDate" label={L.decisionDate} rules={[{ required: true, message: '请选择决定日期' }]}>
        <TypedDatePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="decisionFileId" label={L.decisionFileId} required rules={[fileRule('决定书文件', true)]}>
        <FileUploadField buttonText="上传决定书" />
      </Form.Item>
      <Form.Item label={L.workers} required>
        <Space style={{ marginBottom: 8 }} wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadWorkerTemplate().catch((e) => message.error(errorMessage(e)))}>
            下载 Excel 模板
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              void onImport(file);
              return false;
            }}
          >
            <Button icon={<ImportOutlined />} loading={importing} data-testid="import-workers">
              导入 Excel
            </Button>
          </Upload>
          <Button icon={<PlusOutlined />} onClick={() => setRows((r) => [...r, empty()])}>
            添加一行
          </Button>
          <Typography.Text>
            共 {rows.filter((r) => r.name || r.idNumber).length} 人，合计 <Typography.Text strong data-testid="use-total">{formatFen(totalFen)}</Typography.Text> 元
          </Typography.Text>
        </Space>
        {rowErrors && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            message={rowErrors.source}
            description={
              rowErrors.errors.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {rowErrors.errors.slice(0, 20).map((e) => (
                    <li key={`${e.row}-${e.column}-${e.message}`}>{`第${e.row}行「${e.column}」：${e.message}`}</li>
                  ))}
                  {rowErrors.errors.length > 20 && <li>…共 {rowErrors.errors.length} 处错误</li>}
                </ul>
              ) : undefined
            }
          />
        )}
        <Table<UseWorkerRow & { key: number }>
          size="small"
          pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
          dataSource={rows.map((r, i) => ({ ...r, key: i }))}
          columns={[
            { title: '序号', width: 56, render: (_v, _r, i) => i + 1 },
            ...(['name', 'idNumber', 'bankName', 'cardNo', 'amount'] as const).map((k) => ({
              title: k === 'amount' ? '金额（元）' : COLUMN_LABEL[k],
              dataIndex: k,
              render: (_v: unknown, r: UseWorkerRow & { key: number }) => <Input size="small" value={r[k]} onChange={(e) => setCell(r.key, k, e.target.value)} aria-label={`${COLUMN_LABEL[k]}${r.key + 1}`} />,
            })),
            { title: '操作', width: 60, render: (_v, r) => <Button type="link" size="small" danger onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((_, j) => j !== r.key) : [empty()]))}>删除</Button> },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
