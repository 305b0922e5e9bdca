import { eq } from 'drizzle-orm';
import { BENXI_REGIONS, DEFAULT_DICTIONARIES, DICT_TYPES } from '@benxi/shared';
import type { Db } from './client';
import { appSecrets, bankOffers, dictItems, organizations, regions, supervisionMappings } from './schema/index';

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

const instructions = (bank: string, branch: string, address: string) =>
  [
    `一、账户性质：在${bank}开立“农民工工资支付保证金专用账户”（工资保证金专户），专款专用，仅用于本项目工资保证金的存储、支付和返还；按活期存款利率计息，利息归施工总承包单位所有，返还时一并支付。`,
    '二、开户资料：营业执照（副本）原件及加盖公章的复印件；法定代表人身份证原件及复印件；经办人身份证原件及法定代表人授权委托书；施工合同及本平台定额申请审核通过记录；加盖公章的《农民工工资支付保证金存款协议书》（在本平台上传）。',
    '三、缴存要求：须由施工总承包单位从本单位银行账户转账缴存，付款人名称须与企业名称一致；不接受现金存入及第三方代缴。到账后银行在平台确认到账，差额部分可分次补缴。',
    `四、办理网点：${branch}（${address}），工作日 8:30—11:30、13:00—17:00。`,
  ].join('\n');

/**
 * What the reference banks offer on the platform (演示数据: the branches and addresses stand in for
 * the real ones, which the operator keeps in 单位管理 › 银行业务): every district of Benxi (210500), the
 * 工资保证金专用账户 and online 银行保函 — 中国银行 here only the guarantee, so that the choice differs.
 */
export const REFERENCE_BANK_OFFERS: Record<string, { cash: boolean; guarantee: boolean; branch: string; address: string; contact: string; phone: string }> = {
  中国建设银行股份有限公司本溪分行: { cash: true, guarantee: true, branch: '中国建设银行本溪分行营业部', address: '本溪市平山区解放北路（演示地址）', contact: '赵敏', phone: '024-42000001' },
  中国工商银行股份有限公司本溪分行: { cash: true, guarantee: true, branch: '中国工商银行本溪分行营业部', address: '本溪市平山区胜利路（演示地址）', contact: '钱峰', phone: '024-42000002' },
  中国农业银行股份有限公司本溪分行: { cash: true, guarantee: true, branch: '中国农业银行本溪分行营业部', address: '本溪市明山区新明路（演示地址）', contact: '孙丽', phone: '024-42000003' },
  中国银行股份有限公司本溪分行: { cash: false, guarantee: true, branch: '中国银行本溪分行营业部', address: '本溪市溪湖区河西路（演示地址）', contact: '李强', phone: '024-42000004' },
};

/**
 * The reference banks' offers, once (its own marker, so that a database seeded before the offers
 * existed gets them too); afterwards `admin` maintains them.
 */
export async function seedBankOffers(db: Db, now = new Date()): Promise<void> {
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'bank_offers_seeded'));
  if (marker) return;
  await db.transaction(async (tx) => {
    const claimed = await tx.insert(appSecrets).values({ key: 'bank_offers_seeded', value: now.toISOString() }).onConflictDoNothing().returning();
    if (claimed.length === 0) return;
    for (const [name, o] of Object.entries(REFERENCE_BANK_OFFERS)) {
      const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).limit(1);
      if (!org) continue;
      await tx
        .insert(bankOffers)
        .values({
          orgId: org.id,
          regions: ['210500'],
          offersCashAccount: o.cash,
          offersGuarantee: o.guarantee,
          accountInstructions: o.cash ? instructions(name, o.branch, o.address) : '',
          accountBank: o.branch,
          contactName: o.contact,
          contactPhone: o.phone,
          updatedAt: now,
        })
        .onConflictDoNothing();
    }
  });
}

/**
 * Regions, dictionaries, the bureaus with their (type, region) → unit mapping, banks and insurers.
 * Written once (marker in app_secrets); afterwards `admin` maintains them in the app.
 */
export async function seedReference(db: Db, now = new Date()): Promise<void> {
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'reference_seeded'));
  if (marker) return seedBankOffers(db, now);
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
  await seedBankOffers(db, now);
}

/** The reference organisation of a given type and name (demo accounts attach to them). */
export async function findOrg(db: Db, name: string): Promise<string | null> {
  const [o] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).limit(1);
  return o?.id ?? null;
}
