import { useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Space, Tooltip, Typography } from 'antd';
import EditOutlined from '@ant-design/icons/EditOutlined';
import { useNavigate, useParams } from 'react-router';
import { can, isPayableDeposit } from '@benxi/shared';
import { useMe } from '../../../features/auth/api/me';
import { BASE_LOCKED_REASON, useProject } from '../../../features/projects/api/projects';
import { ProjectBaseInfo, ProjectProgressInfo } from '../../../features/projects/components/ProjectInfo';
import { ProgressModal } from '../../../features/projects/components/ProgressModal';
import { ContactsModal } from '../../../features/projects/components/ContactsModal';
import { DepositStatusTag, ProjectStatusTag } from '../../../features/projects/components/ProjectTags';
import { useProjectQuotas, type QuotaApplication } from '../../../features/quota/api/quota';
import { ProjectQuotaCard } from '../../../features/quota/components/ProjectQuotaCard';
import { QuotaApplyModal } from '../../../features/quota/components/QuotaApplyModal';
import { OfflineUploadButton, ProjectOfflineGuaranteeCard } from '../../../features/guarantees';
import { PageLoading } from '../../../components/PageLoading';
import { useDepositCard } from '../../../features/payment/api/payment';
import { ProjectInsuranceOrdersCard } from '../../../features/insurance/components/OrderTables';
import { DepositCard } from '../../../features/payment/components/DepositCard';
import { ProjectLoadError } from './ProjectLoadError';
import { CancellationCard, FilingButton } from '../../../features/closure/components/ClosurePanel';
import { ProjectWarningsCard } from '../../../features/supervision/components/ProjectWarningsCard';

const COMPLETED_NO_QUOTA = '工程已竣工，不能再申请定额';

/** 项目详情: base data, 工程进度 (editable by the owner), and the project's applications. */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data!;
  const query = useProject(id);
  const [editingProgress, setEditingProgress] = useState(false);
  const [editingContacts, setEditingContacts] = useState(false);
  /** The 定额申请 dialog: a new application, or the correction of a rejected one. */
  const [applying, setApplying] = useState<{ previous?: QuotaApplication } | null>(null);
  const quotas = useProjectQuotas(id);
  // 定额保证金: once a quota to pay (一般缴纳 or 缓缴) is approved
  const hasDeposit = !!query.data && !['none', 'quota_review', 'exempted'].includes(query.data.depositStatus);
  const deposit = useDepositCard(id, can(me.role, 'payment.read') && hasDeposit);

  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ProjectLoadError error={query.error} />;
  const p = query.data;
  // The server scopes the read; only the enterprise (its own project) may change anything.
  const owner = can(me.role, 'project.update');
  const apps = quotas.data?.items ?? [];
  const latest = apps[0];
  // From the server's allowedActions (ADR 017): 定额申请 while the deposit is 未申请 and the project not 竣工;
  // 修改后重新提交 on the latest application when it is 已驳回 and nothing is live.
  const mayApply = p.allowedActions.includes('quota.submit');
  const canResubmit = !!latest?.allowedActions.includes('resubmit');
  // On a 竣工 project the button stays, greyed, with the reason: a button that vanishes tells the user nothing.
  const blockedByCompletion = !mayApply && can(me.role, 'quota.apply') && p.depositStatus === 'none' && p.status === 'completed';
  const applyButton =
    mayApply || blockedByCompletion ? (
      <Space>
        {blockedByCompletion && (
          <Typography.Text type="secondary" data-testid="apply-disabled-reason">
            {COMPLETED_NO_QUOTA}
          </Typography.Text>
        )}
        <Tooltip title={mayApply ? undefined : COMPLETED_NO_QUOTA}>
          <Button type="primary" disabled={!mayApply} onClick={() => setApplying({})}>
            定额申请
          </Button>
        </Tooltip>
      </Space>
    ) : undefined;

  const baseActions = owner ? (
    <Space>
      <Button icon={<EditOutlined />} onClick={() => setEditingContacts(true)}>
        编辑联系人
      </Button>
      <Tooltip title={p.baseLocked ? BASE_LOCKED_REASON : undefined}>
        <Button icon={<EditOutlined />} disabled={p.baseLocked} onClick={() => navigate(`/projects/${p.id}/edit`)}>
          编辑基础信息
        </Button>
      </Tooltip>
    </Space>
  ) : undefined;

  return (
    <PageContainer
      title="项目详情"
      subTitle={p.name}
      onBack={() => navigate('/projects')}
      extra={applyButton}
      tags={
        <Space size={0}>
          <ProjectStatusTag status={p.status} />
          <DepositStatusTag status={p.depositStatus} needsReplenish={p.needsReplenish} />
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {/* 预警 (ADR 037): the project's open warnings, when it has any */}
        <ProjectWarningsCard projectId={p.id} />
        <Card>
          <ProjectBaseInfo project={p} extra={baseActions} />
        </Card>
        <Card
          title="工程进度"
          extra={
            owner ? (
              <Button type="link" onClick={() => setEditingProgress(true)}>
                编辑
              </Button>
            ) : undefined
          }
        >
          <ProjectProgressInfo project={p} />
        </Card>
        {hasDeposit && deposit.data && (
          <DepositCard
            card={deposit.data}
            beneficiary={p.hrssOrg.name}
            plannedEnd={p.plannedEnd}
            extraActions={(ask) => <OfflineUploadButton projectId={p.id} ask={ask} />}
            filing={can(me.role, 'filing.read') ? <FilingButton projectId={p.id} /> : undefined}
          />
        )}
        {/* 保险办理 (issue 12): the project's insurance orders */}
        {can(me.role, 'insurance.read') && hasDeposit && <ProjectInsuranceOrdersCard projectId={p.id} />}
        {/* 保证金注销 (issue 13): on a 竣工 project with a 已备案 deposit, or once applied */}
        {can(me.role, 'cancellation.read') && me.role !== 'bank' && <CancellationCard project={p} />}
        <ProjectQuotaCard
          role={me.role}
          owner={owner}
          quotas={apps}
          loading={quotas.isPending}
          error={quotas.error}
          canResubmit={canResubmit}
          onResubmit={(previous) => setApplying({ previous })}
        />
        {/* 保单保函 (offline guarantees) of the project; 保单保函上传 is on the deposit card (here only without one) */}
        {can(me.role, 'guarantee.offline-read') && (
          <ProjectOfflineGuaranteeCard
            projectId={p.id}
            mayUpload={!(hasDeposit && can(me.role, 'payment.read')) && can(me.role, 'guarantee.upload') && isPayableDeposit(p.depositStatus)}
          />
        )}
      </Space>
      {owner && (
        <>
          <ProgressModal project={p} open={editingProgress} onClose={() => setEditingProgress(false)} />
          <ContactsModal project={p} open={editingContacts} onClose={() => setEditingContacts(false)} />
          <QuotaApplyModal project={p} previous={applying?.previous} open={!!applying} onClose={() => setApplying(null)} />
        </>
      )}
    </PageContainer>
  );
}
