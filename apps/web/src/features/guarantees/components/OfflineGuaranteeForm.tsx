import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Descriptions, Form, Input, Modal, Result, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  OFFLINE_INSTRUMENT_TYPES,
  offlineDefaultProductName,
  offlineGuaranteeFieldLabels as L,
  offlineInstrumentTypeLabels,
  zGuaranteeNo,
  zPhone,
  type OfflineInstrumentType,
} from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { fenToInput, parseYuan, showYuan } from '../../../lib/money';
import { zodRule } from '../../../lib/zod-rule';
import { AmountInput } from '../../../components/AmountInput';
import { FileUploadField, fileRule, storedFile, uploadedFileId, type FileFieldValue } from '../../../components/FileUploadField';
import { useOfflineGuaranteeForm, useSubmitOfflineGuarantee, type OfflineGuarantee, type OfflineGuaranteeFormInfo } from '../api/guarantees';

/** 承保出单机构 not on the platform: the name is typed. */
const OTHER_ISSUER = '__other__';
const DATE = 'YYYY-MM-DD';

interface Values {
  instrumentType: OfflineInstrumentType;
  handlerName?: string;
  handlerPhone?: string;
  bankBrand?: string;
  issuer?: string;
  issuerName?: string;
  productName?: string;
  guaranteeNo?: string;
  amount?: string;
  fee?: string;
  issuedOn?: Dayjs | null;
  period?: [Dayjs | null, Dayjs | null] | null;
  files?: FileFieldValue;
}

/** Server field names → the fields of this form. */
const SERVER_FIELDS: Record<string, keyof Values> = {
  instrumentType: 'instrumentType',
  handlerName: 'handlerName',
  handlerPhone: 'handlerPhone',
  bankBrand: 'bankBrand',
  issuerOrgId: 'issuer',
  issuerName: 'issuerName',
  productName: 'productName',
  guaranteeNo: 'guaranteeNo',
  amount: 'amount',
  fee: 'fee',
  issuedOn: 'issuedOn',
  validFrom: 'period',
  validTo: 'period',
  fileId: 'files',
};


function initialValues(info: OfflineGuaranteeFormInfo): Values {
  const prev = info.lastReturned;
  if (!prev) return { instrumentType: 'bank_guarantee', productName: offlineDefaultProductName.bank_guarantee };
  return {
    instrumentType: prev.instrumentType,
    handlerName: prev.handlerName,
    handlerPhone: prev.handlerPhone,
    bankBrand: prev.bankBrand,
    issuer: prev.issuerOrgId ?? OTHER_ISSUER,
    issuerName: prev.issuerOrgId ? undefined : prev.issuerName,
    productName: prev.productName,
    guaranteeNo: prev.guaranteeNo,
    amount: prev.amount,
    fee: prev.fee,
    issuedOn: dayjs(prev.issuedOn, DATE),
    period: [dayjs(prev.validFrom, DATE), dayjs(prev.validTo, DATE)],
    files: storedFile(prev.file),
  };
}

function FormBody({
  info,
  confirmedSwitch,
  onClose,
  onSubmitted,
}: {
  info: OfflineGuaranteeFormInfo;
  confirmedSwitch: boolean;
  onClose: () => void;
  onSubmitted?: (g: OfflineGuarantee) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { modal, message } = App.useApp();
  const submit = useSubmitOfflineGuarantee();
  const [error, setError] = useState<string | null>(null);
  const instrumentType = Form.useWatch('instrumentType', form) ?? 'bank_guarantee';
  const issuer = Form.useWatch('issuer', form);
  const required = info.requiredAmount;

  // 承保出单机构: the banks for a 银行保函, the insurers for a 保证保险, or a name typed by hand
  const issuerOptions = useMemo(() => {
    const type = instrumentType === 'bank_guarantee' ? 'bank' : 'insurer';
    return [
      ...info.issuers.filter((o) => o.type === type).map((o) => ({ value: o.id, label: o.name })),
      { value: OTHER_ISSUER, label: '其他机构（手工填写）' },
    ];
  }, [info.issuers, instrumentType]);

  function onValuesChange(changed: Partial<Values>, all: Values) {
    if ('instrumentType' in changed && changed.instrumentType) {
      const before = changed.instrumentType === 'bank_guarantee' ? 'surety_insurance' : 'bank_guarantee';
      // the default 产品名称 follows the type unless the user wrote another
      const keepName = !!all.productName && all.productName !== offlineDefaultProductName[before];
      form.setFieldsValue({ issuer: undefined, ...(keepName ? {} : { productName: offlineDefaultProductName[changed.instrumentType] }) });
    }
  }

  function showServerErrors(e: unknown): boolean {
    if (!(e instanceof ApiError)) return false;
    const fields = Object.entries(e.fieldErrors)
      .map(([k, msgs]) => [SERVER_FIELDS[k], msgs] as const)
      .filter((x): x is readonly [keyof Values, string[]] => !!x[0]);
    // a 保函号 in force or already awaiting review: under the field
    if (e.code === 'GUARANTEE_NO_IN_FORCE' || (e.code === 'CONFLICT' && (e.details as { number?: string } | undefined)?.number)) fields.push(['guaranteeNo', [e.message]]);
    if (!fields.length) return false;
    form.setFields(fields.map(([name, errors]) => ({ name, errors })));
    form.scrollToField(fields[0]![0]);
    return true;
  }

  async function send(v: Values, confirmSwitch: boolean) {
    setError(null);
    const [from, to] = v.period ?? [];
    try {
      const g = await submit.mutateAsync({
        projectId: info.projectId,
        instrumentType: v.instrumentType,
        handlerName: (v.handlerName ?? '').trim(),
        handlerPhone: (v.handlerPhone ?? '').trim(),
        bankBrand: (v.bankBrand ?? '').trim(),
        issuerOrgId: v.issuer && v.issuer !== OTHER_ISSUER ? v.issuer : undefined,
        issuerName: v.issuer === OTHER_ISSUER ? v.issuerName?.trim() : undefined,
        productName: (v.productName ?? '').trim(),
        guaranteeNo: (v.guaranteeNo ?? '').trim(),
        amount: fenToInput(parseYuan(v.amount)!),
        fee: fenToInput(parseYuan(v.fee)!),
        issuedOn: v.issuedOn!.format(DATE),
        validFrom: from!.format(DATE),
        validTo: to!.format(DATE),
        fileId: uploadedFileId(v.files)!,
        confirmSwitch: confirmSwitch || undefined,
      });
      message.success('保单保函已提交，等待人社部门审核');
      onSubmitted?.(g);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PAYMENT_SWITCH_CONFIRM') {
        modal.confirm({
          title: '切换缴纳方式',
          content: e.message,
          okText: '确定切换',
          cancelText: '取消',
          onOk: () => send(v, true),
        });
        return;
      }
      if (!showServerErrors(e)) setError(errorMessage(e));
    }
  }

  const amountRule = {
    validator: (_r: unknown, v: string | undefined) => {
      if (v === undefined || v === '') return Promise.resolve();
      const fen = parseYuan(v);
      if (fen === null || fen <= 0n) return Promise.reject(new Error('保额应大于0，最多两位小数'));
      const need = parseYuan(required);
      if (need !== null && fen < need) return Promise.reject(new Error(`保额不能低于保证金应缴金额 ${showYuan(required)} 元`));
      return Promise.resolve();
    },
  };
  const periodRule = {
    validator: (_r: unknown, v: Values['period']) => {
      if (!v || !v[0] || !v[1]) return Promise.reject(new Error('请选择保函期限'));
      if (v[1].isBefore(v[0], 'day')) return Promise.reject(new Error('保函期限的结束日期不能早于开始日期'));
      if (v[1].isBefore(dayjs(), 'day')) return Promise.reject(new Error('保函期限已结束，请上传在有效期内的保函'));
      return Promise.resolve();
    },
  };
  const col = (node: React.ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );
  const req = (message: string) => ({ required: true, whitespace: true, message });

  return (
    <div>
      <Typography.Title level={5} style={{ margin: '4px 0 12px' }}>
        保单信息
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        items={[
          { key: 'enterprise', label: L.enterpriseName, children: info.enterpriseName },
          { key: 'project', label: L.projectName, children: info.projectName },
        ]}
        style={{ marginBottom: 8 }}
      />
      {info.lastReturned && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`上次上传的保单保函（保函号 ${info.lastReturned.guaranteeNo}）已退回，已按上次内容填写，请修改后重新提交`}
          description={`退回原因：${info.lastReturned.returnReason ?? '-'}`}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        name="offlineGuarantee"
        layout="horizontal"
        labelCol={{ flex: '112px' }}
        labelWrap
        wrapperCol={{ flex: 1 }}
        initialValues={initialValues(info)}
        onValuesChange={onValuesChange}
        onFinish={(v) => send(v, confirmedSwitch)}
        scrollToFirstError
      >
        <Row gutter={24}>
          {col(
            <Form.Item name="instrumentType" label={L.instrumentType} rules={[{ required: true, message: `请选择${L.instrumentType}` }]}>
              <Select options={OFFLINE_INSTRUMENT_TYPES.map((t) => ({ value: t, label: offlineInstrumentTypeLabels[t] }))} />
            </Form.Item>,
          )}
          <Col xs={0} md={12} />
          {col(
            <Form.Item name="handlerName" label={L.handlerName} rules={[req(`请输入${L.handlerName}`), { max: 30, message: `${L.handlerName}不能超过30个字符` }]}>
              <Input placeholder="请输入内容" maxLength={30} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="handlerPhone" label={L.handlerPhone} rules={[req(`请输入${L.handlerPhone}`), zodRule(zPhone)]}>
              <Input placeholder="请输入内容" maxLength={11} inputMode="numeric" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="bankBrand" label={L.bankBrand} rules={[req(`请输入${L.bankBrand}`), { max: 50, message: `${L.bankBrand}不能超过50个字符` }]}>
              <Input placeholder="请输入内容（如 中国建设银行）" maxLength={50} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="issuer" label={L.issuerOrgId} rules={[{ required: true, message: `请选择${L.issuerOrgId}` }]}>
              <Select placeholder="请选择" options={issuerOptions} showSearch optionFilterProp="label" />
            </Form.Item>,
          )}
          {issuer === OTHER_ISSUER && <Col xs={0} md={12} />}
          {issuer === OTHER_ISSUER &&
            col(
              <Form.Item name="issuerName" label={L.issuerName} rules={[req(`请输入${L.issuerName}`), { max: 100, message: `${L.issuerName}不能超过100个字符` }]}>
                <Input placeholder="请输入出具保函的机构全称" maxLength={100} />
              </Form.Item>,
            )}
          {col(
            <Form.Item name="productName" label={L.productName} rules={[req(`请输入${L.productName}`), { max: 100, message: `${L.productName}不能超过100个字符` }]}>
              <Input placeholder="请输入内容" maxLength={100} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="guaranteeNo" label={L.guaranteeNo} rules={[req(`请输入${L.guaranteeNo}`), zodRule(zGuaranteeNo)]}>
              <Input placeholder="请输入内容" maxLength={64} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="amount" label={L.amount} rules={[{ required: true, message: `请输入${L.amount}` }, amountRule]} extra={required ? `不低于保证金应缴金额 ${showYuan(required)} 元` : undefined}>
              <AmountInput placeholder="请输入内容" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="fee" label={L.fee} rules={[{ required: true, message: `请输入${L.fee}` }]}>
              <AmountInput placeholder="请输入内容" />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="issuedOn"
              label={L.issuedOn}
              rules={[
                { required: true, message: `请选择${L.issuedOn}` },
                { validator: (_r, d: Dayjs | null) => (d && d.isAfter(dayjs(), 'day') ? Promise.reject(new Error('出函日期不能晚于今天')) : Promise.resolve()) },
              ]}
            >
              <DatePicker style={{ width: '100%' }} format={DATE} placeholder="请选择日期" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="period" label={L.period} required rules={[periodRule]}>
              <DatePicker.RangePicker style={{ width: '100%' }} format={DATE} placeholder={['开始日期', '结束日期']} separator="~" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="files" label={L.fileId} required rules={[fileRule(L.fileId, true)]}>
              <FileUploadField max={1} buttonText="添加文件" hint={(n, max) => `${n}/${max} 单个文件不超过100M，支持 PDF、JPG、PNG`} />
            </Form.Item>,
          )}
        </Row>
        <div style={{ display: 'flex', justifyContent: 'flex-end', borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              确定
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

/**
 * 保单保函上传 (manual 2.2.1): an offline guarantee or policy of the project, for the 人社监管单位 to
 * verify. The deposit card (定额保证金) and 项目详情 open it; `onSubmitted` gets the new upload.
 */
export function OfflineGuaranteeForm({
  projectId,
  open,
  confirmSwitch = false,
  onClose,
  onSubmitted,
}: {
  projectId: string;
  open: boolean;
  /** the user already confirmed closing the way being tried (the deposit card asked); otherwise the form asks if the server says so */
  confirmSwitch?: boolean;
  onClose: () => void;
  onSubmitted?: (g: OfflineGuarantee) => void;
}) {
  const info = useOfflineGuaranteeForm(projectId, open);
  return (
    <Modal title="保单保函上传" open={open} onCancel={onClose} footer={null} destroyOnHidden width={920} maskClosable={false}>
      {info.isPending ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : info.isError ? (
        <Result status="warning" title="加载失败" subTitle={info.error.message} />
      ) : !info.data.mayUpload ? (
        <Result status="info" title="暂不能上传保单保函" subTitle={info.data.reason} extra={<Button onClick={onClose}>知道了</Button>} />
      ) : (
        <FormBody info={info.data} confirmedSwitch={confirmSwitch} onClose={onClose} onSubmitted={onSubmitted} />
      )}
    </Modal>
  );
}

/**
 * The 保单保函上传 button of the deposit card (定额保证金): `ask` is the card's switch confirmation
 * ("切换缴纳方式将关闭当前的…办理，确定切换吗？"), asked before the form opens when another way is open.
 */
export function OfflineUploadButton({ projectId, ask }: { projectId: string; ask: (then: (confirmed: boolean) => void) => void }) {
  const [open, setOpen] = useState<{ confirmed: boolean } | null>(null);
  return (
    <>
      <Button onClick={() => ask((confirmed) => setOpen({ confirmed }))} data-testid="offline-guarantee-upload">
        保单保函上传
      </Button>
      <OfflineGuaranteeForm projectId={projectId} open={!!open} confirmSwitch={open?.confirmed ?? false} onClose={() => setOpen(null)} />
    </>
  );
}
