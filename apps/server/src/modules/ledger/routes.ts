import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { depositStatusLabels, ledgerWayLabels, zLedgerDetail, zLedgerFilter, zLedgerListQuery, zLedgerPage, zLedgerProjectParams, zLedgerStats, zLedgerStatsQuery, type TLedgerRow, type TLedgerStatsCell } from '@benxi/shared';
import { currentUser } from '../../platform/access';
import { shanghaiDate } from '../../platform/clock';
import { attachmentHeader, streamExcel, type ExcelColumn } from '../../platform/excel';
import type { LedgerService } from './service';

const read = { access: { permission: 'ledger.read' as const } };
const tags = ['台账'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The export's columns: the list's, amounts in 元 as the list shows them (exact decimal strings of 分). */
export const LEDGER_COLUMNS: ExcelColumn<TLedgerRow>[] = [
  { header: '工程编号', width: 22, value: (r) => r.projectId },
  { header: '项目名称', width: 36, value: (r) => r.projectName },
  { header: '地区', width: 12, value: (r) => r.regionName },
  { header: '施工单位', width: 28, value: (r) => r.contractorName },
  { header: '保证金状态', width: 12, value: (r) => depositStatusLabels[r.depositStatus] },
  { header: '缴纳方式', width: 10, value: (r) => ledgerWayLabels[r.way] },
  { header: '缴纳日期', width: 12, value: (r) => r.settledOn },
  { header: '缴纳金额（元）', width: 16, value: (r) => r.settledAmount },
  { header: '现金（元）', width: 16, value: (r) => r.cash },
  { header: '银行保函（元）', width: 16, value: (r) => r.bankGuarantee },
  { header: '保单保函（元）', width: 16, value: (r) => r.offlineGuarantee },
  { header: '保险保单（元）', width: 16, value: (r) => r.insurancePolicy },
  { header: '动用次数', width: 10, value: (r) => r.useCount },
  { header: '动用金额（元）', width: 16, value: (r) => r.used },
  { header: '补足金额（元）', width: 16, value: (r) => r.replenished },
  { header: '返还/释放（元）', width: 16, value: (r) => r.returned },
  { header: '余额（元）', width: 16, value: (r) => r.balance },
];

const STATS_COLUMNS: ExcelColumn<TLedgerStatsCell>[] = [
  { header: '月份', width: 10, value: (c) => c.month },
  { header: '地区', width: 12, value: (c) => c.regionName },
  { header: '缴纳方式', width: 10, value: (c) => ledgerWayLabels[c.way] },
  { header: '项目数', width: 10, value: (c) => c.count },
  { header: '金额（元）', width: 18, value: (c) => c.amount },
];

export const ledgerRoutes: FastifyPluginAsyncZod<{ ledger: LedgerService }> = async (app, { ledger }) => {
  app.get('/ledger', { config: read, schema: { tags, summary: '台账：每个项目的保证金、动用、补足、返还与余额', querystring: zLedgerListQuery, response: { 200: zLedgerPage } } }, async (req) =>
    ledger.list(currentUser(req), req.query),
  );

  app.get('/ledger/export', { config: read, schema: { tags, summary: '导出台账（Excel，流式）', querystring: zLedgerFilter } }, async (req, reply) => {
    const user = currentUser(req);
    const rows = (async function* () {
      for await (const es of ledger.iterate(user, req.query)) yield es.map(ledger.toRow);
    })();
    reply.header('content-type', XLSX).header('content-disposition', attachmentHeader(`保证金台账-${shanghaiDate(new Date())}.xlsx`)).header('cache-control', 'no-store');
    return reply.send(streamExcel('保证金台账', LEDGER_COLUMNS, rows));
  });

  app.get('/ledger/stats', { config: read, schema: { tags, summary: '月度统计：按地区、缴纳方式的项目数与金额', querystring: zLedgerStatsQuery, response: { 200: zLedgerStats } } }, async (req) =>
    ledger.stats(currentUser(req), req.query),
  );

  app.get('/ledger/stats/export', { config: read, schema: { tags, summary: '导出月度统计（Excel）', querystring: zLedgerStatsQuery } }, async (req, reply) => {
    const s = await ledger.stats(currentUser(req), req.query);
    reply.header('content-type', XLSX).header('content-disposition', attachmentHeader(`保证金月度统计-${s.year}.xlsx`)).header('cache-control', 'no-store');
    return reply.send(streamExcel(`${s.year}年月度统计`, STATS_COLUMNS, (async function* () { yield s.cells; })()));
  });

  app.get('/ledger/:projectId', { config: read, schema: { tags, summary: '项目台账：按日期的每笔变动与余额', params: zLedgerProjectParams, response: { 200: zLedgerDetail } } }, async (req) =>
    ledger.detail(currentUser(req), req.params.projectId),
  );
};
