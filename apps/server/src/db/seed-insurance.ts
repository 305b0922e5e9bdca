import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { appSecrets, attachments, files, insuranceProducts, insurerAccounts, organizations, users } from './schema/index';
import { createSnowflake } from '../platform/snowflake';
import { hashPassword } from '../platform/passwords';

/** A one-page PDF standing in for a product's documents (保险条款 / 投保单 / 反担保). */
const pdf = (title: string) => {
  const text = `BT /F1 20 Tf 72 760 Td (${title} - demo data only) Tj ET`;
  return `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length ${text.length} >> stream
${text}
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
};

/** The demo insurers' products and collection accounts (保险办理, issue 12), and a second insurer account. */
export const DEMO_INSURERS = [
  {
    org: '中国人民财产保险股份有限公司本溪市分公司',
    product: '农民工工资支付履约保证保险（项目版）',
    ratePpm: 10_000,
    qualifications: ['comprehensive', 'special', 'grade_1', 'grade_2', 'grade_3', 'class_a', 'class_b', 'other'],
    docs: ['clauses', 'proposal'],
    account: { accountName: '中国人民财产保险股份有限公司本溪市分公司', accountBank: '中国工商银行股份有限公司本溪分行', accountNo: '0705020109024806688' },
  },
  {
    org: '中国太平洋财产保险股份有限公司本溪中心支公司',
    product: '农民工工资支付履约保证保险',
    ratePpm: 8_500,
    qualifications: ['comprehensive', 'special', 'grade_1', 'grade_2'],
    docs: ['clauses', 'proposal', 'counter_guarantee'],
    account: { accountName: '中国太平洋财产保险股份有限公司本溪中心支公司', accountBank: '中国建设银行股份有限公司本溪分行', accountNo: '21050161360100001788' },
    user: { phone: '13800000008', name: '保险公司（太平洋）' },
  },
  {
    org: '紫金财产保险股份有限公司辽宁分公司',
    product: '农民工工资支付履约保证保险（演示）',
    ratePpm: 12_000,
    qualifications: ['grade_2', 'grade_3', 'other'],
    docs: ['clauses', 'proposal', 'counter_guarantee'],
    account: { accountName: '紫金财产保险股份有限公司辽宁分公司', accountBank: '中国农业银行股份有限公司沈阳分行', accountNo: '06150101040016688' },
  },
] as const;

const DOC_NAMES = { clauses: '保险条款.pdf', proposal: '投保单.pdf', counter_guarantee: '反担保.pdf' } as const;

/** Once (its own marker, so a database seeded before it gets them too). */
export async function seedInsuranceDemo(db: Db, dataDir: string, now: Date, password: string): Promise<void> {
  const [marker] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'insurance_demo_seeded'));
  if (marker) return;
  const passwordHash = await hashPassword(password);
  const ids = createSnowflake(2);
  await db.transaction(async (tx) => {
    const claimed = await tx.insert(appSecrets).values({ key: 'insurance_demo_seeded', value: now.toISOString() }).onConflictDoNothing().returning();
    if (claimed.length === 0) return;
    // the documents are the operator's uploads (as when admin adds them on 保险产品管理)
    const [operator] = await tx.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.phone, '13800000001')).limit(1);
    for (const d of DEMO_INSURERS) {
      const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, d.org)).limit(1);
      if (!org) continue;
      if ('user' in d) {
        await tx.insert(users).values({ phone: d.user.phone, name: d.user.name, passwordHash, role: 'insurer', orgId: org.id, createdAt: now, passwordChangedAt: now }).onConflictDoNothing();
      }
      await tx.insert(insurerAccounts).values({ orgId: org.id, ...d.account, updatedAt: now }).onConflictDoNothing();
      const id = ids.next();
      await tx.insert(insuranceProducts).values({
        id,
        insurerOrgId: org.id,
        name: d.product,
        productType: 'project',
        regions: ['210500'],
        applicantTypes: ['contractor'],
        qualifications: [...d.qualifications],
        annualRatePpm: d.ratePpm,
        createdAt: now,
        updatedAt: now,
      });
      for (const kind of operator ? d.docs : []) {
        const content = pdf(`${kind} of ${d.ratePpm}`);
        const rel = `seed/${crypto.randomUUID()}.pdf`;
        fs.mkdirSync(path.join(dataDir, 'files', 'seed'), { recursive: true });
        fs.writeFileSync(path.join(dataDir, 'files', rel), content);
        const [f] = await tx
          .insert(files)
          .values({
            ownerOrgId: operator!.orgId,
            uploaderId: operator!.id,
            originalName: DOC_NAMES[kind],
            storedPath: rel,
            mime: 'application/pdf',
            size: Buffer.byteLength(content),
            sha256: crypto.createHash('sha256').update(content).digest('hex'),
            createdAt: now,
          })
          .returning({ id: files.id });
        await tx.insert(attachments).values({ fileId: f!.id, ownerType: 'insurance_product', ownerId: id.toString(), kind, createdAt: now });
      }
    }
  });
}
