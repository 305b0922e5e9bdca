import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zOpenCashDeposit,
  zOpenCashListQuery,
  zOpenConfirmCash,
  zOpenGuaranteeApplication,
  zOpenGuaranteeListQuery,
  zOpenIssueGuarantee,
  zOpenNoParams,
  zRefuseGuarantee,
  type TCashDeposit,
  type TGuaranteeApplication,
  type TOpenCashDeposit,
  type TOpenGuaranteeApplication,
} from '@benxi/shared';
import { openPrincipal, requestActor } from '../../platform/access';
import type { FileService } from '../files/service';
import { readOpenFile } from '../open/files';
import type { BankGuaranteeService } from '../bank-guarantees/service';
import type { CashDepositService } from '../cash-deposits/service';

const toOpenGuarantee = (g: TGuaranteeApplication): TOpenGuaranteeApplication => ({
  no: g.id,
  status: g.status,
  projectNo: g.projectId,
  projectName: g.projectName,
  applicantName: g.enterpriseName,
  beneficiaryName: g.beneficiaryName,
  requiredAmount: g.requiredAmount,
  amount: g.amount,
  termFrom: g.termFrom,
  termTo: g.termTo,
  handlerName: g.handlerName,
  handlerPhone: g.handlerPhone,
  remark: g.remark,
  submittedAt: g.submittedAt,
  acceptedAt: g.acceptedAt,
  refusedAt: g.refusedAt,
  refuseReason: g.refuseReason,
  issued:
    g.status === 'issued' && g.guaranteeNo && g.issuedOn && g.validFrom && g.validTo && g.issuedAmount && g.fee
      ? { guaranteeNo: g.guaranteeNo, issuedOn: g.issuedOn, validFrom: g.validFrom, validTo: g.validTo, amount: g.issuedAmount, fee: g.fee }
      : null,
});

const toOpenCash = (c: TCashDeposit): TOpenCashDeposit => ({
  no: c.id,
  status: c.status,
  projectNo: c.projectId,
  projectName: c.projectName,
  enterpriseName: c.enterpriseName,
  requiredAmount: c.requiredAmount,
  paidAmount: c.paidAmount,
  differenceAmount: c.differenceAmount,
  overAmount: c.overAmount,
  accountNo: c.accountNo,
  submittedAt: c.submittedAt,
  arrivals: c.arrivals.map((a) => ({ accountNo: a.accountNo, amount: a.amount, arrivedOn: a.arrivedOn, payerName: a.payerName, voucherNo: a.voucherNo, confirmedAt: a.confirmedAt })),
});

const mapPage = <A, B>(p: { items: A[]; total: number; page: number; pageSize: number }, f: (a: A) => B) => ({ ...p, items: p.items.map(f) });

/**
 * The bank's actions through the signed open API (SPEC §13), calling the same commands as its portal
 * (ADR 021, 022): the API client acts as its organisation, so another bank's application is a 404.
 */
export const paymentOpenRoutes: FastifyPluginAsyncZod<{ cash: CashDepositService; guarantees: BankGuaranteeService; files: FileService }> = async (app, { cash, guarantees, files }) => {
  const tags = ['开放接口（银行、保险公司）'];
  const bank = { access: { open: ['bank'] as const } };

  app.get(
    '/open/v1/guarantee-applications',
    { config: bank, schema: { tags, summary: '本行的银行保函申请（status=submitted|accepted|issued|refused）', querystring: zOpenGuaranteeListQuery, response: { 200: pageOf(zOpenGuaranteeApplication) } } },
    async (req) => mapPage(await guarantees.list(openPrincipal(req), req.query), toOpenGuarantee),
  );
  app.post(
    '/open/v1/guarantee-applications/:no/accept',
    { config: bank, schema: { tags, summary: '受理', params: zOpenNoParams, response: { 200: zOpenGuaranteeApplication } } },
    async (req) => toOpenGuarantee(await guarantees.accept(openPrincipal(req), req.params.no, requestActor(req))),
  );
  app.post(
    '/open/v1/guarantee-applications/:no/refuse',
    { config: bank, schema: { tags, summary: '不受理 { reason }', params: zOpenNoParams, body: zRefuseGuarantee, response: { 200: zOpenGuaranteeApplication } } },
    async (req) => toOpenGuarantee(await guarantees.refuse(openPrincipal(req), req.params.no, req.body.reason, requestActor(req))),
  );
  app.post(
    '/open/v1/guarantee-applications/:no/issue',
    {
      config: bank,
      schema: { tags, summary: '出函 { guaranteeNo, issuedOn, validFrom, validTo, amount, fee, letter }', params: zOpenNoParams, body: zOpenIssueGuarantee, response: { 200: zOpenGuaranteeApplication } },
    },
    async (req) => {
      const client = openPrincipal(req);
      const { letter, ...rest } = req.body;
      const letterFileId = await readOpenFile({ files }, letter, client, { label: '保函文件（letter）', ip: req.ip });
      return toOpenGuarantee(await guarantees.issue(client, req.params.no, { ...rest, letterFileId }, requestActor(req)));
    },
  );
  app.get(
    '/open/v1/cash-deposits',
    { config: bank, schema: { tags, summary: '本行的现金存缴（status=awaiting|partial|arrived|closed）', querystring: zOpenCashListQuery, response: { 200: pageOf(zOpenCashDeposit) } } },
    async (req) => mapPage(await cash.list(openPrincipal(req), req.query), toOpenCash),
  );
  app.post(
    '/open/v1/cash-deposits/:no/confirm',
    {
      config: bank,
      schema: { tags, summary: '确认到账 { accountNo, amount, arrivedOn, payerName, voucher, voucherNo? }', params: zOpenNoParams, body: zOpenConfirmCash, response: { 200: zOpenCashDeposit } },
    },
    async (req) => {
      const client = openPrincipal(req);
      const { voucher, ...rest } = req.body;
      const voucherFileId = await readOpenFile({ files }, voucher, client, { label: '凭证（voucher）', ip: req.ip });
      return toOpenCash(await cash.confirm(client, req.params.no, { ...rest, voucherFileId }, requestActor(req)));
    },
  );
};
