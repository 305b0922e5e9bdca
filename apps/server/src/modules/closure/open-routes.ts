import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, zOpenNoParams, zOpenReturnConfirmation, zOpenReturned, zOpenReturnListQuery, type TOpenReturnConfirmation, type TReturnConfirmation } from '@benxi/shared';
import { openPrincipal, requestActor } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import type { ClosureService } from './service';

const toOpen = (r: TReturnConfirmation): TOpenReturnConfirmation => ({
  no: r.id,
  status: r.status,
  documentNo: r.documentNo,
  projectNo: r.projectId,
  projectName: r.projectName,
  enterpriseName: r.enterpriseName,
  kind: r.kind,
  amount: r.amount,
  issuedOn: shanghaiDate(new Date(r.issuedAt)),
  deadline: r.deadline,
  returnedOn: r.returnedOn,
  principal: r.principal,
  interest: r.interest,
});

/** 返还（销户）确认书 through the signed open API (SPEC §13): the same command as the bank's portal. */
export const closureOpenRoutes: FastifyPluginAsyncZod<{ closure: ClosureService }> = async (app, { closure }) => {
  const tags = ['开放接口（银行、保险公司）'];
  const bank = { access: { open: ['bank'] as const } };
  app.get(
    '/open/v1/return-confirmations',
    { config: bank, schema: { tags, summary: '本行的返还（销户）确认书（status=pending|returned）', querystring: zOpenReturnListQuery, response: { 200: pageOf(zOpenReturnConfirmation) } } },
    async (req) => {
      const p = await closure.listReturns(openPrincipal(req), req.query);
      return { ...p, items: p.items.map(toOpen) };
    },
  );
  app.post(
    '/open/v1/return-confirmations/:no/returned',
    { config: bank, schema: { tags, summary: '返还确认（returnedOn, principal, interest；保函：originalReturned）', params: zOpenNoParams, body: zOpenReturned, response: { 200: zOpenReturnConfirmation } } },
    async (req) => toOpen(await closure.confirmReturn(openPrincipal(req), req.params.no, req.body, requestActor(req))),
  );
};
