import { App, Button, Popconfirm, Typography } from 'antd';
import type { Role } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { useWithdrawQuota, type QuotaApplication } from '../api/quota';

/** Where a role reads an application: hrss from its 定额审核 queue, everyone else from 定额申请. */
export const quotaDetailPath = (role: Role, id: string) => (role === 'hrss' ? `/quota/review/${id}` : `/quota/${id}`);

/** 撤回: the enterprise takes back an application still 申请中 (when the server allows it). */
export function WithdrawQuota({ q, asButton = false }: { q: QuotaApplication; asButton?: boolean }) {
  const { message } = App.useApp();
  const withdraw = useWithdrawQuota();
  if (!q.allowedActions.includes('withdraw')) return null;
  return (
    <Popconfirm
      title="确认撤回该定额申请？"
      description="撤回后项目恢复为未申请，可重新提交定额申请。"
      okText="确认撤回"
      cancelText="取消"
      onConfirm={async () => {
        try {
          await withdraw.mutateAsync(q.id);
          message.success('定额申请已撤回');
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      {asButton ? (
        <Button danger loading={withdraw.isPending}>
          撤回
        </Button>
      ) : (
        <Typography.Link type="danger">撤回</Typography.Link>
      )}
    </Popconfirm>
  );
}
