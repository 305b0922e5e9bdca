import crypto from 'node:crypto';
import {
  computeRequiredDeposit,
  DEFAULT_RATIO_PARAMS,
  type ApplyType,
  type DepositStatus,
  type EnterpriseRecord,
  type ProjectStatus,
  type OfflineGuaranteeStatus,
  type QuotaStatus,
} from '@benxi/shared';
import { eq } from 'drizzle-orm';
import { offlineGuarantees, projects, quotaApplications } from '../db/schema/index';
import { storeParams, type StoredParams } from '../modules/rules/service';
import { buildUser, orgByName, randomCreditCode, type TestContext } from './harness';

/**
 * Factories that put a row in a given state directly (ENGINEERING §10), so a test of "approve a
 * pending application" or "a bank sees nothing of a paid deposit" does not first walk the whole
 * workflow through HTTP. The rows are what the commands would have written; factories.test.ts
 * drives each one on through the real API to prove it.
 */

export const CITY_HRSS = '辽宁省本溪市人力资源和社会保障局';
export const CITY_HOUSING = '辽宁省本溪市住房和城乡建设局';

let seq = 0;
/** A 19-digit id like the snowflake's, unique within a test file. */
function newId(): bigint {
  seq += 1;
  return 7_000_000_000_000_000_000n + BigInt(Date.now() % 1_000_000_000) * 1000n + BigInt(seq % 1000);
}

export interface BuiltProject {
  id: bigint;
  enterpriseOrgId: string;
  hrssOrgId: string;
  authorityOrgId: string;
}

/** A project of an enterprise (a new certified one unless `enterpriseOrgId` is given), in any state. */
export async function buildProject(
  ctx: TestContext,
  opts: {
    enterpriseOrgId?: string;
    depositStatus?: DepositStatus;
    needsReplenish?: boolean;
    status?: ProjectStatus;
    regionCode?: string;
    hrssOrgName?: string;
    authorityOrgName?: string;
    contractAmountFen?: bigint;
    name?: string;
  } = {},
): Promise<BuiltProject> {
  const enterpriseOrgId = opts.enterpriseOrgId ?? (await buildUser(ctx, { role: 'enterprise', certified: true })).orgId;
  const hrssOrgId = await orgByName(ctx, opts.hrssOrgName ?? CITY_HRSS);
  const authorityOrgId = await orgByName(ctx, opts.authorityOrgName ?? CITY_HOUSING);
  const now = ctx.clock.now();
  const id = newId();
  const status = opts.status ?? 'in_progress';
  await ctx.database.db.insert(projects).values({
    id,
    enterpriseOrgId,
    industryType: 'housing',
    regionCode: opts.regionCode ?? '210500',
    authorityOrgId,
    hrssOrgId,
    name: opts.name ?? `本溪市测试项目${id.toString().slice(-4)}`,
    location: '本溪市平山区胜利路18号',
    projectRegionCode: '210502',
    projectType: 'building',
    contractAmountFen: opts.contractAmountFen ?? 2_000_000_000n,
    plannedStart: '2026-01-01',
    plannedEnd: '2026-12-31',
    contractorName: '本溪测试建设有限公司',
    contractorCreditCode: randomCreditCode(),
    builderName: '本溪市城市建设投资有限公司',
    builderCreditCode: randomCreditCode(),
    contractSignedOn: '2025-12-15',
    wageDay: 7,
    managerName: '张三',
    managerPhone: '13454342345',
    laborOfficerName: '李四',
    laborOfficerPhone: '13456666666',
    category: 'government',
    actualStart: status === 'not_started' ? null : '2026-01-05',
    actualCompletion: status === 'completed' ? '2026-02-27' : null,
    status,
    depositStatus: opts.depositStatus ?? 'none',
    needsReplenish: opts.needsReplenish ?? false,
    baseLocked: (opts.depositStatus ?? 'none') !== 'none',
    createdAt: now,
    updatedAt: now,
  });
  return { id, enterpriseOrgId, hrssOrgId, authorityOrgId };
}

/** The deposit state a project is in while its (latest) quota application is in `status`. */
function depositFor(status: QuotaStatus, applyType: ApplyType): DepositStatus {
  if (status === 'pending') return 'quota_review';
  if (status !== 'approved') return 'none';
  return applyType === 'exempt' ? 'exempted' : applyType === 'deferred' ? 'deferred' : 'to_pay';
}

const CLEAN: EnterpriseRecord = {
  arrearsInYearBeforeSigning: false,
  arrearsInTwoYearsBefore: false,
  cleanYearsInRegion: 0,
  onSeriousDishonestList: false,
  otherProjectsUnderConstructionInRegion: 0,
  realNameAndSpecialAccountMet: false,
};

/**
 * A 一般缴纳 (or other type) quota application in any status, with its project in the matching
 * 保证金状态 (a new project unless one is given), at the regulation's default 2% requirement.
 */
export async function buildQuotaApplication(
  ctx: TestContext,
  opts: { status?: QuotaStatus; applyType?: ApplyType; project?: BuiltProject; enterpriseOrgId?: string } = {},
): Promise<{ id: bigint; project: BuiltProject }> {
  const status = opts.status ?? 'pending';
  const applyType = opts.applyType ?? 'general';
  const project = opts.project ?? (await buildProject(ctx, { enterpriseOrgId: opts.enterpriseOrgId }));
  const [p] = await ctx.database.db.select({ contract: projects.contractAmountFen }).from(projects).where(eq(projects.id, project.id));
  const contractFen = p!.contract;
  const req = computeRequiredDeposit({ contractAmountFen: contractFen, params: DEFAULT_RATIO_PARAMS, record: CLEAN });
  const now = ctx.clock.now();
  const id = newId();
  await ctx.database.db.insert(quotaApplications).values({
    id,
    projectId: project.id,
    enterpriseOrgId: project.enterpriseOrgId,
    hrssOrgId: project.hrssOrgId,
    authorityOrgId: project.authorityOrgId,
    previousId: null,
    status,
    contractAmountFen: contractFen,
    prepayMode: 'ratio',
    prepayRatioPpm: req.ratioPpm,
    appliedFen: req.requiredFen,
    applyType,
    payMethod: applyType === 'general' ? 'cash' : null,
    handlerName: '王经办',
    handlerPhone: '13912340000',
    description: null,
    requiredRatioPpm: req.ratioPpm,
    requiredFen: req.requiredFen,
    exemptionAllowed: req.exemptionAllowed,
    reasons: req.reasons,
    record: CLEAN,
    paramsSnapshot: storeParams(DEFAULT_RATIO_PARAMS) as StoredParams,
    belowRequirement: false,
    justification: null,
    approvedFen: status === 'approved' ? req.requiredFen : null,
    rejectReason: status === 'rejected' ? '材料不全，请补充后重新提交' : null,
    submittedAt: now,
    dueOn: '2026-03-09',
    decidedAt: status === 'approved' || status === 'rejected' ? now : null,
    updatedAt: now,
  });
  await ctx.database.db
    .update(projects)
    .set({ depositStatus: depositFor(status, applyType), baseLocked: true, updatedAt: now })
    .where(eq(projects.id, project.id));
  return { id, project };
}

/** A bank (经办银行) organisation with one user. */
export async function buildBank(ctx: TestContext, name = `中国测试银行股份有限公司本溪${crypto.randomInt(1000, 9999)}支行`) {
  return buildUser(ctx, { role: 'bank', orgName: name });
}

/** An insurer (保险公司) organisation with one user. */
export async function buildInsurer(ctx: TestContext, name = `测试财产保险股份有限公司本溪${crypto.randomInt(1000, 9999)}中心支公司`) {
  return buildUser(ctx, { role: 'insurer', orgName: name });
}

/**
 * A 保单保函上传 (offline guarantee) in any status, on a project (a new 缴纳中 one unless given); its
 * number unique unless given. No file is attached (the commands' tests upload one).
 */
export async function buildOfflineGuarantee(
  ctx: TestContext,
  opts: { status?: OfflineGuaranteeStatus; project?: BuiltProject; guaranteeNo?: string; amountFen?: bigint } = {},
): Promise<{ id: bigint; project: BuiltProject }> {
  const project = opts.project ?? (await buildProject(ctx, { depositStatus: 'paying' }));
  const now = ctx.clock.now();
  const id = newId();
  const no = opts.guaranteeNo ?? `BH${id.toString().slice(-10)}`;
  await ctx.database.db.insert(offlineGuarantees).values({
    id,
    projectId: project.id,
    enterpriseOrgId: project.enterpriseOrgId,
    hrssOrgId: project.hrssOrgId,
    authorityOrgId: project.authorityOrgId,
    status: opts.status ?? 'pending',
    instrumentType: 'bank_guarantee',
    handlerName: '王经办',
    handlerPhone: '13912340000',
    bankBrand: '中国建设银行',
    issuerOrgId: null,
    issuerName: '中国建设银行股份有限公司本溪分行',
    productName: '农民工工资支付银行保函',
    guaranteeNo: no,
    guaranteeNoKey: no.toUpperCase(),
    amountFen: opts.amountFen ?? 40_000_000n,
    feeFen: 120_000n,
    issuedOn: '2026-02-27',
    validFrom: '2026-03-01',
    validTo: '2027-02-28',
    requiredFen: 40_000_000n,
    submittedAt: now,
    dueOn: '2026-03-09',
    returnReason: opts.status === 'returned' ? '保函文件不清晰，请重新上传' : null,
    closedReason: opts.status === 'closed' ? '切换缴纳方式' : null,
    decidedAt: opts.status === 'approved' || opts.status === 'returned' ? now : null,
    updatedAt: now,
  });
  return { id, project };
}
