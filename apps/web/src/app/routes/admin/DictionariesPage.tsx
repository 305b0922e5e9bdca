import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Result, Tabs } from 'antd';
import { useAdminDictionaries } from '../../../features/admin-dictionaries/api/dictionaries';
import { RegionsTab } from '../../../features/admin-dictionaries/components/RegionsTab';
import { DictItemsTab } from '../../../features/admin-dictionaries/components/DictItemsTab';
import { MappingsTab } from '../../../features/admin-dictionaries/components/MappingsTab';
import { PageLoading } from '../../../components/PageLoading';

/** 字典管理: regions, dictionary entries and the (type, region) → unit mappings behind every form. */
export default function DictionariesPage() {
  const query = useAdminDictionaries();
  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    return (
      <Result
        status="warning"
        title="字典加载失败"
        subTitle={query.error.message}
        extra={<Button onClick={() => query.refetch()}>重试</Button>}
      />
    );
  }
  const view = query.data;
  return (
    <PageContainer title="字典管理">
      <Card>
        <Tabs
          defaultActiveKey="regions"
          items={[
            { key: 'regions', label: '地区', children: <RegionsTab regions={view.regions} /> },
            { key: 'items', label: '字典项', children: <DictItemsTab items={view.items} /> },
            { key: 'mappings', label: '单位映射', children: <MappingsTab view={view} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
