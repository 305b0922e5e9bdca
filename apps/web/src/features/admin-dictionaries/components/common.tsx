import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { FormModal } from '../../../components/FormModal';

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
  codeToField,
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
  /** the server's refusals that concern the name, e.g. { INVALID_STATE: 'label' } */
  codeToField?: Record<string, keyof NameSortValues>;
}) {
  const [form] = Form.useForm<NameSortValues>();

  async function submit(v: NameSortValues) {
    // a cleared number box gives null: leave the sort as it was (the server wants an integer or nothing)
    await onSubmit({ label: v.label.trim(), sort: v.sort ?? undefined });
    onClose();
  }

  return (
    <FormModal<NameSortValues>
      title={title}
      open={open}
      form={form}
      name="name-dialog"
      onClose={onClose}
      onSubmit={submit}
      codeToField={codeToField}
      width={440}
      labelSpan={5}
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
    </FormModal>
  );
}
