import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { dictItems, organizations, regions, supervisionMappings } from '../../db/schema/index';
import { AppError } from '../../platform/errors';

export interface DictSnapshot {
  regions: Map<string, { name: string; parentCode: string | null; enabled: boolean }>;
  items: Map<string, Map<string, { label: string; enabled: boolean }>>;
  loadedAt: number;
}

/**
 * The dictionaries every form and list reads. Small tables, read on every list: kept in memory for
 * at most a minute, and dropped at once when `admin` changes them in this process.
 */
export function createDictionaryService(deps: { db: Db }) {
  const { db } = deps;
  let cache: DictSnapshot | null = null;

  async function snapshot(): Promise<DictSnapshot> {
    if (cache && Date.now() - cache.loadedAt < 60_000) return cache;
    const [rs, ds] = await Promise.all([
      db.select().from(regions).orderBy(asc(regions.sort)),
      db.select().from(dictItems).orderBy(asc(dictItems.sort)),
    ]);
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
    invalidate: () => {
      cache = null;
    },

    /** Everything a form needs, enabled entries only, in display order. */
    async forForms() {
      const [rs, ds] = await Promise.all([
        db.select().from(regions).where(eq(regions.enabled, true)).orderBy(asc(regions.sort)),
        db.select().from(dictItems).where(eq(dictItems.enabled, true)).orderBy(asc(dictItems.sort)),
      ]);
      const grouped: Record<string, { code: string; label: string }[]> = {};
      for (const d of ds) (grouped[d.dictType] ??= []).push({ code: d.code, label: d.label });
      return { regions: rs.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode })), items: grouped };
    },

    /** The units the dictionary offers for (行业主管类型, 主管地区): default first. */
    async unitOptions(tx: Tx, industryType: string, regionCode: string) {
      const rows = await tx
        .select({ kind: supervisionMappings.kind, id: organizations.id, name: organizations.name, isDefault: supervisionMappings.isDefault })
        .from(supervisionMappings)
        .innerJoin(organizations, eq(organizations.id, supervisionMappings.orgId))
        .where(
          and(
            eq(supervisionMappings.regionCode, regionCode),
            eq(organizations.enabled, true),
            or(
              and(eq(supervisionMappings.kind, 'authority'), eq(supervisionMappings.industryType, industryType)),
              and(eq(supervisionMappings.kind, 'hrss'), isNull(supervisionMappings.industryType)),
            ),
          ),
        )
        .orderBy(asc(supervisionMappings.kind));
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
