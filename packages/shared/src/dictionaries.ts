/** Benxi's administrative divisions (GB/T 2260): the city and its six divisions. */
export const BENXI_REGIONS = [
  { code: '210500', name: '本溪市', parent: null },
  { code: '210502', name: '平山区', parent: '210500' },
  { code: '210503', name: '溪湖区', parent: '210500' },
  { code: '210504', name: '明山区', parent: '210500' },
  { code: '210505', name: '南芬区', parent: '210500' },
  { code: '210521', name: '本溪满族自治县', parent: '210500' },
  { code: '210522', name: '桓仁满族自治县', parent: '210500' },
] as const;

export const CITY_REGION = '210500';

/** Dictionaries kept by `admin`; codes are stable, labels are what users see. */
export const DICT_TYPES = ['industry_type', 'project_type', 'qualification', 'project_category'] as const;
export type DictType = (typeof DICT_TYPES)[number];
export const dictTypeLabels: Record<DictType, string> = {
  industry_type: '行业主管类型',
  project_type: '工程类型',
  qualification: '企业资质',
  project_category: '项目种类',
};

export const DEFAULT_DICTIONARIES: Record<DictType, { code: string; label: string }[]> = {
  industry_type: [
    { code: 'housing', label: '住建' },
    { code: 'transport', label: '交通' },
    { code: 'water', label: '水利' },
    { code: 'other', label: '其他' },
  ],
  project_type: [
    { code: 'building', label: '房屋建筑工程' },
    { code: 'municipal', label: '市政公用工程' },
    { code: 'highway', label: '公路工程' },
    { code: 'water', label: '水利水电工程' },
    { code: 'other', label: '其他' },
  ],
  qualification: ['综合资质', '特级', '一级', '二级', '三级', '甲级', '乙级', '其他'].map((l, i) => ({ code: `q${i}`, label: l })),
  project_category: [
    { code: 'government', label: '政府投资项目' },
    { code: 'non_government', label: '非政府投资项目' },
  ],
};
