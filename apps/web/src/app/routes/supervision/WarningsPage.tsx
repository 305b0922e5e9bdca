import { PageContainer } from '@ant-design/pro-components';
import { useSearchParams } from 'react-router';
import { WARNING_STATES, WARNING_TYPES, type WarningState, type WarningType } from '@benxi/shared';
import { useMe } from '../../../features/auth/api/me';
import { WarningTable } from '../../../features/supervision/components/WarningTable';

const SCOPE_TEXT: Record<string, string> = {
  enterprise: '本企业项目的预警：保函（保单）到期、定额审核通过后逾期未缴纳等，请及时处理。',
  hrss: '本单位及下辖地区监管项目的全部预警，含审核超期。',
  authority: '本单位主管项目的全部预警。',
  bank: '与本行有关的预警：保函申请受理、出函超期，本行出具的保函到期。',
  insurer: '本公司出具的保单（保函）到期预警。',
  admin: '平台全部预警。',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 预警 (SPEC §10): each role its own; the 首页 numbers link here with their filters in the address. */
export default function WarningsPage() {
  const me = useMe().data!;
  const [params] = useSearchParams();
  const type = params.get('type');
  const state = params.get('state');
  const from = params.get('raisedFrom');
  const to = params.get('raisedTo');
  const projectId = params.get('projectId');
  const initial = {
    type: WARNING_TYPES.includes(type as WarningType) ? (type as WarningType) : undefined,
    state: WARNING_STATES.includes(state as WarningState) ? (state as WarningState) : undefined,
    raisedFrom: from && DATE.test(from) ? from : undefined,
    raisedTo: to && DATE.test(to) ? to : undefined,
    projectId: projectId && /^\d{1,19}$/.test(projectId) ? projectId : undefined,
  };
  return (
    <PageContainer title="预警" content={`${SCOPE_TEXT[me.role] ?? ''}情况消除后预警自动解除（每日巡检及业务办理后即时复核）。`}>
      <WarningTable key={params.toString()} initial={initial} />
    </PageContainer>
  );
}
