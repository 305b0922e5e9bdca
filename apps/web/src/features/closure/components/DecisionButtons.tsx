import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { errorMessage } from '../../../lib/api';

/**
 * 通过 / 驳回 of an hrss decision, shown only for the actions the server allows: 通过 asks for a
 * confirmation (irreversible), 驳回 asks for the reason the enterprise will read.
 */
export function DecisionButtons({
  allowed,
  what,
  approveText,
  onDecide,
  size = 'small',
}: {
  allowed: readonly string[];
  /** 备案申请 / 注销申请 */
  what: string;
  /** what 通过 does, in the confirmation */
  approveText: string;
  onDecide: (approve: boolean, reason?: string) => Promise<unknown>;
  size?: 'small' | 'middle';
}) {
  const { modal, message } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!allowed.includes('approve') && !allowed.includes('reject')) return null;

  const approve = () =>
    modal.confirm({
      title: `确认通过该${what}？`,
      content: approveText,
      okText: '确认通过',
      cancelText: '取消',
      onOk: async () => {
        try {
          await onDecide(true);
          message.success('已审核通过');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  async function reject() {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await onDecide(false, reason.trim());
      message.success('已驳回');
      setRejecting(false);
      form.resetFields();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space size={4}>
      {allowed.includes('approve') && (
        <Button type="primary" size={size} onClick={approve}>
          通过
        </Button>
      )}
      {allowed.includes('reject') && (
        <Button danger size={size} onClick={() => setRejecting(true)}>
          驳回
        </Button>
      )}
      <Modal title={`驳回${what}`} open={rejecting} okText="确认驳回" cancelText="取消" okButtonProps={{ danger: true, loading: saving }} onOk={reject} onCancel={() => setRejecting(false)} destroyOnHidden>
        <Form form={form} layout="vertical" name="reject">
          <Form.Item name="reason" label="驳回原因" rules={[{ required: true, whitespace: true, message: '请输入驳回原因' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="请写明驳回原因，企业将看到此说明（如：经核查存在拖欠农民工工资情况）" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
