import { Form, Input, Select } from 'antd';
import { apiClientFieldLabels, orgTypeLabels, zCreateApiClient } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { zodRule } from '../../../lib/zod-rule';
import { useApiClientOrganizations, useRegisterApiClient, type ApiClient } from '../api/api-clients';

interface Values {
  orgId?: string;
  publicKey: string;
}

const L = apiClientFieldLabels;

/** 注册: a bank's or insurer's SM2 public key; the platform generates the appId (shown after saving). */
export function RegisterApiClientModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (c: ApiClient) => void }) {
  const [form] = Form.useForm<Values>();
  const register = useRegisterApiClient();
  const orgs = useApiClientOrganizations(open);

  async function submit(v: Values) {
    const c = await register.mutateAsync({ orgId: v.orgId!, publicKey: v.publicKey.trim() });
    form.resetFields();
    onRegistered(c);
  }

  return (
    <FormModal<Values>
      title="注册开放接口客户端"
      open={open}
      form={form}
      name="register-api-client"
      onClose={onClose}
      onSubmit={submit}
      width={640}
      labelSpan={5}
      okText="注册"
      intro="机构用 npm run open-client -- keygen 或自己的密码设备生成 SM2 密钥对，私钥自行保管，只把公钥交给平台。注册后平台生成 appId，机构以 appId 和私钥签名调用 /api/open/v1。"
    >
      <Form.Item name="orgId" label={L.orgId} rules={[{ required: true, message: '请选择银行或保险公司' }]}>
        <Select
          showSearch
          placeholder="请选择银行或保险公司"
          loading={orgs.isLoading}
          optionFilterProp="label"
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name ?? '（未命名）'}（${orgTypeLabels[o.type]}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="publicKey"
        label={L.publicKey}
        rules={[{ required: true, message: '请粘贴机构的 SM2 公钥' }, zodRule(zCreateApiClient.shape.publicKey)]}
        extra="未压缩格式：04 开头的 130 位十六进制"
      >
        <Input.TextArea rows={3} placeholder="04…" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </FormModal>
  );
}
