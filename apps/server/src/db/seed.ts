import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { computeRequiredDeposit, creditCodeCheckChar, DEFAULT_RATIO_PARAMS, type EnterpriseRecord, type Role } from '@benxi/shared';
import type { Db } from './client';
import { apiClients, appSecrets, attachments, certifications, files, organizations, projects, quotaApplications, users } from './schema/index';
import { hashPassword } from '../platform/passwords';
import { findOrg, seedReference } from './reference';
import { newBizCode } from '../modules/certification/service';
import { seedGuaranteeDemo } from './seed-guarantees';
import { seedInsuranceDemo } from './seed-insurance';
import { storeParams } from '../modules/rules/service';
import { createSnowflake } from '../platform/snowflake';

export const DEMO_PASSWORD = 'Benxi@2026!';

export interface DemoAccount {
  phone: string;
  role: Role;
  label: string;
  org: string;
}

/** One account per role, plus an enterprise that still has to certify. Phones are not real numbers in use. */
export const DEMO_ACCOUNTS: (DemoAccount & { orgType: string; regionCode?: string; certified?: boolean; })[] = [
  { phone: '13800000001', role: 'admin', label: '平台运营', org: '本溪市农民工工资保证金平台运营中心', orgType: 'platform' },
  { phone: '13800000002', role: 'hrss', label: '人社监管（市级）', org: '辽宁省本溪市人力资源和社会保障局', orgType: 'hrss', regionCode: '210500' },
  { phone: '13800000003', role: 'authority', label: '行业主管（住建）', org: '辽宁省本溪市住房和城乡建设局', orgType: 'authority', regionCode: '210500' },
  { phone: '13800000004', role: 'bank', label: '经办银行', org: '中国建设银行股份有限公司本溪分行', orgType: 'bank' },
  { phone: '13800000005', role: 'insurer', label: '保险公司', org: '中国人民财产保险股份有限公司本溪市分公司', orgType: 'insurer' },
  {
    phone: '13800000006',
    role: 'enterprise',
    label: '企业用户（已认证）',
    org: '本溪建工集团有限公司',
    orgType: 'enterprise',
    certified: true,
  },
  { phone: '13800000007', role: 'enterprise', label: '企业用户（未认证）', org: '（尚未认证）', orgType: 'enterprise' },
];

/** A one-page PDF standing in for the demo enterprise's scanned business licence. */
const DEMO_LICENCE_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 66 >> stream
BT /F1 24 Tf 72 760 Td (Business licence - demo data only) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

/**
 * The demo bank's and insurer's open API clients (SPEC §13), with the demo key pairs of
 * tools/open-client/demo-keys/ — public knowledge, demo data only (README, 开放接口). Fixed appIds, so
 * `npm run open-client` works against any demo database, also one seeded before they existed.
 */
export const DEMO_API_CLIENTS = [
  {
    appId: 'bx_demobank000000000000',
    org: '中国建设银行股份有限公司本溪分行',
    keyFile: 'tools/open-client/demo-keys/bank.private.hex',
    publicKey: '0441ac8cc6f772e5b9efaa1aa80515a36a4118f2ee8fffa93ef70bc72c815273f8e2e60130a0ef0b420daea2068b61f1891636a119593c9a5021ea89dc666f06a4',
  },
  {
    appId: 'bx_demoinsurer000000000',
    org: '中国人民财产保险股份有限公司本溪市分公司',
    keyFile: 'tools/open-client/demo-keys/insurer.private.hex',
    publicKey: '04a29055c3c8c44de875f0058131b7b175e6f61ed32c34aca3040d3ab12526f5266eea39ec3e81bfa88403c48ea031c99a238aa615bc2af965c71e62229dff3452',
  },
] as const;

async function seedDemoApiClients(db: Db, now: Date): Promise<void> {
  for (const c of DEMO_API_CLIENTS) {
    const orgId = await findOrg(db, c.org);
    if (!orgId) continue;
    await db.insert(apiClients).values({ appId: c.appId, orgId, publicKey: c.publicKey, enabled: true, createdAt: now }).onConflictDoNothing();
  }
}

/** Seeds the demo organisations and accounts once; later starts find the marker and do nothing. */
export async function seedDemo(db: Db, dataDir: string, now = new Date()): Promise<boolean> {
  await seedReference(db, now);
  await seedDemoApiClients(db, now);
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'demo_seeded'));
  if (marker) {
    await seedDemoPayable(db, now);
    await seedInsuranceDemo(db, dataDir, now, DEMO_PASSWORD);
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const claimed = await tx
      .insert(appSecrets)
      .values({ key: 'demo_seeded', value: now.toISOString() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return; // another process seeded meanwhile
    const made = new Map<string, { orgId: string; userId: string; creditCode?: string }>();
    for (const a of DEMO_ACCOUNTS) {
      // bureaus, banks and insurers exist already as reference data; enterprises and the operator are new
      const existing = a.orgType === 'enterprise' || a.orgType === 'platform' ? null : await findOrg(tx as unknown as Db, a.org);
      const [org] = existing
        ? await tx.select().from(organizations).where(eq(organizations.id, existing))
        : await tx
        .insert(organizations)
        .values({
          type: a.orgType,
          name: a.orgType === 'enterprise' && !a.certified ? null : a.org,
          regionCode: a.regionCode ?? null,
          certified: a.orgType !== 'enterprise' || !!a.certified,
          creditCode: null,
          createdAt: now,
        })
        .returning();
      const [user] = await tx
        .insert(users)
        .values({ phone: a.phone, name: a.label, passwordHash, role: a.role, orgId: org!.id, createdAt: now, passwordChangedAt: now })
        .returning();
      if (!made.has(a.role) && (a.role !== 'enterprise' || a.certified)) made.set(a.role, { orgId: org!.id, userId: user!.id });
      if (a.certified) {
        const creditCode = demoCreditCode();
        made.get(a.role)!.creditCode = creditCode;
        await tx.update(organizations).set({ creditCode }).where(eq(organizations.id, org!.id));
        const rel = `seed/${crypto.randomUUID()}.pdf`;
        fs.mkdirSync(path.join(dataDir, 'files', 'seed'), { recursive: true });
        fs.writeFileSync(path.join(dataDir, 'files', rel), DEMO_LICENCE_PDF);
        const [file] = await tx
          .insert(files)
          .values({
            ownerOrgId: org!.id,
            uploaderId: user!.id,
            originalName: '营业执照（演示）.pdf',
            storedPath: rel,
            mime: 'application/pdf',
            size: Buffer.byteLength(DEMO_LICENCE_PDF),
            sha256: crypto.createHash('sha256').update(DEMO_LICENCE_PDF).digest('hex'),
            createdAt: now,
          })
          .returning();
        const [cert] = await tx.insert(certifications).values({
          bizCode: newBizCode(now),
          orgId: org!.id,
          applicantId: user!.id,
          status: 'approved',
          enterpriseName: a.org,
          creditCode,
          certType: '施工单位',
          qualification: '特级',
          registeredRegion: '本溪市平山区',
          registeredAddress: '辽宁省本溪市平山区胜利路1号',
          legalRepresentative: '王建国',
          contactName: '李明',
          contactPhone: a.phone,
          submittedAt: now,
          updatedAt: now,
          decidedAt: now,
        }).returning({ id: certifications.id });
        await tx.insert(attachments).values({ fileId: file!.id, ownerType: 'certification', ownerId: cert!.id, kind: 'license', createdAt: now });
      }
    }
    // 保单保函上传 / 保函管理: an upload waiting for the city hrss, two registered guarantees (one about to expire)
    const ent = made.get('enterprise')!;
    await seedGuaranteeDemo(
      tx,
      dataDir,
      {
        enterprise: { orgId: ent.orgId, userId: ent.userId, name: DEMO_ACCOUNTS.find((a) => a.role === 'enterprise' && a.certified)!.org, creditCode: ent.creditCode! },
        hrssUserId: made.get('hrss')!.userId,
        hrssOrgId: made.get('hrss')!.orgId,
        authorityOrgId: made.get('authority')!.orgId,
        bankOrgId: made.get('bank')!.orgId,
      },
      now,
    );
  });
  await seedDemoPayable(db, now);
  // 保险办理 (issue 12): the insurers' products and collection accounts, a second insurer account
  await seedInsuranceDemo(db, dataDir, now, DEMO_PASSWORD);
  return true;
}

const CLEAN_RECORD: EnterpriseRecord = {
  arrearsInYearBeforeSigning: false,
  arrearsInTwoYearsBefore: false,
  cleanYearsInRegion: 0,
  onSeriousDishonestList: false,
  otherProjectsUnderConstructionInRegion: 0,
  realNameAndSpecialAccountMet: false,
};

/** The demo enterprise's projects whose 一般缴纳 quota 平山区 approved: 待缴纳, ready to pay (issue 11). */
export const DEMO_PAYABLE_PROJECTS = [
  { name: '本溪市平山区保障性住房项目一期', payMethod: 'cash', contractFen: 2_000_000_000n, plannedStart: '2026-03-01', plannedEnd: '2027-06-30' },
  { name: '本溪市溪湖区河西路市政道路改造工程', payMethod: 'guarantee', contractFen: 13_000_000_000n, plannedStart: '2026-04-01', plannedEnd: '2027-10-31' },
] as const;

/**
 * Once (its own marker, so that a database seeded before it gets them too): the demo enterprise's
 * projects with an approved 一般缴纳 quota, the deposit 待缴纳 — what `npm start` shows to pay.
 */
async function seedDemoPayable(db: Db, now: Date): Promise<void> {
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'demo_payable_seeded'));
  if (marker) return;
  const enterprise = await findOrg(db, '本溪建工集团有限公司');
  const hrss = await findOrg(db, '本溪市平山区人力资源和社会保障局');
  const authority = await findOrg(db, '本溪市平山区住房和城乡建设局');
  if (!enterprise || !hrss || !authority) return;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, enterprise));
  const ids = createSnowflake(1023);
  await db.transaction(async (tx) => {
    const claimed = await tx.insert(appSecrets).values({ key: 'demo_payable_seeded', value: now.toISOString() }).onConflictDoNothing().returning();
    if (claimed.length === 0) return;
    for (const [i, d] of DEMO_PAYABLE_PROJECTS.entries()) {
      const projectId = ids.next();
      const at = new Date(now.getTime() - (DEMO_PAYABLE_PROJECTS.length - i) * 86_400_000);
      await tx.insert(projects).values({
        id: projectId,
        enterpriseOrgId: enterprise,
        industryType: 'housing',
        regionCode: '210502',
        authorityOrgId: authority,
        hrssOrgId: hrss,
        name: d.name,
        location: '辽宁省本溪市平山区',
        projectRegionCode: '210502',
        projectType: i === 0 ? 'building' : 'municipal',
        contractAmountFen: d.contractFen,
        plannedStart: d.plannedStart,
        plannedEnd: d.plannedEnd,
        contractorName: org!.name ?? '本溪建工集团有限公司',
        contractorCreditCode: org!.creditCode ?? demoCreditCode(),
        builderName: '本溪市城市建设投资发展有限公司',
        builderCreditCode: demoBuilderCode(),
        contractSignedOn: '2026-02-15',
        wageDay: 10,
        managerName: '张三全',
        managerPhone: '13455554444',
        laborOfficerName: '李四',
        laborOfficerPhone: '13456666666',
        category: 'government',
        status: 'not_started',
        depositStatus: 'to_pay',
        baseLocked: true,
        createdAt: at,
        updatedAt: at,
      });
      const req = computeRequiredDeposit({ contractAmountFen: d.contractFen, params: DEFAULT_RATIO_PARAMS, record: CLEAN_RECORD });
      await tx.insert(quotaApplications).values({
        id: ids.next(),
        projectId,
        enterpriseOrgId: enterprise,
        hrssOrgId: hrss,
        authorityOrgId: authority,
        status: 'approved',
        contractAmountFen: d.contractFen,
        prepayMode: 'ratio',
        prepayRatioPpm: req.ratioPpm,
        appliedFen: req.requiredFen,
        applyType: 'general',
        payMethod: d.payMethod,
        handlerName: '张三全',
        handlerPhone: '13455554444',
        requiredRatioPpm: req.ratioPpm,
        requiredFen: req.requiredFen,
        exemptionAllowed: req.exemptionAllowed,
        reasons: req.reasons,
        record: CLEAN_RECORD,
        paramsSnapshot: storeParams(DEFAULT_RATIO_PARAMS),
        belowRequirement: false,
        approvedFen: req.requiredFen,
        submittedAt: at,
        dueOn: at.toISOString().slice(0, 10),
        decidedAt: new Date(at.getTime() + 3_600_000),
        decidedBy: null,
        updatedAt: at,
      });
    }
  });
}

function demoBuilderCode(): string {
  return '91210500MA0Y9C4L2' + creditCodeCheckChar('91210500MA0Y9C4L2');
}

/** A credit code with a correct check character for the demo enterprise. */
function demoCreditCode(): string {
  return '91210500MA0Y8B3K1' + creditCodeCheckChar('91210500MA0Y8B3K1');
}

