import { App, Checkbox, Form, Input, Select } from 'antd';
import { bankOfferLabels as L } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { useBankOffers, useSaveBankOffer } from '../api/payment';

interface Values {
  regions?: string[];
  offersCashAccount?: boolean;
  offersGuarantee?: boolean;
  accountInstructions?: string;
  accountBank?: string;
  contactName?: string;
  contactPhone?: string;
}

/** 银行业务 of one bank (admin): the regions it serves, the 专用账户 with its 开户须知, online 保函. */
export function BankOfferModal({ bank, regions, onClose }: { bank: { id: string; name: string | null }; regions: { value: string; label: string }[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const offers = useBankOffers();
  const save = useSaveBankOffer();
  const offer = offers.data?.find((o) => o.orgId === bank.id);
  const cash = Form.useWatch('offersCashAccount', form);
  if (offers.isPending) return null;
  return (
    <FormModal<Values>
      title={`银行业务：${bank.name ?? ''}`}
      name="bankOffer"
      open
      form={form}
      width={640}
      onClose={onClose}
      initialValues={{
        regions: offer?.regions.length ? offer.regions : ['210500'],
        offersCashAccount: offer?.offersCashAccount ?? false,
        offersGuarantee: offer?.offersGuarantee ?? false,
        accountInstructions: offer?.accountInstructions ?? '',
        accountBank: offer?.accountBank ?? undefined,
        contactName: offer?.contactName ?? undefined,
        contactPhone: offer?.contactPhone ?? undefined,
      }}
      onSubmit={async (v) => {
        await save.mutateAsync({
          orgId: bank.id,
          body: {
            regions: v.regions ?? [],
            offersCashAccount: !!v.offersCashAccount,
            offersGuarantee: !!v.offersGuarantee,
            accountInstructions: v.accountInstructions ?? '',
            accountBank: v.accountBank?.trim() || undefined,
            contactName: v.contactName?.trim() || undefined,
            contactPhone: v.contactPhone?.trim() || undefined,
          },
        });
        message.success('银行业务已保存');
        onClose();
      }}
    >
      <Form.Item name="regions" label={L.regions} rules={[{ required: true, message: '请至少选择一个服务地区' }]} extra="选择本溪市即服务全部区县">
        <Select mode="multiple" options={regions} placeholder="请选择服务地区" />
      </Form.Item>
      <Form.Item name="offersCashAccount" valuePropName="checked" label="现金存缴">
        <Checkbox>{L.offersCashAccount}</Checkbox>
      </Form.Item>
      <Form.Item name="offersGuarantee" valuePropName="checked" label="保函">
        <Checkbox>{L.offersGuarantee}</Checkbox>
      </Form.Item>
      <Form.Item name="accountInstructions" label={L.accountInstructions} rules={[{ required: !!cash, whitespace: true, message: '开立专用账户的银行须填写开户须知' }]}>
        <Input.TextArea rows={6} maxLength={2000} placeholder="企业选择本行现金存缴时看到的开户须知（每行一段）" />
      </Form.Item>
      <Form.Item name="accountBank" label={L.accountBank}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contactName" label={L.contactName}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="contactPhone" label={L.contactPhone}>
        <Input maxLength={30} />
      </Form.Item>
    </FormModal>
  );
}
