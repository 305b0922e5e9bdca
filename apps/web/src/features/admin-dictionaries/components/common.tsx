import { useState, type ReactNode } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';

/** An action link that is off, with the reason on hover (a disabled element fires no mouse events itself). */
export function DisabledLink({ reason, children }: { reason: string; children: ReactNode }) {
  return (
    <Tooltip title={reason}>
      <span style={{ cursor: 'not-allowed' }}>
        <Typography.Link disabled style={{ pointerEvents: 'none' }}>
          {children}
        </Typography.Link>
      </span>
    </Tooltip>
  );
}

export interface NameSortValues {
  label: string;
  sort?: number;
}

/** A small dialog for a name (and optionally a sort number): 重命名, 修改. */
export function NameModal({
  title,
  open,
  label,
  initial,
  rules,
  withSort = false,
  onSubmit,
  onClose,
  maxLength = 30,
}: {
  title: string;
  open: boolean;
  label: string;
  initial: NameSortValues;
  rules: Rule[];
  withSort?: boolean;
  onSubmit: (v: NameSortValues) => Promise<unknown>;
  onClose: () => void;
  maxLength?: number;
}) {
  const [form] = Form.useForm<NameSortValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit() {
    setError(null);
    let v: NameSortValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit({ label: v.label.trim(), sort: v.sort });
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={submit} okText="确定" cancelText="取消" confirmLoading={saving} destroyOnHidden width={440}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<NameSortValues>
        form={form}
        name="name-dialog"
        layout="horizontal"
        labelCol={{ span: 5 }}
        wrapperCol={{ span: 19 }}
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={initial}
      >
        <Form.Item name="label" label={label} rules={rules}>
          <Input maxLength={maxLength} />
        </Form.Item>
        {withSort && (
          <Form.Item name="sort" label="排序" extra="数字小的排在前面">
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
