import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { dictItems, regions, supervisionMappings } from '../../db/schema/index';

/**
 * The dictionaries: regions, the small code lists of the forms, and which unit supervises a
 * (行业主管类型, 地区) (docs/decisions/018). Read by the dictionary service, written by the back office
 * (admin/manage.ts), which receives these functions in its deps. Unit names are the accounts' data:
 * callers add them with the accounts' `organizationsByIds`.
 */

export type RegionRow = typeof regions.$inferSelect;
export type DictItemRow = typeof dictItems.$inferSelect;
export type MappingRow = typeof supervisionMappings.$inferSelect;

// ——— regions ———

/** In display order; `enabledOnly` for the forms. */
export async function listRegions(tx: Tx, opts: { enabledOnly?: boolean } = {}): Promise<RegionRow[]> {
  return tx
    .select()
    .from(regions)
    .where(opts.enabledOnly ? eq(regions.enabled, true) : undefined)
    .orderBy(asc(regions.sort));
}

export async function findRegion(tx: Tx, code: string): Promise<RegionRow | undefined> {
  const [row] = await tx.select().from(regions).where(eq(regions.code, code));
  return row;
}

/** The names of the regions asked for, by code. */
export async function regionNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await tx.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return new Map(found.map((r) => [r.code, r.name]));
}

export async function updateRegion(tx: Tx, code: string, patch: { name?: string; enabled?: boolean }): Promise<void> {
  await tx.update(regions).set(patch).where(eq(regions.code, code));
}

// ——— dictionary items ———

/** In display order (by `sort`; `byType` first groups them by dictionary, as the back office shows them). */
export async function listDictItems(tx: Tx, opts: { enabledOnly?: boolean; byType?: boolean } = {}): Promise<DictItemRow[]> {
  return tx
    .select()
    .from(dictItems)
    .where(opts.enabledOnly ? eq(dictItems.enabled, true) : undefined)
    .orderBy(...(opts.byType ? [asc(dictItems.dictType), asc(dictItems.sort)] : [asc(dictItems.sort)]));
}

export async function findDictItem(tx: Tx, id: string): Promise<DictItemRow | undefined> {
  const [row] = await tx.select().from(dictItems).where(eq(dictItems.id, id));
  return row;
}

export async function insertDictItem(tx: Tx, item: { id: string; dictType: string; code: string; label: string; sort: number }): Promise<void> {
  await tx.insert(dictItems).values(item);
}

export async function updateDictItem(tx: Tx, id: string, patch: { label?: string; enabled?: boolean; sort?: number }): Promise<void> {
  await tx.update(dictItems).set(patch).where(eq(dictItems.id, id));
}

export async function deleteDictItem(tx: Tx, id: string): Promise<void> {
  await tx.delete(dictItems).where(eq(dictItems.id, id));
}

// ——— supervision mappings ———

/** Every mapping, in the back office's order (region, kind, industry type). */
export async function listMappings(tx: Tx): Promise<MappingRow[]> {
  return tx
    .select()
    .from(supervisionMappings)
    .orderBy(asc(supervisionMappings.regionCode), asc(supervisionMappings.kind), asc(supervisionMappings.industryType));
}

/** The mappings that offer units for (行业主管类型, 主管地区): the authority ones of the type and the hrss ones. */
export async function mappingsFor(tx: Tx, industryType: string, regionCode: string): Promise<MappingRow[]> {
  return tx
    .select()
    .from(supervisionMappings)
    .where(
      and(
        eq(supervisionMappings.regionCode, regionCode),
        or(
          and(eq(supervisionMappings.kind, 'authority'), eq(supervisionMappings.industryType, industryType)),
          and(eq(supervisionMappings.kind, 'hrss'), isNull(supervisionMappings.industryType)),
        ),
      ),
    )
    .orderBy(asc(supervisionMappings.kind));
}

export async function findMapping(tx: Tx, id: string): Promise<MappingRow | undefined> {
  const [row] = await tx.select().from(supervisionMappings).where(eq(supervisionMappings.id, id));
  return row;
}

/** Whether a mapping names this 行业主管类型. */
export async function mappingUsesIndustry(tx: Tx, code: string): Promise<boolean> {
  const [hit] = await tx.select({ one: sql`1` }).from(supervisionMappings).where(eq(supervisionMappings.industryType, code)).limit(1);
  return !!hit;
}

/** The key's current default stops being one (before a new default is inserted). */
export async function clearDefaultMapping(tx: Tx, key: { kind: string; regionCode: string; industryType: string | null }): Promise<void> {
  await tx
    .update(supervisionMappings)
    .set({ isDefault: false })
    .where(
      and(
        eq(supervisionMappings.kind, key.kind),
        eq(supervisionMappings.regionCode, key.regionCode),
        key.industryType ? eq(supervisionMappings.industryType, key.industryType) : isNull(supervisionMappings.industryType),
      ),
    );
}

export async function insertMapping(tx: Tx, m: { id: string; kind: string; industryType: string | null; regionCode: string; orgId: string; isDefault: boolean }): Promise<void> {
  await tx.insert(supervisionMappings).values(m);
}

export async function deleteMapping(tx: Tx, id: string): Promise<void> {
  await tx.delete(supervisionMappings).where(eq(supervisionMappings.id, id));
}
