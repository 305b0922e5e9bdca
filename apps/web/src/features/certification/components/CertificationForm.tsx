import { useState } from 'react';
import { Alert, App, AutoComplete, Button, Col, Form, Input, Row, Select, Space } from 'antd';
import {
  CERT_TYPES,
  QUALIFICATIONS,
  checkCreditCode,
  creditCodeMessages,
  zCertificationRequest,
} from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { zodRule } from '../../../lib/zod-rule';
import {
  FileUploadField,
  fileRule,
  storedFile,
  uploadedFileId,
  type FileFieldValue,
} from '../../../components/FileUploadField';
import { useSubmitCertification, type Certification } from '../api/certification';

interface Values {
  enterpriseName: string;
  creditCode: string;
  certType: string;
  qualification: string;
  registeredRegion: string;
  registeredAddress: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  licenseFile: FileFieldValue;
  qualificationFile: FileFieldValue;
}

const BENXI_REGIONS = [
  '辽宁省本溪市平山区',
  '辽宁省本溪市溪湖区',
  '辽宁省本溪市明山区',
  '辽宁省本溪市南芬区',
  '辽宁省本溪市本溪满族自治县',
  '辽宁省本溪市桓仁满族自治县',
  '辽宁省本溪市高新技术产业开发区',
];

const shape = zCertificationRequest.shape;

const creditCodeRule = {
  validator: (_: unknown, value: unknown) => {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v) return Promise.reject(new Error('请输入统一社会信用代码'));
    const problem = checkCreditCode(v);
    return problem ? Promise.reject(new Error(creditCodeMessages[problem])) : Promise.resolve();
  },
};

function initialValues(c?: Certification | null): Partial<Values> {
  if (!c) return { certType: CERT_TYPES[0], licenseFile: [], qualificationFile: [] };
  return {
    enterpriseName: c.enterpriseName,
    creditCode: c.creditCode,
    certType: c.certType,
    qualification: c.qualification,
    registeredRegion: c.registeredRegion,
    registeredAddress: c.registeredAddress,
    legalRepresentative: c.legalRepresentative,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    licenseFile: storedFile(c.licenseFile),
    qualificationFile: storedFile(c.qualificationFile),
  };
}

interface Props {
  /** A refused application whose data pre-fills the form (重新申请认证). */
  previous?: Certification | null;
  onSubmitted: (c: Certification) => void;
  onCancel?: () => void;
}

/** 认证信息 form of the manual (1.3); every field with * is required. */
export function CertificationForm({ previous, onSubmitted, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const { modal, message } = App.useApp();
  const submit = useSubmitCertification();
  const [error, setError] = useState<string | null>(null);

  async function send(values: Values) {
    setError(null);
    try {
      const created = await submit.mutateAsync({
        enterpriseName: values.enterpriseName.trim(),
        creditCode: values.creditCode.trim(),
        certType: values.certType as (typeof CERT_TYPES)[number],
        qualification: values.qualification as (typeof QUALIFICATIONS)[number],
        registeredRegion: values.registeredRegion.trim(),
        registeredAddress: values.registeredAddress.trim(),
        legalRepresentative: values.legalRepresentative.trim(),
        contactName: values.contactName.trim(),
        contactPhone: values.contactPhone.trim(),
        licenseFileId: uploadedFileId(values.licenseFile)!,
        qualificationFileId: uploadedFileId(values.qualificationFile) ?? null,
      });
      message.success('认证信息已提交，请等待审核');
      onSubmitted(created);
    } catch (e) {
      const shown = applyServerErrors(form, e, { CREDIT_CODE_TAKEN: 'creditCode' });
      const fieldMap: Record<string, keyof Values> = { licenseFileId: 'licenseFile', qualificationFileId: 'qualificationFile' };
      const fileErrors = e instanceof ApiError ? e.fieldErrors : {};
      const mapped = Object.entries(fileErrors).filter(([k]) => k in fieldMap);
      if (mapped.length) form.setFields(mapped.map(([k, errors]) => ({ name: fieldMap[k]!, errors })));
      if (!shown && !mapped.length) setError(errorMessage(e));
    }
  }

  function confirmAndSend(values: Values) {
    modal.confirm({
      title: '确认提交认证信息？',
      content: '提交后将进入审核，审核期间不能修改认证信息。请确认企业名称、统一社会信用代码等信息准确无误。',
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: () => send(values),
    });
  }

  return (
    <Form<Values>
      form={form}
      name="certification"
      layout="vertical"
      initialValues={initialValues(previous)}
      onFinish={confirmAndSend}
      scrollToFirstError
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Row gutter={32}>
        <Col xs={24} md={12}>
          <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, message: '请输入企业名称' }, zodRule(shape.enterpriseName)]}>
            <Input placeholder="请输入营业执照上的企业名称" maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            required
            rules={[creditCodeRule]}
            normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
          >
            <Input placeholder="请输入18位统一社会信用代码" maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="certType" label="认证类型" rules={[{ required: true, message: '请选择认证类型' }]}>
            <Select placeholder="请选择认证类型" options={CERT_TYPES.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="qualification" label="企业资质" rules={[{ required: true, message: '请选择企业资质' }]}>
            <Select placeholder="请选择企业资质" options={QUALIFICATIONS.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="registeredRegion" label="企业注册地" rules={[{ required: true, message: '请输入企业注册地' }, zodRule(shape.registeredRegion)]}>
            <AutoComplete
              placeholder="请输入或选择企业注册地，如：辽宁省本溪市平山区"
              options={BENXI_REGIONS.map((v) => ({ value: v }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              maxLength={50}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="registeredAddress" label="注册地址" rules={[{ required: true, message: '请输入注册地址' }, zodRule(shape.registeredAddress)]}>
            <Input placeholder="请输入详细注册地址" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ required: true, message: '请输入法定代表人' }, zodRule(shape.legalRepresentative)]}>
            <Input placeholder="请输入法定代表人姓名" maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请输入联系人' }, zodRule(shape.contactName)]}>
            <Input placeholder="请输入联系人姓名" maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[{ required: true, message: '请输入联系电话' }, zodRule(shape.contactPhone)]}
          >
            <Input placeholder="请输入联系人手机号码" maxLength={11} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} />
        <Col xs={24} md={12}>
          <Form.Item name="licenseFile" label="营业执照" required rules={[fileRule('营业执照', true)]}>
            <FileUploadField />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="qualificationFile" label="资质证书" rules={[fileRule('资质证书', false)]}>
            <FileUploadField />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item style={{ marginBottom: 0, textAlign: 'center' }}>
        <Space size="middle">
          {onCancel && <Button onClick={onCancel}>取消</Button>}
          <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} style={{ minWidth: 160 }}>
            提交认证
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
