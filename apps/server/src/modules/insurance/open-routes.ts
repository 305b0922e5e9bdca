import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zInsuranceApproveRequest,
  zInsuranceRefuseRequest,
  zOpenInsuranceListQuery,
  zOpenInsuranceOrder,
  zOpenInvoice,
  zOpenIssuePolicy,
  zOpenNoParams,
  type TInsuranceOrder,
  type TOpenInsuranceOrder,
} from '@benxi/shared';
import { openPrincipal, requestActor } from '../../platform/access';
import type { FileService } from '../files/service';
import { readOpenFile } from '../open/files';
import type { InsuranceService } from './service';

const toOpen = (o: TInsuranceOrder): TOpenInsuranceOrder => ({
  no: o.id,
  status: o.status,
  businessNo: o.businessNo,
  projectNo: o.projectId,
  projectName: o.projectName,
  applicantName: o.insuredName,
  productName: o.productName,
  amount: o.amount,
  startOn: o.startOn,
  endOn: o.endOn,
  days: o.days,
  referenceRate: o.referenceRate,
  referencePremium: o.referencePremium,
  rate: o.finalRate,
  premium: o.finalPremium,
  refuseReason: o.refuseReason,
  submittedAt: o.submittedAt,
  voucherUploaded: !!o.files.voucher,
  policy: o.policyNo && o.policyFrom && o.policyTo ? { policyNo: o.policyNo, validFrom: o.policyFrom, validTo: o.policyTo } : null,
  invoiceRequest: o.invoiceTitle && o.invoiceTaxNo && o.invoiceEmail ? { title: o.invoiceTitle, taxNo: o.invoiceTaxNo, email: o.invoiceEmail } : null,
  invoiceUploaded: !!o.files.invoice,
});

const mapPage = <A, B>(p: { items: A[]; total: number; page: number; pageSize: number }, f: (a: A) => B) => ({ ...p, items: p.items.map(f) });

/**
 * The insurer's actions through the signed open API (SPEC §13), calling the same commands as its
 * portal (ADR 021, 024): the client acts as its organisation, so another insurer's order is a 404.
 */
export const insuranceOpenRoutes: FastifyPluginAsyncZod<{ insurance: InsuranceService; files: FileService }> = async (app, { insurance, files }) => {
  const tags = ['开放接口（银行、保险公司）'];
  const insurer = { access: { open: ['insurer'] as const } };

  app.get(
    '/open/v1/insurance-orders',
    {
      config: insurer,
      schema: { tags, summary: '本公司的投保订单（status=underwriting|approved|refused|paying|paid|issued|closed）', querystring: zOpenInsuranceListQuery, response: { 200: pageOf(zOpenInsuranceOrder) } },
    },
    async (req) => mapPage(await insurance.list(openPrincipal(req), req.query), toOpen),
  );
  app.post(
    '/open/v1/insurance-orders/:no/approve',
    { config: insurer, schema: { tags, summary: '核保通过 { rate, premium }', params: zOpenNoParams, body: zInsuranceApproveRequest, response: { 200: zOpenInsuranceOrder } } },
    async (req) => toOpen(await insurance.approve(openPrincipal(req), req.params.no, req.body, requestActor(req))),
  );
  app.post(
    '/open/v1/insurance-orders/:no/refuse',
    { config: insurer, schema: { tags, summary: '核保不通过 { reason }', params: zOpenNoParams, body: zInsuranceRefuseRequest, response: { 200: zOpenInsuranceOrder } } },
    async (req) => toOpen(await insurance.refuse(openPrincipal(req), req.params.no, req.body.reason, requestActor(req))),
  );
  app.post(
    '/open/v1/insurance-orders/:no/confirm-payment',
    { config: insurer, schema: { tags, summary: '收款确认', params: zOpenNoParams, response: { 200: zOpenInsuranceOrder } } },
    async (req) => toOpen(await insurance.confirmPayment(openPrincipal(req), req.params.no, requestActor(req))),
  );
  app.post(
    '/open/v1/insurance-orders/:no/issue-policy',
    { config: insurer, schema: { tags, summary: '出单 { policyNo, validFrom, validTo, policy }', params: zOpenNoParams, body: zOpenIssuePolicy, response: { 200: zOpenInsuranceOrder } } },
    async (req) => {
      const client = openPrincipal(req);
      const { policy, ...rest } = req.body;
      const policyFileId = await readOpenFile({ files }, policy, client, { label: '保单文件（policy）', ip: req.ip });
      return toOpen(await insurance.issuePolicy(client, req.params.no, { ...rest, policyFileId }, requestActor(req)));
    },
  );
  app.post(
    '/open/v1/insurance-orders/:no/invoice',
    { config: insurer, schema: { tags, summary: '发票 { invoice }', params: zOpenNoParams, body: zOpenInvoice, response: { 200: zOpenInsuranceOrder } } },
    async (req) => {
      const client = openPrincipal(req);
      const invoiceFileId = await readOpenFile({ files }, req.body.invoice, client, { label: '发票文件（invoice）', ip: req.ip });
      return toOpen(await insurance.invoice(client, req.params.no, invoiceFileId, requestActor(req)));
    },
  );
};
