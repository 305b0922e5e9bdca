import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { zRejectQuota } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { zodRule } from '../../../lib/zod-rule';
import { fenToInput, parseYuan, showYuan } from '../../../lib/money';
import { useApproveQuota, useRejectQuota, type QuotaApplication } from '../api/quota';
import { AmountInput } from '../../../components/AmountInput';

interface ApproveValues {
  approvedAmount?: string;
  comment?: string;
  acceptJustification?: boolean;
}

/** Below the engine's figure once approved: 免缴 when not eligible, or a 核定金额 under 规定应缴金额. */
function approvedBelow(q: QuotaApplication, approvedAmount: string | undefined): boolean {
  if (q.applyType === 'exempt') return !q.requirement.exemptionAllowed;
  const a = parseYuan(approvedAmount);
  const r = parseYuan(q.requirement.requiredAmount);
  return a !== null && r !== null && a < r;
}

function ApproveModal({ q, open, onClose }: { q: QuotaApplication; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ApproveValues>();
  const { message } = App.useApp();
  const approve = useApproveQuota();
  const [error, setError] = useState<string | null>(null);
  const approvedAmount = Form.useWatch('approvedAmount', form);
  const exempt = q.applyType === 'exempt';
  const below = approvedBelow(q, exempt ? undefined : (approvedAmount ?? q.appliedAmount));

  async function submit() {
    setError(null);
    let v: ApproveValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await approve.mutateAsync({
        id: q.id,
        body: {
          approvedAmount: exempt ? undefined : fenToInput(parseYuan(v.approvedAmount)!),
          acceptJustification: below ? !!v.acceptJustification : undefined,
          comment: v.comment?.trim() || undefined,
        },
      });
      message.success('已审核通过');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    }
  }

  return (
    <Modal
      title="审核通过"
      open={open}
      okText="确认通过"
      cancelText="取消"
      okButtonProps={{ loading: approve.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        规定应缴比例 {q.requirement.ratioText}，应缴金额 {showYuan(q.requirement.requiredAmount)} 元
        {exempt ? `；${q.requirement.exemptionAllowed ? '可申请免缴' : '不符合免缴条件'}` : ''}
      </Typography.Paragraph>
      <Form<ApproveValues>
        form={form}
        name="approve"
        layout="vertical"
        preserve={false}
        initialValues={{ approvedAmount: exempt ? undefined : q.appliedAmount, acceptJustification: false }}
      >
        {exempt ? (
          <Form.Item label="核定金额">
            <Typography.Text>免缴（0.00 元）</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="approvedAmount"
            label="核定金额"
            extra={`企业申请金额 ${showYuan(q.appliedAmount)} 元`}
            rules={[
              { required: true, message: '请输入核定金额' },
              {
                validator: (_r, val: string | undefined) => {
                  if (val === undefined || val === '') return Promise.resolve();
                  const fen = parseYuan(val);
                  if (fen === null) return Promise.reject(new Error('金额格式不正确（最多两位小数）'));
                  const c = parseYuan(q.contractAmount);
                  if (c !== null && fen > c) return Promise.reject(new Error('核定金额不能大于施工合同金额'));
                  if (approvedBelow(q, val) && !q.justification) {
                    return Promise.reject(new Error(`企业未提交书面说明，核定金额不能低于规定应缴金额 ${showYuan(q.requirement.requiredAmount)} 元`));
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <AmountInput />
          </Form.Item>
        )}
        <Form.Item name="comment" label="审核意见" rules={[{ max: 500, message: '审核意见不能超过500字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="选填" />
        </Form.Item>
        {below && q.justification && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={exempt ? '该项目按规定不符合免缴条件' : `核定金额低于规定应缴金额 ${showYuan(q.requirement.requiredAmount)} 元`}
              description={
                <div>
                  <div style={{ fontWeight: 500 }}>企业书面说明：</div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{q.justification}</div>
                </div>
              }
            />
            <Form.Item
              name="acceptJustification"
              valuePropName="checked"
              rules={[{ validator: (_r, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请确认已审阅并接受企业书面说明'))) }]}
            >
              <Checkbox>已审阅并接受企业书面说明</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function RejectModal({ q, open, onClose }: { q: QuotaApplication; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const reject = useRejectQuota();

  async function submit() {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    try {
      await reject.mutateAsync({ id: q.id, reason });
      message.success('已驳回定额申请');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    }
  }

  return (
    <Modal
      title="驳回定额申请"
      open={open}
      okText="确认驳回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: reject.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="reject" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="reason"
          label="驳回原因"
          rules={[{ required: true, whitespace: true, message: '请输入驳回原因' }, zodRule(zRejectQuota.shape.reason)]}
          extra="驳回原因将展示给企业，企业可修改后重新提交"
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="请输入驳回原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** hrss: 通过 / 驳回, each when the server lists it in the application's allowedActions. */
export function QuotaReviewActions({ q }: { q: QuotaApplication }) {
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const mayApprove = q.allowedActions.includes('approve');
  const mayReject = q.allowedActions.includes('reject');
  if (!mayApprove && !mayReject) return null;
  return (
    <Space>
      {mayApprove && (
        <Button type="primary" onClick={() => setApproving(true)}>
          通过
        </Button>
      )}
      {mayReject && (
        <Button danger onClick={() => setRejecting(true)}>
          驳回
        </Button>
      )}
      <ApproveModal q={q} open={approving} onClose={() => setApproving(false)} />
      <RejectModal q={q} open={rejecting} onClose={() => setRejecting(false)} />
    </Space>
  );
}
