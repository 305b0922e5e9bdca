import { useState } from 'react';
import { Select } from 'antd';
import type { OrgType } from '@benxi/shared';
import { useOrganizationOptions } from '../api/organizations';

interface Props {
  type: OrgType | undefined;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  /** An organisation that may not be chosen (an organisation is not its own parent). */
  excludeId?: string;
  allowClear?: boolean;
  id?: string;
}

/** 所属单位 / 上级单位: the enabled organisations of one type, searched on the server by name. */
export function OrgSelect({ type, value, onChange, placeholder, excludeId, allowClear, id }: Props) {
  const [keyword, setKeyword] = useState('');
  const query = useOrganizationOptions(type, keyword);
  const options = (query.data?.items ?? [])
    .filter((o) => o.id !== excludeId && (o.enabled || o.id === value))
    .map((o) => ({ value: o.id, label: o.name ?? '（未命名单位）' }));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      showSearch
      filterOption={false}
      onSearch={setKeyword}
      onBlur={() => setKeyword('')}
      loading={query.isFetching}
      disabled={!type}
      allowClear={allowClear}
      placeholder={type ? (placeholder ?? '请选择单位（可输入名称搜索）') : '请先选择类型'}
      options={options}
      notFoundContent={query.isFetching ? '正在加载…' : '没有匹配的单位'}
    />
  );
}
