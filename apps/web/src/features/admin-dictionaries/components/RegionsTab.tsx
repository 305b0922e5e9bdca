import { useState } from 'react';
import { App, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { zUpdateRegion } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { zodRule } from '../../../lib/zod-rule';
import { useUpdateRegion, type AdminRegion } from '../api/dictionaries';
import { NameModal } from './common';

/** 地区: Benxi and its divisions; rename or take out of the forms (projects keep their region). */
export function RegionsTab({ regions }: { regions: AdminRegion[] }) {
  const { message } = App.useApp();
  const update = useUpdateRegion();
  const [renaming, setRenaming] = useState<AdminRegion | null>(null);
  const nameOf = new Map(regions.map((r) => [r.code, r.name]));

  async function toggle(r: AdminRegion) {
    try {
      await update.mutateAsync({ code: r.code, patch: { enabled: !r.enabled } });
      message.success(`已${r.enabled ? '停用' : '启用'}地区 ${r.name}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        停用的地区不再出现在新建项目等表单的选项中，已有项目不受影响。
      </Typography.Paragraph>
      <Table<AdminRegion>
        rowKey="code"
        size="middle"
        pagination={false}
        dataSource={regions}
        columns={[
          { title: '地区编码', dataIndex: 'code', width: 120 },
          { title: '地区名称', dataIndex: 'name' },
          { title: '上级地区', dataIndex: 'parentCode', width: 160, render: (c: string | null) => (c ? (nameOf.get(c) ?? c) : '-') },
          {
            title: '状态',
            dataIndex: 'enabled',
            width: 90,
            render: (e: boolean) => <Tag color={e ? 'success' : 'default'}>{e ? '启用' : '停用'}</Tag>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_, r) => (
              <Space>
                <Typography.Link onClick={() => setRenaming(r)}>重命名</Typography.Link>
                <Popconfirm
                  title={r.enabled ? `确认停用地区 ${r.name}？` : `确认启用地区 ${r.name}？`}
                  okText="确认"
                  cancelText="取消"
                  onConfirm={() => toggle(r)}
                >
                  <Typography.Link type={r.enabled ? 'danger' : undefined}>{r.enabled ? '停用' : '启用'}</Typography.Link>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <NameModal
        title="重命名地区"
        open={!!renaming}
        label="地区名称"
        initial={{ label: renaming?.name ?? '' }}
        rules={[{ required: true, message: '请输入地区名称' }, zodRule(zUpdateRegion.shape.name)]}
        onClose={() => setRenaming(null)}
        onSubmit={async (v) => {
          await update.mutateAsync({ code: renaming!.code, patch: { name: v.label } });
          message.success('地区名称已修改');
        }}
      />
    </>
  );
}
