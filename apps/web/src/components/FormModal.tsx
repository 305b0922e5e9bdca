import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { errorMessage } from '../lib/api';
import { applyServerErrors } from '../lib/form-errors';

interface Props<V> {
  title: string;
  open: boolean;
  form: FormInstance<V>;
  /** the form's name (field ids are `${name}_${field}`) */
  name: string;
  onClose: () => void;
  /** Called with the validated values; a thrown API error lands under its fields or above the form. */
  onSubmit: (values: V) => Promise<unknown>;
  /** error codes that belong to one field, e.g. { CONFLICT: 'name' } */
  codeToField?: Parameters<typeof applyServerErrors>[2];
  width?: number;
  labelSpan?: number;
  okText?: string;
  layout?: 'horizontal' | 'vertical';
  /** shown above the form (a note, the record being changed) */
  intro?: ReactNode;
  initialValues?: Partial<V>;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  children: ReactNode;
}

/**
 * The dialog every small form of the app uses: validate, submit, show the server's field errors
 * under their fields and anything else in Chinese above the form, a spinner while it saves.
 */
export function FormModal<V>({
  title,
  open,
  form,
  name,
  onClose,
  onSubmit,
  codeToField,
  width = 480,
  labelSpan = 6,
  okText = '确定',
  layout = 'horizontal',
  intro,
  initialValues,
  onValuesChange,
  children,
}: Props<V>) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit() {
    setError(null);
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (e) {
      if (!applyServerErrors(form, e, codeToField)) setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={submit} okText={okText} cancelText="取消" confirmLoading={saving} destroyOnHidden width={width}>
      {intro}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        name={name}
        layout={layout}
        labelCol={layout === 'horizontal' ? { span: labelSpan } : undefined}
        wrapperCol={layout === 'horizontal' ? { span: 24 - labelSpan } : undefined}
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={initialValues as never}
        onValuesChange={onValuesChange}
      >
        {children}
      </Form>
    </Modal>
  );
}
