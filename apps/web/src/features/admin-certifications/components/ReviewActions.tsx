import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { zRejectCertificationRequest } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { zodRule } from '../../../lib/zod-rule';
import { useApproveCertification, useRejectCertification, type Certification } from '../api/certifications';

/** 通过 / 驳回, offered only when the server lists them in the application's allowedActions. */
export function ReviewActions({ certification: c }: { certification: Certification }) {
  const { message } = App.useApp();
  const approve = useApproveCertification();
  const reject = useRejectCertification();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const mayApprove = c.allowedActions.includes('approve');
  const mayReject = c.allowedActions.includes('reject');
  if (!mayApprove && !mayReject) return null;

  async function doApprove() {
    try {
      await approve.mutateAsync(c.id);
      message.success('已通过认证');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  async function doReject() {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    try {
      await reject.mutateAsync({ id: c.id, reason });
      message.success('已驳回认证申请');
      setRejecting(false);
      form.resetFields();
    } catch (e) {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    }
  }

  return (
    <Space>
      {mayApprove && (
        <Popconfirm
          title="确认通过认证？"
          description={`通过后「${c.enterpriseName}」即完成企业认证。`}
          okText="确认通过"
          cancelText="取消"
          onConfirm={doApprove}
        >
          <Button type="primary" loading={approve.isPending}>
            通过
          </Button>
        </Popconfirm>
      )}
      {mayReject && (
        <Button danger onClick={() => setRejecting(true)}>
          驳回
        </Button>
      )}
      <Modal
        title="驳回认证申请"
        open={rejecting}
        okText="确认驳回"
        cancelText="取消"
        okButtonProps={{ danger: true, loading: reject.isPending }}
        onOk={doReject}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="reject" preserve={false}>
          <Form.Item
            name="reason"
            label="驳回原因"
            rules={[{ required: true, whitespace: true, message: '请输入驳回原因' }, zodRule(zRejectCertificationRequest.shape.reason)]}
            extra="驳回原因将展示给企业，请写明需要修改的内容，如：营业执照上传有误"
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="请输入驳回原因" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
