import type { ReactNode } from 'react';
import { Descriptions } from 'antd';
import type { TCertification } from '@benxi/shared';
import { formatDateTime } from '@benxi/shared';
import { FileLink } from './FileLink';

/** 认证信息 table, in the order of the enterprise manual (1.3). */
export function CertificationInfo({
  certification: c,
  title = '认证信息',
  showFiles = true,
  previewFiles = false,
  extra,
}: {
  certification: TCertification;
  title?: string;
  showFiles?: boolean;
  previewFiles?: boolean;
  extra?: ReactNode;
}) {
  return (
    <Descriptions
      title={title}
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      size="middle"
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      extra={extra}
      items={[
        { key: 'enterpriseName', label: '企业名称', children: c.enterpriseName },
        { key: 'creditCode', label: '统一社会信用代码', children: c.creditCode },
        { key: 'certType', label: '认证类型', children: c.certType },
        { key: 'qualification', label: '企业资质', children: c.qualification },
        { key: 'submittedAt', label: '申请时间', children: formatDateTime(c.submittedAt) },
        { key: 'registeredRegion', label: '企业注册地', children: c.registeredRegion },
        { key: 'registeredAddress', label: '注册地址', children: c.registeredAddress, span: 'filled' as const },
        { key: 'legalRepresentative', label: '法定代表人', children: c.legalRepresentative },
        { key: 'contactName', label: '联系人', children: c.contactName },
        { key: 'contactPhone', label: '联系电话', children: c.contactPhone, span: 'filled' as const },
        ...(showFiles
          ? [
              { key: 'license', label: '营业执照', children: <FileLink file={c.licenseFile} preview={previewFiles} />, span: 'filled' as const },
              { key: 'qualificationFile', label: '资质证书', children: <FileLink file={c.qualificationFile} preview={previewFiles} />, span: 'filled' as const },
            ]
          : []),
      ]}
    />
  );
}
