import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Checkbox, Form, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime, RETURN_STATUSES, returnKindLabels, returnLabels, type ReturnStatus } from '@benxi/shared';
import { useLinkedStatus } from '../../../lib/linked-status';
import { AmountInput } from '../../../components/AmountInput';
import { FormModal } from '../../../components/FormModal';
import { TypedDatePicker } from '../../../components/TypedDatePicker';
import { errorMessage } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { downloadConfirmation, returnListQueryOptions, useConfirmReturn, type ReturnConfirmation } from '../api/closure';
import { Deadline, ReturnStatusTag, returnStatusValueEnum } from './ClosureTags';

interface Values {
  returnedOn?: Dayjs;
  principal?: string;
  interest?: string;
  originalReturned?: boolean;
}

function ConfirmReturnModal({ r, onClose }: { r: ReturnConfirmation; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const confirm = useConfirmReturn();
  const { message } = App.useApp();
  const cash = r.kind === 'cash';
  return (
    <FormModal<Values>
      title="返还确认"
      name="return"
      open
      form={form}
      width={560}
      labelSpan={7}
      onClose={onClose}
      okText="确认返还"
      initialValues={{ returnedOn: dayjs(), principal: cash ? r.amount : undefined, interest: cash ? '0.00' : undefined }}
      intro={
        <Typography.Paragraph>
          {r.projectName}（{r.enterpriseName}）　确认书：{r.documentNo}
          <br />
          {returnKindLabels[r.kind]}：{r.instruments}，金额 <Typography.Text strong>{showYuan(r.amount)} 元</Typography.Text>
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        await confirm.mutateAsync({
          id: r.id,
          body: {
            returnedOn: v.returnedOn!.format('YYYY-MM-DD'),
            ...(cash ? { principal: v.principal, interest: v.interest || '0.00' } : { originalReturned: !!v.originalReturned }),
          },
        });
        message.success('已确认返还');
        onClose();
      }}
    >
      <Form.Item name="returnedOn" label={returnLabels.returnedOn} rules={[{ required: true, message: '请选择返还日期' }]}>
        <TypedDatePicker style={{ width: '100%' }} />
      </Form.Item>
      {cash ? (
        <>
          <Form.Item name="principal" label={`${returnLabels.principal}（元）`} rules={[{ required: true, message: '请输入返还本金' }]}>
            <AmountInput />
          </Form.Item>
          <Form.Item name="interest" label={`${returnLabels.interest}（元）`}>
            <AmountInput />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="originalReturned" label="保函原件" valuePropName="checked" rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认已退还保函原件'))) }]}>
          <Checkbox>{returnLabels.originalReturned}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}

/** The bank's 返还确认 (SPEC §8): its 返还（销户）确认书, 待返还 first, the 3-working-day deadline shown. */
export function ReturnTable() {
  const qc = useQueryClient();
  // 首页 link: /bank/returns?status=pending (待返还确认)
  const linked = useLinkedStatus(RETURN_STATUSES);
  const { message } = App.useApp();
  const table = useRef<ActionType>(null);
  const [confirming, setConfirming] = useState<ReturnConfirmation | null>(null);
  const columns: ProColumns<ReturnConfirmation>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' } },
    { title: '施工总包单位', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 180 },
    { title: '确认书编号', dataIndex: 'documentNo', search: false, width: 220 },
    { title: '返还内容', dataIndex: 'kind', search: false, width: 140, render: (_, r) => returnKindLabels[r.kind] },
    { title: '凭证', dataIndex: 'instruments', search: false, ellipsis: true, width: 180 },
    { title: '金额（元）', dataIndex: 'amount', search: false, align: 'right', width: 130, render: (_, r) => showYuan(r.amount) },
    { title: '出具时间', dataIndex: 'issuedAt', search: false, width: 160, render: (_, r) => formatDateTime(r.issuedAt) },
    { title: '返还期限', dataIndex: 'deadline', search: false, width: 150, render: (_, r) => <Deadline date={r.deadline} overdue={r.overdue} /> },
    { title: '状态', dataIndex: 'status', valueType: 'select', valueEnum: returnStatusValueEnum, width: 90, render: (_, r) => <ReturnStatusTag status={r.status} /> },
    { title: '返还日期', dataIndex: 'returnedOn', search: false, width: 110, render: (_, r) => r.returnedOn ?? '-' },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      fixed: 'right',
      render: (_, r) => (
        <Space size={4}>
          <a onClick={() => downloadConfirmation(r.cancellationId).catch((e) => message.error(errorMessage(e)))}>确认书</a>
          {r.allowedActions.includes('confirm') && (
            <Button type="primary" size="small" onClick={() => setConfirming(r)}>
              返还确认
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <ProTable<ReturnConfirmation, { projectName?: string; status?: ReturnStatus }>
        key={linked.key}
        form={{ initialValues: linked.initialValues }}
        rowKey="id"
        actionRef={table}
        columns={columns}
        headerTitle="返还（销户）确认书"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1500 }}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        request={async ({ current, pageSize, projectName, status }) =>
          toTableResult(await qc.fetchQuery(returnListQueryOptions({ projectName: projectName?.trim() || undefined, status: status || undefined, page: current ?? 1, pageSize: pageSize ?? 10 })))
        }
      />
      {confirming && (
        <ConfirmReturnModal
          r={confirming}
          onClose={() => {
            setConfirming(null);
            table.current?.reload();
          }}
        />
      )}
    </>
  );
}
