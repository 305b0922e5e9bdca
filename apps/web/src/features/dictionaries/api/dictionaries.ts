import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DictType } from '@benxi/shared';
import { api } from '../../../lib/api';

export interface RegionOption {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface DictOption {
  code: string;
  label: string;
}

/** GET /api/dictionaries: what the forms offer (enabled entries only, in display order). */
export interface FormDictionaries {
  regions: RegionOption[];
  items: Partial<Record<DictType, DictOption[]>>;
}

export interface UnitOption {
  id: string;
  name: string;
  isDefault: boolean;
}

/** GET /api/dictionaries/units: the units the dictionary offers for (行业主管类型, 主管地区), default first. */
export interface UnitOptions {
  authorities: UnitOption[];
  hrss: UnitOption[];
}

export const dictionaryKeys = {
  forms: ['dictionaries', 'forms'] as const,
  units: (industryType: string, regionCode: string) => ['dictionaries', 'units', industryType, regionCode] as const,
};

export const formDictionariesQueryOptions = () =>
  queryOptions({
    queryKey: dictionaryKeys.forms,
    queryFn: ({ signal }) => api.get<FormDictionaries>('/api/dictionaries', undefined, signal),
    staleTime: 5 * 60_000,
  });

export const useFormDictionaries = () => useQuery(formDictionariesQueryOptions());

export function useUnitOptions(industryType: string | undefined, regionCode: string | undefined) {
  return useQuery({
    queryKey: dictionaryKeys.units(industryType ?? '', regionCode ?? ''),
    queryFn: ({ signal }) => api.get<UnitOptions>('/api/dictionaries/units', { industryType, regionCode }, signal),
    enabled: !!industryType && !!regionCode,
    staleTime: 60_000,
  });
}

/** Select options from the form dictionaries. */
export const regionSelectOptions = (d: FormDictionaries | undefined) =>
  (d?.regions ?? []).map((r) => ({ value: r.code, label: r.name }));

export const dictSelectOptions = (d: FormDictionaries | undefined, type: DictType) =>
  (d?.items[type] ?? []).map((i) => ({ value: i.code, label: i.label }));
