import type { Db, Tx } from '../../db/client';
import { AppError } from '../../platform/errors';
import * as repo from './repository';

/** The accounts' read of unit names (modules/auth/repository.ts `organizationsByIds`), passed in by app.ts. */
export type OrganizationsByIds = (tx: Tx, ids: string[]) => Promise<{ id: string; name: string | null; enabled: boolean }[]>;

export interface DictSnapshot {
  regions: Map<string, { name: string; parentCode: string | null; enabled: boolean }>;
  items: Map<string, Map<string, { label: string; enabled: boolean }>>;
  loadedAt: number;
}

/**
 * The dictionaries every form and list reads. Small tables, read on every list: kept in memory for
 * at most a minute, and dropped at once when `admin` changes them in this process.
 */
export function createDictionaryService(deps: { db: Db; organizationsByIds: OrganizationsByIds }) {
  const { db, organizationsByIds } = deps;
  let cache: DictSnapshot | null = null;

  async function snapshot(): Promise<DictSnapshot> {
    if (cache && Date.now() - cache.loadedAt < 60_000) return cache;
    const [rs, ds] = await Promise.all([repo.listRegions(db), repo.listDictItems(db)]);
    const items = new Map<string, Map<string, { label: string; enabled: boolean }>>();
    for (const d of ds) {
      if (!items.has(d.dictType)) items.set(d.dictType, new Map());
      items.get(d.dictType)!.set(d.code, { label: d.label, enabled: d.enabled });
    }
    cache = {
      regions: new Map(rs.map((r) => [r.code, { name: r.name, parentCode: r.parentCode, enabled: r.enabled }])),
      items,
      loadedAt: Date.now(),
    };
    return cache;
  }

  return {
    snapshot,
    /**
     * The names of these regions, from the snapshot (as the project list and detail show them);
     * inside a transaction from the table. Same result as the repository's `regionNames`.
     */
    async regionNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
      if (tx !== db) return repo.regionNames(tx, codes);
      const s = await snapshot();
      const names = new Map<string, string>();
      for (const c of codes) {
        const r = s.regions.get(c);
        if (r) names.set(c, r.name);
      }
      return names;
    },
    invalidate: () => {
      cache = null;
    },

    /** Everything a form needs, enabled entries only, in display order. */
    async forForms() {
      const [rs, ds] = await Promise.all([repo.listRegions(db, { enabledOnly: true }), repo.listDictItems(db, { enabledOnly: true })]);
      const grouped: Record<string, { code: string; label: string }[]> = {};
      for (const d of ds) (grouped[d.dictType] ??= []).push({ code: d.code, label: d.label });
      return { regions: rs.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode })), items: grouped };
    },

    /** The units the dictionary offers for (行业主管类型, 主管地区): enabled ones, default first. */
    async unitOptions(tx: Tx, industryType: string, regionCode: string) {
      const mappings = await repo.mappingsFor(tx, industryType, regionCode);
      const units = new Map((await organizationsByIds(tx, [...new Set(mappings.map((m) => m.orgId))])).map((o) => [o.id, o]));
      // enabled units only, in the mappings' order
      const rows = mappings.flatMap((m) => {
        const o = units.get(m.orgId);
        return o?.enabled ? [{ kind: m.kind, id: o.id, name: o.name, isDefault: m.isDefault }] : [];
      });
      const pick = (kind: string) =>
        rows
          .filter((r) => r.kind === kind)
          .map((r) => ({ id: r.id, name: r.name ?? '', isDefault: r.isDefault }))
          .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
      return { authorities: pick('authority'), hrss: pick('hrss') };
    },

    /** An enabled entry, or a 400 naming the field. */
    async requireItem(dictType: string, code: string, field: string, label: string): Promise<string> {
      const s = await snapshot();
      const item = s.items.get(dictType)?.get(code);
      if (!item || !item.enabled) throw new AppError('VALIDATION_FAILED', `请选择有效的${label}`, { fields: { [field]: [`请选择有效的${label}`] } });
      return item.label;
    },

    async requireRegion(code: string, field: string, label: string): Promise<string> {
      const s = await snapshot();
      const r = s.regions.get(code);
      if (!r || !r.enabled) throw new AppError('VALIDATION_FAILED', `请选择有效的${label}`, { fields: { [field]: [`请选择有效的${label}`] } });
      return r.name;
    },
  };
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;
