import { PageContainer } from '@ant-design/pro-components';
import { useMe } from '../../../features/auth/api/me';
import { AuditCheckTable } from '../../../features/closure/components/AuditCheckTable';
import { CancellationTable } from '../../../features/closure/components/CancellationTable';
import { FilingTable } from '../../../features/closure/components/FilingTable';
import { ReturnTable } from '../../../features/closure/components/ReturnTable';

/** 申请管理 › 备案申请 (manual 2.3); read-only for the supervisors. */
export function FilingListPage() {
  const me = useMe().data!;
  return (
    <PageContainer title="备案申请">
      <FilingTable role={me.role} />
    </PageContainer>
  );
}

/** hrss: 备案审核. */
export function FilingReviewPage() {
  const me = useMe().data!;
  return (
    <PageContainer title="备案审核">
      <FilingTable role={me.role} review />
    </PageContainer>
  );
}

/** 申请管理 › 注销申请 (the enterprise), the supervisors' read-only list. */
export function CancellationListPage() {
  return (
    <PageContainer title="注销申请">
      <CancellationTable />
    </PageContainer>
  );
}

/** hrss: 注销审核. */
export function CancellationReviewPage() {
  return (
    <PageContainer title="注销审核">
      <CancellationTable review />
    </PageContainer>
  );
}

/** hrss: 清查. */
export function AuditCheckPage() {
  return (
    <PageContainer title="清查" content="已竣工但保证金仍未注销的项目，竣工最早的在前；按规定至少每半年清查一次。">
      <AuditCheckTable />
    </PageContainer>
  );
}

/** The bank: 返还确认. */
export function BankReturnsPage() {
  return (
    <PageContainer title="返还确认">
      <ReturnTable />
    </PageContainer>
  );
}
