import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { computeRequiredDeposit, DEFAULT_RATIO_PARAMS, guaranteeNumberKey, type EnterpriseRecord } from '@benxi/shared';
import type { Tx } from './client';
import { attachments, files, guarantees, offlineGuarantees, paymentAttempts, projects, quotaApplications } from './schema/index';
import { createSnowflake } from '../platform/snowflake';
import { shanghaiDate } from '../platform/clock';
import { storeParams, type StoredParams } from '../modules/rules/service';

/** A one-page PDF standing in for a scanned guarantee letter. */
const DEMO_LETTER_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 70 >> stream
BT /F1 24 Tf 72 760 Td (Bank guarantee letter - demo data only) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

const CLEAN: EnterpriseRecord = {
  arrearsInYearBeforeSigning: false,
  arrearsInTwoYearsBefore: false,
  cleanYearsInRegion: 0,
  onSeriousDishonestList: false,
  otherProjectsUnderConstructionInRegion: 0,
  realNameAndSpecialAccountMet: false,
};

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface DemoUnits {
  enterprise: { orgId: string; userId: string; name: string; creditCode: string };
  hrssUserId: string;
  hrssOrgId: string;
  authorityOrgId: string;
  bankOrgId: string;
}

/**
 * 保单保函 / 保函管理 demo (ADR 023): three projects of the demo enterprise with an approved 一般缴纳
 * quota — one with an offline guarantee 待审核 for the city hrss (保单保函审核 has work), one paid by an
 * approved offline guarantee (保函管理: 有效), one whose guarantee ends in 20 days (即将到期) — each
 * letter a demo PDF. Run once, inside seedDemo's transaction.
 */
export async function seedGuaranteeDemo(tx: Tx, dataDir: string, units: DemoUnits, now: Date): Promise<void> {
  const ids = createSnowflake(1);
  const today = shanghaiDate(now);
  const letter = async (name: string) => {
    const rel = `seed/${crypto.randomUUID()}.pdf`;
    fs.mkdirSync(path.join(dataDir, 'files', 'seed'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'files', rel), DEMO_LETTER_PDF);
    const [f] = await tx
      .insert(files)
      .values({
        ownerOrgId: units.enterprise.orgId,
        uploaderId: units.enterprise.userId,
        originalName: name,
        storedPath: rel,
        mime: 'application/pdf',
        size: Buffer.byteLength(DEMO_LETTER_PDF),
        sha256: crypto.createHash('sha256').update(DEMO_LETTER_PDF).digest('hex'),
        createdAt: now,
      })
      .returning({ id: files.id });
    return f!.id;
  };

  const demos = [
    { name: '本溪市溪湖区棚户区改造安置房（二期）工程', contractFen: 3_500_000_000n, status: 'pending' as const, no: 'JH-BX-2026-0318', validFromOffset: -3, days: 730 },
    { name: '本溪市平山区滨河北路道路改造工程', contractFen: 1_800_000_000n, status: 'approved' as const, no: 'GS-BX-2026-0107', validFromOffset: -40, days: 540 },
    { name: '本溪满族自治县第二中学教学楼建设工程', contractFen: 900_000_000n, status: 'approved' as const, no: 'NH-BX-2025-0921', validFromOffset: -345, days: 365 },
  ];
  for (const d of demos) {
    const projectId = ids.next();
    const quotaId = ids.next();
    const offlineId = ids.next();
    const req = computeRequiredDeposit({ contractAmountFen: d.contractFen, params: DEFAULT_RATIO_PARAMS, record: CLEAN });
    const approved = d.status === 'approved';
    await tx.insert(projects).values({
      id: projectId,
      enterpriseOrgId: units.enterprise.orgId,
      industryType: 'housing',
      regionCode: '210500',
      authorityOrgId: units.authorityOrgId,
      hrssOrgId: units.hrssOrgId,
      name: d.name,
      location: '辽宁省本溪市',
      projectRegionCode: '210502',
      projectType: 'building',
      contractAmountFen: d.contractFen,
      plannedStart: addDays(today, -60),
      plannedEnd: addDays(today, 400),
      contractorName: units.enterprise.name,
      contractorCreditCode: units.enterprise.creditCode,
      builderName: '本溪市城市建设投资发展有限公司',
      builderCreditCode: '91210500MA0QC1Q67B',
      contractSignedOn: addDays(today, -70),
      wageDay: 10,
      managerName: '赵立新',
      managerPhone: '13904141234',
      laborOfficerName: '孙丽',
      laborOfficerPhone: '13904145678',
      category: 'government',
      // 未开工: a project under construction would lower the demo enterprise's ratio on its next 定额申请
      // (本地区有其他在建工程, the 0.5% floor), which the quota journey pins at 2%
      status: 'not_started',
      depositStatus: approved ? 'paid' : 'paying',
      baseLocked: true,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(quotaApplications).values({
      id: quotaId,
      projectId,
      enterpriseOrgId: units.enterprise.orgId,
      hrssOrgId: units.hrssOrgId,
      authorityOrgId: units.authorityOrgId,
      status: 'approved',
      contractAmountFen: d.contractFen,
      prepayMode: 'ratio',
      prepayRatioPpm: req.ratioPpm,
      appliedFen: req.requiredFen,
      applyType: 'general',
      payMethod: 'guarantee',
      handlerName: '李明',
      handlerPhone: '13800000006',
      requiredRatioPpm: req.ratioPpm,
      requiredFen: req.requiredFen,
      exemptionAllowed: req.exemptionAllowed,
      reasons: req.reasons,
      record: CLEAN,
      paramsSnapshot: storeParams(DEFAULT_RATIO_PARAMS) as StoredParams,
      belowRequirement: false,
      approvedFen: req.requiredFen,
      submittedAt: now,
      dueOn: addDays(today, 7),
      decidedAt: now,
      decidedBy: units.hrssUserId,
      updatedAt: now,
    });
    const validFrom = addDays(today, d.validFromOffset);
    const validTo = addDays(validFrom, d.days);
    const fileId = await letter(`${d.no} 农民工工资支付银行保函.pdf`);
    let guaranteeId: bigint | null = null;
    if (approved) {
      const [g] = await tx
        .insert(guarantees)
        .values({
          kind: 'offline_guarantee',
          number: d.no,
          numberKey: guaranteeNumberKey(d.no),
          projectId,
          enterpriseOrgId: units.enterprise.orgId,
          hrssOrgId: units.hrssOrgId,
          authorityOrgId: units.authorityOrgId,
          issuerOrgId: units.bankOrgId,
          issuerName: '中国建设银行股份有限公司本溪分行',
          amountFen: req.requiredFen,
          feeFen: req.requiredFen / 200n,
          issuedOn: addDays(validFrom, -2),
          validFrom,
          validTo,
          sourceType: 'offline_guarantee',
          sourceId: offlineId.toString(),
          createdAt: now,
        })
        .returning({ id: guarantees.id });
      guaranteeId = g!.id;
      await tx.insert(attachments).values({ fileId, ownerType: 'guarantee', ownerId: guaranteeId.toString(), kind: 'letter', createdAt: now });
    }
    await tx.insert(offlineGuarantees).values({
      id: offlineId,
      projectId,
      enterpriseOrgId: units.enterprise.orgId,
      hrssOrgId: units.hrssOrgId,
      authorityOrgId: units.authorityOrgId,
      status: d.status,
      instrumentType: 'bank_guarantee',
      handlerName: '李明',
      handlerPhone: '13800000006',
      bankBrand: '中国建设银行',
      issuerOrgId: units.bankOrgId,
      issuerName: '中国建设银行股份有限公司本溪分行',
      productName: '农民工工资支付银行保函',
      guaranteeNo: d.no,
      guaranteeNoKey: guaranteeNumberKey(d.no),
      amountFen: req.requiredFen,
      feeFen: req.requiredFen / 200n,
      issuedOn: addDays(validFrom, -2),
      validFrom,
      validTo,
      requiredFen: req.requiredFen,
      submittedAt: now,
      submittedBy: units.enterprise.userId,
      dueOn: addDays(today, 7),
      decidedAt: approved ? now : null,
      decidedBy: approved ? units.hrssUserId : null,
      guaranteeId,
      updatedAt: now,
    });
    await tx.insert(attachments).values({ fileId, ownerType: 'offline_guarantee', ownerId: offlineId.toString(), kind: 'letter', createdAt: now });
    await tx.insert(paymentAttempts).values({
      id: ids.next(),
      projectId,
      way: 'offline_guarantee',
      refId: offlineId.toString(),
      status: approved ? 'covered' : 'open',
      openedAt: now,
      openedBy: units.enterprise.userId,
      closedAt: approved ? now : null,
    });
  }
}
