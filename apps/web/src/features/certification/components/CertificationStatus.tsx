import type { ReactNode } from 'react';
import { Button, Card, Divider, Result, Space, Typography } from 'antd';
import CheckCircleFilled from '@ant-design/icons/CheckCircleFilled';
import ClockCircleFilled from '@ant-design/icons/ClockCircleFilled';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import { certificationStatusLabels, formatDateTime } from '@benxi/shared';
import { CertificationInfo } from '../../../components/CertificationInfo';
import type { Certification } from '../api/certification';

function BizHeader({ c, action }: { c: Certification; action?: ReactNode }) {
  const item = (label: string, value: string) => (
    <span>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <Typography.Text>{value}</Typography.Text>
    </span>
  );
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 12 }}>
      <Space size={32} wrap>
        {item('业务编码', c.bizCode)}
        {item('申请时间', formatDateTime(c.submittedAt))}
        {item('操作时间', formatDateTime(c.decidedAt ?? c.updatedAt))}
      </Space>
      {action}
    </div>
  );
}

interface Props {
  certification: Certification;
  onReapply?: () => void;
}

/** What an enterprise sees after submitting: 待审核 / 认证完成 / 审核未通过, then the data. */
export function CertificationStatus({ certification: c, onReapply }: Props) {
  const reapply =
    c.allowedActions.includes('resubmit') && onReapply ? (
      <Button type="primary" onClick={onReapply}>
        重新申请认证
      </Button>
    ) : undefined;

  const result =
    c.status === 'approved' ? (
      <Result
        status="success"
        icon={<CheckCircleFilled />}
        title={certificationStatusLabels.approved}
        subTitle="贵单位已完成企业认证，可以使用平台的全部企业功能。"
      />
    ) : c.status === 'pending' ? (
      <Result
        status="info"
        icon={<ClockCircleFilled style={{ color: '#faad14' }} />}
        title={certificationStatusLabels.pending}
        subTitle="认证信息已提交，平台将尽快审核，请耐心等待。审核结果将在本页显示。"
      />
    ) : (
      <Result
        status="error"
        icon={<CloseCircleFilled />}
        title={certificationStatusLabels.rejected}
        subTitle={
          <div>
            <Typography.Text type="secondary">驳回原因：</Typography.Text>
            <Typography.Text type="danger" strong>
              {c.rejectReason || '未填写'}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>请根据驳回原因修改后，点击【重新申请认证】再次提交。</div>
          </div>
        }
      />
    );

  return (
    <Card>
      <BizHeader c={c} action={reapply} />
      <Divider style={{ margin: '16px 0 0' }} />
      {result}
      <CertificationInfo certification={c} />
    </Card>
  );
}
