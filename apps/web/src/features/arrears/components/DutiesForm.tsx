import { useState } from 'react';
import { App, Button, Form, Input, Switch, Typography } from 'antd';
import { api, errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { useSetDuties } from '../api/arrears';

interface Values {
  creditCode: string;
  dutiesMet: boolean;
}

/** 实名制和专用账户落实情况: one of the conditions of 免缴 after three clean years (第九条). */
export function DutiesForm() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useSetDuties();
  const [current, setCurrent] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  /** Shows the enterprise and its current setting before anyone changes it. */
  async function lookUp() {
    const creditCode = (form.getFieldValue('creditCode') as string | undefined)?.trim();
    if (!creditCode) return form.validateFields(['creditCode']);
    setLooking(true);
    try {
      const r = await api.get<{ enterpriseName: string; dutiesMet: boolean; updatedAt: string | null }>(
        `/api/enterprise-duties?creditCode=${encodeURIComponent(creditCode)}`,
      );
      form.setFieldValue('dutiesMet', r.dutiesMet);
      setCurrent(`${r.enterpriseName}：当前${r.dutiesMet ? '已落实' : '未落实'}实名制管理和工资专用账户`);
    } catch (e) {
      setCurrent(null);
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    } finally {
      setLooking(false);
    }
  }

  async function submit(v: Values) {
    try {
      await save.mutateAsync({ creditCode: v.creditCode.trim(), dutiesMet: !!v.dutiesMet });
      message.success(v.dutiesMet ? '已设置为：已落实实名制管理和工资专用账户' : '已设置为：未落实实名制管理和工资专用账户');
    } catch (e) {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        企业在本地区连续三年无拖欠且落实用工实名制管理和农民工工资专用账户制度的，可申请免缴。按统一社会信用代码设置企业的落实情况，对此后的申请生效。
      </Typography.Paragraph>
      <Form<Values> form={form} name="duties" layout="inline" initialValues={{ dutiesMet: true }} onFinish={submit}>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          rules={[{ required: true, message: '请输入企业统一社会信用代码' }]}
        >
          <Input maxLength={18} placeholder="请输入18位统一社会信用代码" style={{ width: 240, fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item>
          <Button onClick={lookUp} loading={looking}>
            查询
          </Button>
        </Form.Item>
        <Form.Item name="dutiesMet" label="已落实实名制和专用账户" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
      {current && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {current}
        </Typography.Paragraph>
      )}
    </>
  );
}
