import { useRef, useState } from 'react';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  INSURANCE_APPLICANT_TYPES,
  INSURANCE_PRODUCT_DOCS,
  INSURANCE_PRODUCT_TYPES,
  INSURANCE_QUALIFICATIONS,
  formatDateTime,
  insuranceApplicantTypeLabels,
  insuranceProductDocLabels,
  insuranceProductTypeLabels,
  insuranceQualificationLabels,
  zInsurerAccountRequest,
  type InsuranceProductType,
  type TInsuranceProductRequest,
} from '@benxi/shared';
import { fileUrl } from '../../../lib/api';
import { zodRule } from '../../../lib/zod-rule';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { FormModal } from '../../../components/FormModal';
import { FileUploadField, storedFile, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { useFormDictionaries } from '../../../features/dictionaries/api/dictionaries';
import { productListQueryOptions, useInsurers, useSaveInsurerAccount, useSaveProduct, useWithdrawProduct, type InsuranceProduct, type Insurer } from '../../../features/insurance/api/insurance';

interface ProductValues {
  insurerOrgId?: string;
  name?: string;
  productType?: InsuranceProductType;
  regions?: string[];
  applicantTypes?: string[];
  qualifications?: string[];
  annualRatePercent?: string;
  clauses?: FileFieldValue;
  proposal?: FileFieldValue;
  counter_guarantee?: FileFieldValue;
}

function ProductModal({ product, insurers, onClose }: { product: InsuranceProduct | null; insurers: Insurer[]; onClose: () => void }) {
  const [form] = Form.useForm<ProductValues>();
  const save = useSaveProduct();
  const dicts = useFormDictionaries();
  const { message } = App.useApp();
  const doc = (kind: (typeof INSURANCE_PRODUCT_DOCS)[number]) => storedFile(product?.documents.find((d) => d.kind === kind)?.file);
  return (
    <FormModal<ProductValues>
      title={product ? '修改保险产品' : '新增保险产品'}
      name="product"
      open
      form={form}
      width={680}
      onClose={onClose}
      initialValues={
        product
          ? { ...product, clauses: doc('clauses'), proposal: doc('proposal'), counter_guarantee: doc('counter_guarantee') }
          : { productType: 'project', regions: ['210500'], applicantTypes: ['contractor'], qualifications: [...INSURANCE_QUALIFICATIONS] }
      }
      onSubmit={async (v) => {
        const body: TInsuranceProductRequest = {
          insurerOrgId: v.insurerOrgId!,
          name: (v.name ?? '').trim(),
          productType: v.productType!,
          regions: v.regions ?? [],
          applicantTypes: (v.applicantTypes ?? []) as TInsuranceProductRequest['applicantTypes'],
          qualifications: (v.qualifications ?? []) as TInsuranceProductRequest['qualifications'],
          annualRatePercent: (v.annualRatePercent ?? '').trim(),
          clausesFileId: uploadedFileId(v.clauses),
          proposalFileId: uploadedFileId(v.proposal),
          counterGuaranteeFileId: uploadedFileId(v.counter_guarantee),
        };
        await save.mutateAsync({ id: product?.id, body });
        message.success('保险产品已保存');
        onClose();
      }}
    >
      <Form.Item name="insurerOrgId" label="保险公司" rules={[{ required: true, message: '请选择保险公司' }]}>
        <Select options={insurers.map((i) => ({ value: i.orgId, label: i.name }))} placeholder="请选择保险公司" />
      </Form.Item>
      <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请输入产品名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="productType" label="产品类型" rules={[{ required: true, message: '请选择产品类型' }]}>
        <Select options={INSURANCE_PRODUCT_TYPES.map((t) => ({ value: t, label: insuranceProductTypeLabels[t] }))} />
      </Form.Item>
      <Form.Item name="regions" label="投保地区" rules={[{ required: true, message: '请选择投保地区' }]} extra="选择本溪市即覆盖全市各区县">
        <Select mode="multiple" options={(dicts.data?.regions ?? []).map((r) => ({ value: r.code, label: r.name }))} />
      </Form.Item>
      <Form.Item name="applicantTypes" label="投保人类型" rules={[{ required: true, message: '请选择投保人类型' }]}>
        <Checkbox.Group options={INSURANCE_APPLICANT_TYPES.map((t) => ({ value: t, label: insuranceApplicantTypeLabels[t] }))} />
      </Form.Item>
      <Form.Item name="qualifications" label="企业资质" rules={[{ required: true, message: '请选择企业资质' }]}>
        <Checkbox.Group options={INSURANCE_QUALIFICATIONS.map((t) => ({ value: t, label: insuranceQualificationLabels[t] }))} />
      </Form.Item>
      <Form.Item name="annualRatePercent" label="建议年费率（%）" rules={[{ required: true, message: '请输入建议年费率' }]}>
        <Input placeholder="如 1 表示 1%" style={{ width: 200 }} suffix="%" />
      </Form.Item>
      {INSURANCE_PRODUCT_DOCS.map((kind) => (
        <Form.Item key={kind} name={kind} label={insuranceProductDocLabels[kind]}>
          <FileUploadField max={1} buttonText={`上传${insuranceProductDocLabels[kind]}`} />
        </Form.Item>
      ))}
    </FormModal>
  );
}

function AccountModal({ insurer, onClose }: { insurer: Insurer; onClose: () => void }) {
  const [form] = Form.useForm<{ accountName: string; accountBank: string; accountNo: string }>();
  const save = useSaveInsurerAccount();
  const { message } = App.useApp();
  const s = zInsurerAccountRequest.shape;
  return (
    <FormModal
      title={`收款账户 · ${insurer.name}`}
      name="account"
      open
      form={form}
      onClose={onClose}
      initialValues={insurer.account ?? { accountName: insurer.name }}
      onSubmit={async (v) => {
        await save.mutateAsync({ orgId: insurer.orgId, body: { accountName: v.accountName.trim(), accountBank: v.accountBank.trim(), accountNo: v.accountNo.trim() } });
        message.success('收款账户已保存');
        onClose();
      }}
    >
      <Form.Item name="accountName" label="银行开户名" rules={[{ required: true, whitespace: true, message: '请输入银行开户名' }, zodRule(s.accountName)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="accountBank" label="开户银行" rules={[{ required: true, whitespace: true, message: '请输入开户银行' }, zodRule(s.accountBank)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="accountNo" label="银行账号" rules={[{ required: true, message: '请输入银行账号' }, zodRule(s.accountNo)]}>
        <Input maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}

/** 保险产品管理 (admin, issue 12): the insurers and their 收款账户; the products (新增 / 修改 / 下架). */
export default function InsuranceCataloguePage() {
  const insurers = useInsurers();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const withdraw = useWithdrawProduct();
  const [editing, setEditing] = useState<InsuranceProduct | null | 'new'>(null);
  const [account, setAccount] = useState<Insurer | null>(null);
  const table = useRef<ActionType>(null);
  const columns: ProColumns<InsuranceProduct>[] = [
    { title: '产品名称', dataIndex: 'name', width: 240, fieldProps: { placeholder: '请输入产品名称' } },
    {
      title: '保险公司',
      dataIndex: 'insurerOrgId',
      valueType: 'select',
      width: 240,
      fieldProps: { options: (insurers.data ?? []).map((i) => ({ value: i.orgId, label: i.name })), placeholder: '请选择保险公司' },
      render: (_, p) => p.insurerName,
    },
    { title: '产品类型', key: 'type', search: false, width: 90, render: (_, p) => insuranceProductTypeLabels[p.productType] },
    { title: '建议年费率', dataIndex: 'annualRateText', search: false, width: 100 },
    { title: '企业资质', key: 'q', search: false, ellipsis: true, width: 220, render: (_, p) => p.qualifications.map((x) => insuranceQualificationLabels[x]).join('、') },
    {
      title: '相关文件',
      key: 'docs',
      search: false,
      width: 180,
      render: (_, p) => (
        <Space size={6} wrap>
          {p.documents.map((d) => (
            <Typography.Link key={d.kind} href={fileUrl(d.file.id)} download={d.file.name}>
              {insuranceProductDocLabels[d.kind]}
            </Typography.Link>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'withdrawn',
      valueType: 'select',
      valueEnum: { '0': { text: '在售' }, '1': { text: '已下架' } },
      width: 90,
      render: (_, p) => (p.withdrawn ? <Tag>已下架</Tag> : <Tag color="success">在售</Tag>),
    },
    { title: '更新时间', dataIndex: 'updatedAt', search: false, width: 160, render: (_, p) => formatDateTime(p.updatedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      fixed: 'right',
      render: (_, p) => [
        <a key="edit" onClick={() => setEditing(p)}>
          修改
        </a>,
        !p.withdrawn && (
          <a
            key="withdraw"
            onClick={() =>
              modal.confirm({
                title: '下架保险产品',
                content: `下架后「${p.name}」不再向企业报价，已下单的订单不受影响。确定下架吗？`,
                okText: '确定下架',
                cancelText: '取消',
                onOk: async () => {
                  await withdraw.mutateAsync(p.id);
                  message.success('已下架');
                  void table.current?.reload();
                },
              })
            }
          >
            下架
          </a>
        ),
      ],
    },
  ];
  return (
    <PageContainer title="保险产品管理">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="保险公司及收款账户">
          <Table<Insurer>
            rowKey="orgId"
            size="small"
            loading={insurers.isPending}
            dataSource={insurers.data ?? []}
            pagination={false}
            columns={[
              { title: '保险公司名称', dataIndex: 'name', key: 'name' },
              { title: '银行开户名', key: 'an', render: (_, i) => i.account?.accountName ?? <Typography.Text type="secondary">未登记</Typography.Text> },
              { title: '开户银行', key: 'ab', render: (_, i) => i.account?.accountBank ?? '-' },
              { title: '银行账号', key: 'no', render: (_, i) => i.account?.accountNo ?? '-' },
              { title: '在售产品', dataIndex: 'products', key: 'p', width: 90 },
              { title: '操作', key: 'op', width: 100, render: (_, i) => <a onClick={() => setAccount(i)}>设置收款账户</a> },
            ]}
          />
        </Card>
        <ProTable<InsuranceProduct, { name?: string; insurerOrgId?: string; withdrawn?: '0' | '1' }>
          rowKey="id"
          actionRef={table}
          headerTitle="保险产品"
          columns={columns}
          cardBordered
          search={{ labelWidth: 'auto', defaultCollapsed: false }}
          options={{ density: false, setting: false, reload: true }}
          pagination={tablePagination}
          onRequestError={tableRequestError(message.error)}
          scroll={{ x: 1400 }}
          toolBarRender={() => [
            <Button key="new" type="primary" onClick={() => setEditing('new')}>
              新增产品
            </Button>,
          ]}
          request={async ({ current, pageSize, name, insurerOrgId, withdrawn }) =>
            toTableResult(await qc.fetchQuery(productListQueryOptions({ name: name?.trim() || undefined, insurerOrgId: insurerOrgId || undefined, withdrawn: withdrawn || undefined, page: current ?? 1, pageSize: pageSize ?? 10 })))
          }
        />
      </Space>
      {editing && <ProductModal product={editing === 'new' ? null : editing} insurers={insurers.data ?? []} onClose={() => {
            setEditing(null);
            void table.current?.reload();
          }} />}
      {account && <AccountModal insurer={account} onClose={() => setAccount(null)} />}
    </PageContainer>
  );
}
