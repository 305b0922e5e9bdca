import {
  annualRateText,
  coverDays,
  fenToYuan,
  INSURANCE_PRODUCT_DOCS,
  percentToPpm,
  periodRateText,
  premiumFen,
  type InsuranceApplicantType,
  type InsuranceProductDoc,
  type InsuranceProductType,
  type InsuranceQualification,
  type TInsuranceProduct,
  type TInsuranceProductRequest,
  type TInsuranceQuotes,
  type TInsurer,
} from '@benxi/shared';
import type { Actor } from '../../platform/audit';
import { fieldError, invalidState, notFound } from '../../platform/errors';
import { toFileRef } from '../files/attachments';
import { CITY_REGION, loadPayable, orgNames, parseNo } from '../payment/common';
import type { PaymentContext } from '../payment/context';
import type { AuthUser } from '../../platform/sessions';
import { projectNatureLabel } from './read';
import {
  accountsOf,
  findProduct,
  insertProduct,
  listProducts as listProductRows,
  lockProduct,
  productCountsByInsurer,
  productsOnSale,
  updateProduct as updateProductRow,
  upsertAccount,
  type InsuranceProductRow,
} from './repository';

/**
 * The catalogue of 保险办理 (admin, ADR 024): the insurers (organisations of type insurer), their
 * products (产品名称, 产品类型, 投保地区, accepted 投保人类型 and 企业资质, 建议年费率, 相关文件) and each
 * insurer's 收款账户. Every change is audited; a withdrawn product (下架) is no longer quoted or
 * ordered, orders already placed keep it.
 */

const DOC_FIELD: Record<InsuranceProductDoc, 'clausesFileId' | 'proposalFileId' | 'counterGuaranteeFileId'> = {
  clauses: 'clausesFileId',
  proposal: 'proposalFileId',
  counter_guarantee: 'counterGuaranteeFileId',
};
const DOC_LABEL: Record<InsuranceProductDoc, string> = { clauses: '保险条款', proposal: '投保单', counter_guarantee: '反担保' };

const pctText = (ppm: number) => annualRateText(ppm).replace('%', '');

export async function productDtos(ctx: PaymentContext, rows: InsuranceProductRow[]): Promise<TInsuranceProduct[]> {
  if (rows.length === 0) return [];
  const [names, docs] = await Promise.all([orgNames(ctx, rows.map((r) => r.insurerOrgId)), ctx.attachments.filesOf(ctx.db, 'insurance_product', rows.map((r) => r.id.toString()))]);
  return rows.map((r) => ({
    id: r.id.toString(),
    insurerOrgId: r.insurerOrgId,
    insurerName: names(r.insurerOrgId),
    name: r.name,
    productType: r.productType as InsuranceProductType,
    regions: r.regions,
    applicantTypes: r.applicantTypes as InsuranceApplicantType[],
    qualifications: r.qualifications as InsuranceQualification[],
    annualRatePercent: pctText(r.annualRatePpm),
    annualRateText: annualRateText(r.annualRatePpm),
    withdrawn: r.withdrawnAt !== null,
    documents: INSURANCE_PRODUCT_DOCS.flatMap((kind) => {
      const f = docs.get(r.id.toString())?.get(kind)?.[0];
      return f ? [{ kind, file: toFileRef(f) }] : [];
    }),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function insurerOrg(ctx: PaymentContext, orgId: string) {
  const org = await ctx.accounts.findOrganization(ctx.db, orgId);
  if (!org || org.type !== 'insurer') throw fieldError('insurerOrgId', '所选保险公司不存在，请重新选择');
  return org;
}

function ppmOf(input: TInsuranceProductRequest): number {
  const ppm = percentToPpm(input.annualRatePercent);
  if (ppm === null || ppm <= 0 || ppm >= 1_000_000) throw fieldError('annualRatePercent', '建议年费率应为大于 0 的百分比，最多四位小数（如 1 表示 1%）');
  return ppm;
}

const snapshot = (r: Pick<InsuranceProductRow, 'name' | 'productType' | 'regions' | 'applicantTypes' | 'qualifications' | 'annualRatePpm' | 'insurerOrgId'>) => ({
  insurerOrgId: r.insurerOrgId,
  name: r.name,
  productType: r.productType,
  regions: r.regions,
  applicantTypes: r.applicantTypes,
  qualifications: r.qualifications,
  annualRate: annualRateText(r.annualRatePpm),
});

async function attachDocs(ctx: PaymentContext, tx: Parameters<Parameters<PaymentContext['db']['transaction']>[0]>[0], user: AuthUser, id: bigint, input: TInsuranceProductRequest, at: Date) {
  for (const kind of INSURANCE_PRODUCT_DOCS) {
    const fileId = input[DOC_FIELD[kind]];
    if (fileId === undefined) continue;
    await ctx.attachments.attach(tx, { ownerType: 'insurance_product', ownerId: id.toString(), kind, fileIds: [fileId], uploaderOrgId: user.orgId, field: DOC_FIELD[kind], label: DOC_LABEL[kind], at });
  }
}

export async function createProduct(ctx: PaymentContext, user: AuthUser, input: TInsuranceProductRequest, actor: Actor): Promise<TInsuranceProduct> {
  await insurerOrg(ctx, input.insurerOrgId);
  const annualRatePpm = ppmOf(input);
  const id = ctx.ids.next();
  const now = ctx.clock.now();
  const values = {
    id,
    insurerOrgId: input.insurerOrgId,
    name: input.name,
    productType: input.productType,
    regions: [...new Set(input.regions)],
    applicantTypes: [...new Set(input.applicantTypes)],
    qualifications: [...new Set(input.qualifications)],
    annualRatePpm,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await insertProduct(tx, values);
    await attachDocs(ctx, tx, user, id, input, now);
    await ctx.audit(tx, actor, now, { action: 'insurance_product.create', targetType: 'insurance_product', targetId: id.toString(), after: snapshot(values) });
  });
  return (await productDtos(ctx, [(await findProduct(ctx.db, id))!]))[0]!;
}

export async function updateProduct(ctx: PaymentContext, user: AuthUser, idText: string, input: TInsuranceProductRequest, actor: Actor): Promise<TInsuranceProduct> {
  const id = parseNo(idText, '保险产品');
  await insurerOrg(ctx, input.insurerOrgId);
  const annualRatePpm = ppmOf(input);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    if (!before) throw notFound('保险产品');
    const set = {
      insurerOrgId: input.insurerOrgId,
      name: input.name,
      productType: input.productType,
      regions: [...new Set(input.regions)],
      applicantTypes: [...new Set(input.applicantTypes)],
      qualifications: [...new Set(input.qualifications)],
      annualRatePpm,
      updatedAt: now,
    };
    await updateProductRow(tx, id, set);
    await attachDocs(ctx, tx, user, id, input, now);
    await ctx.audit(tx, actor, now, { action: 'insurance_product.update', targetType: 'insurance_product', targetId: id.toString(), before: snapshot(before), after: snapshot(set) });
  });
  return (await productDtos(ctx, [(await findProduct(ctx.db, id))!]))[0]!;
}

/** 下架: no new quotes or orders; the orders already placed are not touched. */
export async function withdrawProduct(ctx: PaymentContext, idText: string, actor: Actor): Promise<TInsuranceProduct> {
  const id = parseNo(idText, '保险产品');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    if (!before) throw notFound('保险产品');
    if (before.withdrawnAt) throw invalidState('该保险产品已下架');
    await updateProductRow(tx, id, { withdrawnAt: now, updatedAt: now });
    await ctx.audit(tx, actor, now, { action: 'insurance_product.withdraw', targetType: 'insurance_product', targetId: id.toString(), before: { withdrawn: false }, after: { withdrawn: true } });
  });
  return (await productDtos(ctx, [(await findProduct(ctx.db, id))!]))[0]!;
}

export async function listProducts(ctx: PaymentContext, q: { insurerOrgId?: string; withdrawn?: '0' | '1'; name?: string; page: number; pageSize: number }) {
  const { rows, total } = await listProductRows(ctx.db, {
    insurerOrgId: q.insurerOrgId,
    withdrawn: q.withdrawn === undefined ? undefined : q.withdrawn === '1',
    name: q.name,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await productDtos(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The insurer organisations with their 收款账户 and how many products they have on sale. */
export async function listInsurers(ctx: PaymentContext): Promise<TInsurer[]> {
  const { rows } = await ctx.accounts.listOrganizations(ctx.db, { type: 'insurer', limit: 500, offset: 0 });
  const orgs = rows.map((r) => r.o);
  const [accounts, counts] = await Promise.all([accountsOf(ctx.db, orgs.map((r) => r.id)), productCountsByInsurer(ctx.db)]);
  return orgs.map((o) => {
    const a = accounts.find((x) => x.orgId === o.id);
    return { orgId: o.id, name: o.name ?? '', account: a ? { accountName: a.accountName, accountBank: a.accountBank, accountNo: a.accountNo } : null, products: counts.get(o.id) ?? 0 };
  });
}

export async function setInsurerAccount(ctx: PaymentContext, orgId: string, input: { accountName: string; accountBank: string; accountNo: string }, actor: Actor): Promise<TInsurer> {
  const org = await ctx.accounts.findOrganization(ctx.db, orgId);
  if (!org || org.type !== 'insurer') throw notFound('保险公司');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await accountsOf(tx, [orgId]);
    await upsertAccount(tx, { orgId, ...input, updatedAt: now });
    await ctx.audit(tx, actor, now, {
      action: 'insurer_account.update',
      targetType: 'organization',
      targetId: orgId,
      before: before ? { accountName: before.accountName, accountBank: before.accountBank, accountNo: before.accountNo } : undefined,
      after: input,
    });
  });
  return (await listInsurers(ctx)).find((i) => i.orgId === orgId)!;
}

// ------------------------------------------------------------------------------------------------
// The enterprise's quotes

/** 起保 / 终保 by default: the construction period (计划开工 … 计划竣工). */
export async function quotesFor(
  ctx: PaymentContext,
  user: AuthUser,
  projectId: string,
  q: { regionCode?: string; productType?: InsuranceProductType; applicantType?: InsuranceApplicantType; qualification?: InsuranceQualification; startOn?: string; endOn?: string },
): Promise<TInsuranceQuotes> {
  const { project, requiredFen } = await loadPayable(ctx, user, projectId);
  const startOn = q.startOn ?? project.plannedStart;
  const endOn = q.endOn ?? project.plannedEnd;
  if (endOn < startOn) throw fieldError('endOn', '终保日期不能早于起保日期');
  const days = coverDays(startOn, endOn);
  const regions = [...new Set([q.regionCode ?? project.regionCode, CITY_REGION])];
  const rows = await productsOnSale(ctx.db, { regions, productType: q.productType, applicantType: q.applicantType, qualification: q.qualification });
  const products = await productDtos(ctx, rows);
  const enabled = await ctx.accounts.organizationsByIds(ctx.db, rows.map((r) => r.insurerOrgId));
  return {
    projectId: project.id.toString(),
    projectName: project.name,
    projectAddress: project.location,
    amount: fenToYuan(requiredFen),
    plannedStart: project.plannedStart,
    plannedEnd: project.plannedEnd,
    durationDays: coverDays(project.plannedStart, project.plannedEnd),
    projectNature: projectNatureLabel(project.projectType),
    startOn,
    endOn,
    days,
    quotes: rows
      .filter((r) => enabled.find((o) => o.id === r.insurerOrgId)?.enabled)
      .map((r) => {
        const p = products.find((x) => x.id === r.id.toString())!;
        return {
          productId: p.id,
          productName: p.name,
          productType: p.productType,
          insurerOrgId: p.insurerOrgId,
          insurerName: p.insurerName,
          annualRateText: p.annualRateText,
          rate: periodRateText(r.annualRatePpm, days),
          referencePremium: fenToYuan(premiumFen(requiredFen, r.annualRatePpm, days)),
          documents: p.documents,
        };
      }),
  };
}
