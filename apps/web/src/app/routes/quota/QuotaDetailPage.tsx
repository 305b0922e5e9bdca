import { useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Result, Row, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '@benxi/shared';
import { ApiError } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { useMe } from '../../../features/auth/api/me';
import { useProject } from '../../../features/projects/api/projects';
import { successorsOf, useProjectQuotas, useQuota, useQuotaChain, type QuotaApplication } from '../../../features/quota/api/quota';
import { EnterpriseRecordInfo, RequirementPanel } from '../../../features/quota/components/RequirementPanel';
import { QuotaAttachments, QuotaDepositInfo, QuotaHistory } from '../../../features/quota/components/QuotaInfo';
import { OverdueTag, QuotaStatusTag, SupersededTag } from '../../../features/quota/components/QuotaTags';
import { WithdrawQuota } from '../../../features/quota/components/QuotaActions';
import { QuotaReviewActions } from '../../../features/quota/components/ReviewActions';
import { QuotaApplyModal } from '../../../features/quota/components/QuotaApplyModal';
import { PageLoading } from '../../../components/PageLoading';

function LoadError({ error, back }: { error: Error; back: string }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? '定额申请不存在' : '加载失败'}
      subTitle={error.message}
      extra={
        <Link to={back}>
          <Button type="primary">返回列表</Button>
        </Link>
      }
    />
  );
}

/** 修改后重新提交: offered when the server lists `resubmit` (the latest rejected one, nothing live, not 竣工). */
function Resubmit({ q }: { q: QuotaApplication }) {
  const navigate = useNavigate();
  const project = useProject(q.projectId);
  const [open, setOpen] = useState(false);
  if (!project.data) return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        修改后重新提交
      </Button>
      <QuotaApplyModal
        project={project.data}
        previous={q}
        open={open}
        onClose={() => setOpen(false)}
        onSubmitted={(next) => navigate(`/quota/${next.id}`)}
      />
    </>
  );
}

/** 定额申请详情: the application, the engine's computation, the record, attachments and history. */
export default function QuotaDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data!;
  const query = useQuota(id);
  const chain = useQuotaChain(query.data);
  const projectApps = useProjectQuotas(query.data?.projectId);
  const review = can(me.role, 'quota.review');
  const back = review ? '/quota/review' : '/quota';

  if (query.isPending) return <PageLoading />;
  if (query.isError) return <LoadError error={query.error} back={back} />;
  const q = query.data;
  // every button from the server's allowedActions (quotaWorkflow, ADR 017)
  const actions =
    q.allowedActions.length > 0 ? (
      <Space>
        <QuotaReviewActions q={q} />
        <WithdrawQuota q={q} asButton />
        {q.allowedActions.includes('resubmit') && <Resubmit q={q} />}
      </Space>
    ) : undefined;

  return (
    <PageContainer
      title="定额申请详情"
      subTitle={q.projectName}
      onBack={() => navigate(back)}
      tags={
        <Space size={0}>
          <QuotaStatusTag status={q.status} />
          <OverdueTag q={q} />
          <SupersededTag q={q} />
        </Space>
      }
      extra={actions}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {q.superseded && (
          <Alert type="info" showIcon message="该申请已重新提交：本项目已有新的定额申请，以最新的申请为准；本页为历史记录。" />
        )}
        {q.status === 'rejected' && (
          <Alert type={q.superseded ? 'warning' : 'error'} showIcon message="定额申请已驳回" description={`驳回原因：${q.rejectReason ?? '-'}`} />
        )}
        <Card>
          <QuotaDepositInfo q={q} />
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card title="规定应缴计算" style={{ height: '100%' }}>
              <RequirementPanel requirement={q.requirement} title="按提交时的地区参数计算" />
              <div style={{ marginTop: 12 }}>
                {q.belowRequirement ? (
                  <Alert
                    type="warning"
                    showIcon
                    message={
                      q.applyType === 'exempt'
                        ? '按规定该项目不符合免缴条件，企业仍申请免缴'
                        : `申请金额 ${showYuan(q.appliedAmount)} 元低于规定应缴金额 ${showYuan(q.requirement.requiredAmount)} 元`
                    }
                  />
                ) : (
                  <Alert type="success" showIcon message="申请符合规定应缴要求" />
                )}
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="书面说明" style={{ height: '100%' }}>
              {q.justification ? (
                q.belowRequirement ? (
                  <Alert
                    type="warning"
                    showIcon
                    message="企业书面说明（低于规定应缴，须人社部门审阅）"
                    description={<div style={{ whiteSpace: 'pre-wrap' }}>{q.justification}</div>}
                  />
                ) : (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{q.justification}</Typography.Paragraph>
                )
              ) : (
                <Typography.Text type="secondary">无</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
        <Card>
          <EnterpriseRecordInfo record={q.record} title="企业记录（合同签订日）" />
        </Card>
        <Card title="附件">
          <QuotaAttachments q={q} />
        </Card>
        <Card title="申请历史">
          {chain.data ? (
            <QuotaHistory chain={[...successorsOf(q.id, projectApps.data?.items ?? []), ...chain.data]} currentId={q.id} role={me.role} />
          ) : (
            <Typography.Text type="secondary">正在加载…</Typography.Text>
          )}
        </Card>
      </Space>
    </PageContainer>
  );
}
