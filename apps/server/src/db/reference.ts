import { eq } from 'drizzle-orm';
import { BENXI_REGIONS, DEFAULT_DICTIONARIES, DICT_TYPES } from '@benxi/shared';
import type { Db } from './client';
import { appSecrets, dictItems, organizations, regions, supervisionMappings } from './schema/index';

/** Benxi's real supervision structure: the city bureaus and the district bureaus under them. */
const HRSS_UNITS: Record<string, string> = {
  '210500': '辽宁省本溪市人力资源和社会保障局',
  '210502': '本溪市平山区人力资源和社会保障局',
  '210503': '本溪市溪湖区人力资源和社会保障局',
  '210504': '本溪市明山区人力资源和社会保障局',
  '210505': '本溪市南芬区人力资源和社会保障局',
  '210521': '本溪满族自治县人力资源和社会保障局',
  '210522': '桓仁满族自治县人力资源和社会保障局',
};
const HOUSING_UNITS: Record<string, string> = {
  '210500': '辽宁省本溪市住房和城乡建设局',
  '210502': '本溪市平山区住房和城乡建设局',
  '210503': '本溪市溪湖区住房和城乡建设局',
  '210504': '本溪市明山区住房和城乡建设局',
  '210505': '本溪市南芬区住房和城乡建设局',
  '210521': '本溪满族自治县住房和城乡建设局',
  '210522': '桓仁满族自治县住房和城乡建设局',
};
const CITY_UNITS = {
  transport: '辽宁省本溪市交通运输局',
  water: '辽宁省本溪市水利局',
};
export const REFERENCE_BANKS = ['中国建设银行股份有限公司本溪分行', '中国工商银行股份有限公司本溪分行', '中国农业银行股份有限公司本溪分行', '中国银行股份有限公司本溪分行'];
export const REFERENCE_INSURERS = ['中国人民财产保险股份有限公司本溪市分公司', '中国太平洋财产保险股份有限公司本溪中心支公司', '紫金财产保险股份有限公司辽宁分公司'];

/**
 * Regions, dictionaries, the bureaus with their (type, region) → unit mapping, banks and insurers.
 * Written once (marker in app_secrets); afterwards `admin` maintains them in the app.
 */
export async function seedReference(db: Db, now = new Date()): Promise<void> {
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'reference_seeded'));
  if (marker) return;
  await db.transaction(async (tx) => {
    const claimed = await tx.insert(appSecrets).values({ key: 'reference_seeded', value: now.toISOString() }).onConflictDoNothing().returning();
    if (claimed.length === 0) return;
    await tx.insert(regions).values(BENXI_REGIONS.map((r, i) => ({ code: r.code, name: r.name, parentCode: r.parent, sort: i })));
    for (const type of DICT_TYPES) {
      await tx.insert(dictItems).values(DEFAULT_DICTIONARIES[type].map((d, i) => ({ dictType: type, code: d.code, label: d.label, sort: i })));
    }
    const unit = async (type: string, name: string, regionCode: string, parentId: string | null, industryType: string | null) => {
      const [o] = await tx
        .insert(organizations)
        .values({ type, name, regionCode, parentId, industryType, certified: true, createdAt: now })
        .returning({ id: organizations.id });
      return o!.id;
    };
    const cityHrss = await unit('hrss', HRSS_UNITS['210500']!, '210500', null, null);
    const cityHousing = await unit('authority', HOUSING_UNITS['210500']!, '210500', null, 'housing');
    const transport = await unit('authority', CITY_UNITS.transport, '210500', null, 'transport');
    const water = await unit('authority', CITY_UNITS.water, '210500', null, 'water');
    for (const r of BENXI_REGIONS) {
      const hrss = r.code === '210500' ? cityHrss : await unit('hrss', HRSS_UNITS[r.code]!, r.code, cityHrss, null);
      const housing = r.code === '210500' ? cityHousing : await unit('authority', HOUSING_UNITS[r.code]!, r.code, cityHousing, 'housing');
      await tx.insert(supervisionMappings).values([
        { kind: 'hrss', industryType: null, regionCode: r.code, orgId: hrss, isDefault: true },
        { kind: 'authority', industryType: 'housing', regionCode: r.code, orgId: housing, isDefault: true },
        { kind: 'authority', industryType: 'transport', regionCode: r.code, orgId: transport, isDefault: true },
        { kind: 'authority', industryType: 'water', regionCode: r.code, orgId: water, isDefault: true },
        { kind: 'authority', industryType: 'other', regionCode: r.code, orgId: housing, isDefault: true },
      ]);
      // a district project may also be put under the city housing bureau directly
      if (r.code !== '210500') {
        await tx.insert(supervisionMappings).values({ kind: 'authority', industryType: 'housing', regionCode: r.code, orgId: cityHousing, isDefault: false });
      }
    }
    for (const name of REFERENCE_BANKS) await unit('bank', name, '210500', null, null);
    for (const name of REFERENCE_INSURERS) await unit('insurer', name, '210500', null, null);
  });
}

/** The reference organisation of a given type and name (demo accounts attach to them). */
export async function findOrg(db: Db, name: string): Promise<string | null> {
  const [o] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).limit(1);
  return o?.id ?? null;
}
