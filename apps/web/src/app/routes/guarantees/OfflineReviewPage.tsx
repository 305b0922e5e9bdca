import { PageContainer } from '@ant-design/pro-components';
import { OfflineReviewTable } from '../../../features/guarantees/components/OfflineReviewTable';

/** 保单保函审核 (hrss): the queue of its unit and districts. */
export default function OfflineReviewPage() {
  return (
    <PageContainer title="保单保函审核" content="企业线下办理并上传的保函、保单，按上传时间先后排列；审核期限为上传后5个工作日（按官方工作日历），超期的标红。">
      <OfflineReviewTable />
    </PageContainer>
  );
}
