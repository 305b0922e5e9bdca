import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { showServerErrors } from '../lib/form-errors';

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
  codeToField?: Record<string, Extract<keyof V, string>>;
  /** the server's form-level problems (details.fields._) that start with a label go under its field, e.g. { 最低比例: 'minRatioPercent' } */
  problemFields?: Record<string, Extract<keyof V, string>>;
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
 * The input stays as it was after an error; the dialog closes only when onSubmit closes it.
 */
export function FormModal<V>({
  title,
  open,
  form,
  name,
  onClose,
  onSubmit,
  codeToField,
  problemFields,
  width = 480,
  labelSpan = 6,
  okText = '确定',
  layout = 'horizontal',
  intro,
  initialValues,
  onValuesChange,
  children,
}: Props<V>) {
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const banner = useRef<HTMLDivElement>(null);
  // a long dialog may be scrolled down to its buttons: bring the message above the form into view
  useEffect(() => {
    if (problems.length) banner.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [problems]);

  async function submit() {
    setProblems([]);
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
      setProblems(showServerErrors(form, e, codeToField, problemFields));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={okText}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      afterClose={() => setProblems([])}
      width={width}
    >
      {intro}
      <div ref={banner}>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            message={problems.length === 1 ? problems[0] : '未能保存，请修改以下内容：'}
            description={
              problems.length > 1 ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </div>
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
