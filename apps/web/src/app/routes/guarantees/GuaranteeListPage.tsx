import { PageContainer } from '@ant-design/pro-components';
import { useMe } from '../../../features/auth/api/me';
import { GuaranteeTable } from '../../../features/guarantees/components/GuaranteeTable';

const SCOPE_TEXT: Record<string, string> = {
  enterprise: '本企业的全部保函与保单（银行保函、线下上传的保单保函、保证保险保单）。',
  hrss: '本单位及下辖地区监管项目的全部保函与保单。',
  authority: '本单位主管项目的全部保函与保单。',
  bank: '本行出具的保函。',
  insurer: '本公司出具的保单与保函。',
};

/** 保函管理 (every role that has guarantees): the register in the user's scope. */
export default function GuaranteeListPage() {
  const me = useMe().data!;
  return (
    <PageContainer title="保函管理" content={`${SCOPE_TEXT[me.role] ?? ''}状态按平台日期计算：剩余期限不超过30天为“即将到期”。`}>
      <GuaranteeTable />
    </PageContainer>
  );
}
