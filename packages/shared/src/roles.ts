export const ROLES = ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleLabels: Record<Role, string> = {
  enterprise: '企业用户',
  hrss: '人社监管',
  authority: '行业主管',
  bank: '经办银行',
  insurer: '保险公司',
  admin: '平台运营',
};

export const ORG_TYPES = ['enterprise', 'hrss', 'authority', 'bank', 'insurer', 'platform'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const orgTypeLabels: Record<OrgType, string> = {
  enterprise: '施工总承包单位',
  hrss: '人社监管单位',
  authority: '行业主管单位',
  bank: '经办银行',
  insurer: '保险公司',
  platform: '平台运营单位',
};

/** Which organisation type each role belongs to. */
export const roleOrgType: Record<Role, OrgType> = {
  enterprise: 'enterprise',
  hrss: 'hrss',
  authority: 'authority',
  bank: 'bank',
  insurer: 'insurer',
  admin: 'platform',
};
