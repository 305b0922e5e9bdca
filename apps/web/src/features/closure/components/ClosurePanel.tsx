import { useState } from 'react';
import { App, Alert, Button, Card, Space, Tooltip, Typography } from 'antd';
import { errorMessage } from '../../../lib/api';
import { useProjectClosure, useSubmitFiling } from '../api/closure';
import { CancellationDetail, ConfirmationButton } from './CancellationDetail';
import { CancellationModal } from './CancellationModal';
import { FilingStatusTag } from './ClosureTags';

/** 发起备案 on the 定额保证金 card (manual 2.3), from the server's allowedActions; confirms first. */
export function FilingButton({ projectId }: { projectId: string }) {
  const closure = useProjectClosure(projectId);
  const submit = useSubmitFiling();
  const { modal, message } = App.useApp();
  const f = closure.data?.filing;
  const allowed = closure.data?.allowedActions.includes('file');
  return (
    <Space size={8}>
      {f && <FilingStatusTag status={f.status} prefix="备案" />}
      {f?.status === 'rejected' && (
        <Tooltip title={f.rejectReason}>
          <Typography.Text type="danger" data-testid="filing-reject-reason">
            驳回原因：{f.rejectReason}
          </Typography.Text>
        </Tooltip>
      )}
      {allowed && (
        <Button
          type="primary"
          onClick={() =>
            modal.confirm({
              title: f?.status === 'rejected' ? '重新发起备案' : '发起备案',
              content: '提交后进入人社部门审批环节（5个工作日内），确定发起定额保证金备案吗？',
              okText: '确定',
              cancelText: '取消',
              onOk: async () => {
                try {
                  await submit.mutateAsync(projectId);
                  message.success('已发起备案，等待人社部门审批');
                } catch (e) {
                  message.error(errorMessage(e));
                }
              },
            })
          }
        >
          {f?.status === 'rejected' ? '重新发起备案' : '发起备案'}
        </Button>
      )}
    </Space>
  );
}

/** 保证金注销 on 项目详情 (manual 2.4): the button on a 竣工 project with a 已备案 deposit, the latest application and its outcome. */
export function CancellationCard({ project }: { project: { id: string; name: string; actualStart: string | null; actualCompletion: string | null } }) {
  const closure = useProjectClosure(project.id, `${project.actualStart ?? ''}/${project.actualCompletion ?? ''}`);
  const [open, setOpen] = useState(false);
  const c = closure.data?.cancellation ?? null;
  const allowed = closure.data?.allowedActions.includes('cancel');
  if (!closure.data || (!c && !allowed)) return null;
  return (
    <Card
      title="保证金注销"
      data-testid="cancellation-card"
      extra={
        <Space>
          {c && <ConfirmationButton c={c} />}
          {allowed && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {c?.status === 'rejected' ? '重新申请注销' : '保证金注销申请'}
            </Button>
          )}
        </Space>
      }
    >
      {c ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {c.status === 'rejected' && <Alert type="error" showIcon message="注销申请已驳回" description={`驳回原因：${c.rejectReason ?? '-'}（问题处理后可重新申请）`} />}
          {c.status === 'approved' && <Alert type="success" showIcon message={`保证金已注销，确认书编号：${c.documentNo}`} />}
          <CancellationDetail c={c} />
        </Space>
      ) : (
        <Typography.Text type="secondary">工程已竣工，公示满30日后可申请注销保证金。</Typography.Text>
      )}
      {open && <CancellationModal project={project} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
