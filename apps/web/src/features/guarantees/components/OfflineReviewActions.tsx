import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { offlineReviewLabels, zReturnOfflineGuarantee } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { useApproveOfflineGuarantee, useReturnOfflineGuarantee, type OfflineGuarantee } from '../api/guarantees';

function ReturnModal({ g, open, onClose }: { g: OfflineGuarantee; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const back = useReturnOfflineGuarantee();
  async function submit() {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    try {
      await back.mutateAsync({ id: g.id, reason });
      message.success('已退回，企业可修改后重新上传');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    }
  }
  return (
    <Modal title="退回保单保函" open={open} okText="确认退回" cancelText="取消" okButtonProps={{ danger: true, loading: back.isPending }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" name="returnOffline" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="reason"
          label={offlineReviewLabels.reason}
          rules={[{ required: true, whitespace: true, message: `请输入${offlineReviewLabels.reason}` }, zodRule(zReturnOfflineGuarantee.shape.reason)]}
          extra="退回原因将展示给企业；退回后该项目的保证金状态恢复为待缴纳"
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="请输入退回原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** hrss: 通过 / 退回, each when the server lists it in the upload's allowedActions. */
export function OfflineReviewActions({ g }: { g: OfflineGuarantee }) {
  const { modal, message } = App.useApp();
  const approve = useApproveOfflineGuarantee();
  const [returning, setReturning] = useState(false);
  const mayApprove = g.allowedActions.includes('approve');
  const mayReturn = g.allowedActions.includes('return');
  if (!mayApprove && !mayReturn) return null;
  const confirmApprove = () =>
    modal.confirm({
      title: '确认审核通过？',
      content: (
        <div>
          <p style={{ margin: '8px 0' }}>保函号：{g.guaranteeNo}</p>
          <p style={{ margin: '8px 0' }}>
            保额 {showYuan(g.amount)} 元，保证金应缴金额 {showYuan(g.requiredAmount)} 元
          </p>
          <Typography.Text type="secondary">通过后该保函登记入保函管理，保证金状态变为已缴纳。</Typography.Text>
        </div>
      ),
      okText: '确认通过',
      cancelText: '取消',
      onOk: async () => {
        try {
          await approve.mutateAsync(g.id);
          message.success('已审核通过');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  return (
    <Space>
      {mayApprove && (
        <Button type="primary" onClick={confirmApprove} loading={approve.isPending}>
          通过
        </Button>
      )}
      {mayReturn && (
        <Button danger onClick={() => setReturning(true)}>
          退回
        </Button>
      )}
      <ReturnModal g={g} open={returning} onClose={() => setReturning(false)} />
    </Space>
  );
}
