import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { ErrorPage } from './routes/ErrorPage';
import type { Permission } from '@benxi/shared';
import { GuestOnly, RequireAuth, RequirePermission, RequireRole } from './guards';

// Every page is its own chunk: the login page must not carry the rest of the application.
const LoginPage = lazy(() => import('./routes/auth/LoginPage'));
const RegisterPage = lazy(() => import('./routes/auth/RegisterPage'));
const ResetPasswordPage = lazy(() => import('./routes/auth/ResetPasswordPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const HomePage = lazy(() => import('./routes/HomePage'));
const CertificationPage = lazy(() => import('./routes/enterprise/CertificationPage'));
const AdminCertificationsPage = lazy(() => import('./routes/admin/CertificationListPage'));
const AdminCertificationDetailPage = lazy(() => import('./routes/admin/CertificationDetailPage'));
const AdminUsersPage = lazy(() => import('./routes/admin/UsersPage'));
const AdminAuditPage = lazy(() => import('./routes/admin/AuditPage'));
const AdminJobRunsPage = lazy(() => import('./routes/admin/JobRunsPage'));
const AdminOrganizationsPage = lazy(() => import('./routes/admin/OrganizationsPage'));
const AdminDictionariesPage = lazy(() => import('./routes/admin/DictionariesPage'));
const ProjectListPage = lazy(() => import('./routes/projects/ProjectListPage'));
const ProjectCreatePage = lazy(() => import('./routes/projects/ProjectCreatePage'));
const ProjectDetailPage = lazy(() => import('./routes/projects/ProjectDetailPage'));
const ProjectEditPage = lazy(() => import('./routes/projects/ProjectEditPage'));
const QuotaListPage = lazy(() => import('./routes/quota/QuotaListPage'));
const QuotaReviewPage = lazy(() => import('./routes/quota/QuotaReviewPage'));
const QuotaDetailPage = lazy(() => import('./routes/quota/QuotaDetailPage'));
const ArrearsPage = lazy(() => import('./routes/arrears/ArrearsPage'));
const AdminRatioParamsPage = lazy(() => import('./routes/admin/RatioParamsPage'));
const AdminCalendarPage = lazy(() => import('./routes/admin/CalendarPage'));
const GuaranteeListPage = lazy(() => import('./routes/guarantees/GuaranteeListPage'));
const GuaranteeDetailPage = lazy(() => import('./routes/guarantees/GuaranteeDetailPage'));
const OfflineReviewPage = lazy(() => import('./routes/guarantees/OfflineReviewPage'));
const OfflineGuaranteeDetailPage = lazy(() => import('./routes/guarantees/OfflineGuaranteeDetailPage'));
const BankTodoPage = lazy(() => import('./routes/bank/BankTodoPage'));
const BankGuaranteesPage = lazy(() => import('./routes/bank/BankGuaranteesPage'));
const BankGuaranteeDetailPage = lazy(() => import('./routes/bank/BankGuaranteeDetailPage'));
const BankCashDepositsPage = lazy(() => import('./routes/bank/BankCashDepositsPage'));
const BankCashDepositDetailPage = lazy(() => import('./routes/bank/BankCashDepositDetailPage'));
const AdminOpenApiPage = lazy(() => import('./routes/admin/OpenApiPage'));
// 保险办理 (issue 12)
const InsuranceApplyPage = lazy(() => import('./routes/insurance/InsuranceApplyPage'));
const InsuranceOrderDetailPage = lazy(() => import('./routes/insurance/InsuranceOrderDetailPage'));
const InsurerOrdersPage = lazy(() => import('./routes/insurance/InsurerOrdersPage'));
const InsurerTodoPage = lazy(() => import('./routes/insurance/InsurerTodoPage'));
const AdminInsuranceCataloguePage = lazy(() => import('./routes/admin/InsuranceCataloguePage'));
// 备案 / 注销 / 返还 (issue 13)
const FilingListPage = lazy(() => import('./routes/closure/FilingListPage'));
const FilingReviewPage = lazy(() => import('./routes/closure/FilingReviewPage'));
const CancellationListPage = lazy(() => import('./routes/closure/CancellationListPage'));
const CancellationReviewPage = lazy(() => import('./routes/closure/CancellationReviewPage'));
const AuditCheckPage = lazy(() => import('./routes/closure/AuditCheckPage'));
const BankReturnsPage = lazy(() => import('./routes/closure/BankReturnsPage'));
// 保证金动用 (SPEC §9)
const DepositUseListPage = lazy(() => import('./routes/deposit-uses/DepositUseListPage'));
const DepositUseDetailPage = lazy(() => import('./routes/deposit-uses/DepositUseDetailPage'));
// issue 15 (ADR 036–039)
const WarningsPage = lazy(() => import('./routes/supervision/WarningsPage'));
// issue 15: 台账 and 月度统计 (ADR 043)
const LedgerPage = lazy(() => import('./routes/ledger/LedgerPage'));
const LedgerStatsPage = lazy(() => import('./routes/ledger/LedgerStatsPage'));
const LedgerDetailPage = lazy(() => import('./routes/ledger/LedgerDetailPage'));
const MessagesPage = lazy(() => import('./routes/supervision/MessagesPage'));
const AdminSmsRecordsPage = lazy(() => import('./routes/admin/SmsRecordsPage'));
const NotFoundPage = lazy(() => import('./routes/NotFoundPage'));

function page(Page: LazyExoticComponent<ComponentType>, full = false) {
  return (
    <Suspense fallback={<PageLoading full={full} />}>
      <Page />
    </Suspense>
  );
}

const adminOnly = (Page: LazyExoticComponent<ComponentType>) => <RequireRole roles={['admin']}>{page(Page)}</RequireRole>;
const projectReaders = (Page: LazyExoticComponent<ComponentType>) => <RequirePermission permission="project.read">{page(Page)}</RequirePermission>;
const withPermission = (permission: Permission, Page: LazyExoticComponent<ComponentType>) => (
  <RequirePermission permission={permission}>{page(Page)}</RequirePermission>
);
const projectOwners = (Page: LazyExoticComponent<ComponentType>) => <RequirePermission permission="project.create">{page(Page)}</RequirePermission>;

export const router = createBrowserRouter([
  {
    errorElement: <ErrorPage />,
    children: [
      { path: '/login', element: <GuestOnly>{page(LoginPage, true)}</GuestOnly> },
      { path: '/register', element: <GuestOnly>{page(RegisterPage, true)}</GuestOnly> },
      { path: '/reset-password', element: <GuestOnly>{page(ResetPasswordPage, true)}</GuestOnly> },
      {
        element: <RequireAuth />,
        children: [
          {
            element: page(AppLayout, true),
            children: [
              {
                // Errors of a page show inside the shell, menu still usable.
                errorElement: <ErrorPage />,
                children: [
                  { index: true, element: page(HomePage) },
                  {
                    path: '/certification',
                    element: <RequireRole roles={['enterprise']}>{page(CertificationPage)}</RequireRole>,
                  },
                  { path: '/projects', element: projectReaders(ProjectListPage) },
                  { path: '/projects/new', element: projectOwners(ProjectCreatePage) },
                  { path: '/projects/:id', element: projectReaders(ProjectDetailPage) },
                  { path: '/projects/:id/edit', element: projectOwners(ProjectEditPage) },
                  { path: '/quota', element: withPermission('quota.read', QuotaListPage) },
                  { path: '/quota/review', element: withPermission('quota.review', QuotaReviewPage) },
                  { path: '/quota/review/:id', element: withPermission('quota.review', QuotaDetailPage) },
                  { path: '/quota/:id', element: withPermission('quota.read', QuotaDetailPage) },
                  { path: '/arrears', element: withPermission('arrears.read', ArrearsPage) },
                  // 备案 / 注销 / 返还 (issue 13)
                  { path: '/filings', element: withPermission('filing.read', FilingListPage) },
                  { path: '/filings/review', element: withPermission('filing.review', FilingReviewPage) },
                  { path: '/cancellations', element: withPermission('cancellation.read', CancellationListPage) },
                  { path: '/cancellations/review', element: withPermission('cancellation.review', CancellationReviewPage) },
                  { path: '/audit-checks', element: withPermission('cancellation.review', AuditCheckPage) },
                  { path: '/bank/returns', element: withPermission('return.confirm', BankReturnsPage) },
                  { path: '/guarantees', element: withPermission('guarantee.read', GuaranteeListPage) },
                  { path: '/guarantees/:id', element: withPermission('guarantee.read', GuaranteeDetailPage) },
                  { path: '/offline-guarantees/review', element: withPermission('guarantee.review', OfflineReviewPage) },
                  { path: '/offline-guarantees/:id', element: withPermission('guarantee.offline-read', OfflineGuaranteeDetailPage) },
                  { path: '/admin/ratio-params', element: adminOnly(AdminRatioParamsPage) },
                  { path: '/admin/calendar', element: adminOnly(AdminCalendarPage) },
                  { path: '/admin/certifications', element: adminOnly(AdminCertificationsPage) },
                  { path: '/admin/certifications/:id', element: adminOnly(AdminCertificationDetailPage) },
                  { path: '/admin/users', element: adminOnly(AdminUsersPage) },
                  { path: '/admin/organizations', element: adminOnly(AdminOrganizationsPage) },
                  { path: '/admin/dictionaries', element: adminOnly(AdminDictionariesPage) },
                  { path: '/admin/audit', element: adminOnly(AdminAuditPage) },
                  { path: '/admin/job-runs', element: adminOnly(AdminJobRunsPage) },
                  { path: '/deposit-uses', element: withPermission('use.read', DepositUseListPage) },
                  { path: '/deposit-uses/:id', element: withPermission('use.read', DepositUseDetailPage) },
                  { path: '/bank/todo', element: withPermission('payment.bank', BankTodoPage) },
                  { path: '/bank/guarantees', element: withPermission('payment.bank', BankGuaranteesPage) },
                  { path: '/bank/guarantees/:id', element: withPermission('payment.bank', BankGuaranteeDetailPage) },
                  { path: '/bank/cash-deposits', element: withPermission('payment.bank', BankCashDepositsPage) },
                  { path: '/bank/cash-deposits/:id', element: withPermission('payment.bank', BankCashDepositDetailPage) },
                  { path: '/admin/open-api', element: withPermission('openapi.manage', AdminOpenApiPage) },
                  // 保险办理 (issue 12)
                  { path: '/projects/:id/insurance', element: withPermission('insurance.apply', InsuranceApplyPage) },
                  { path: '/insurance-orders/:id', element: withPermission('insurance.read', InsuranceOrderDetailPage) },
                  { path: '/insurer/todo', element: withPermission('insurance.insurer', InsurerTodoPage) },
                  { path: '/insurer/orders', element: withPermission('insurance.insurer', InsurerOrdersPage) },
                  { path: '/admin/insurance', element: withPermission('insurance.catalogue', AdminInsuranceCataloguePage) },
                  { path: '/warnings', element: withPermission('warning.read', WarningsPage) },
                  { path: '/ledger', element: withPermission('ledger.read', LedgerPage) },
                  { path: '/ledger/stats', element: withPermission('ledger.read', LedgerStatsPage) },
                  { path: '/ledger/:projectId', element: withPermission('ledger.read', LedgerDetailPage) },
                  { path: '/messages', element: withPermission('message.read', MessagesPage) },
                  { path: '/admin/sms-records', element: adminOnly(AdminSmsRecordsPage) },
                  { path: '*', element: page(NotFoundPage) },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
