import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zCalendarStatus, zCalendarYearBody, zCalendarYearParams, zCalendarYearView, zCalendarOverride, zCalendarOverrideView, zDate, zRatioParamsBody, zRatioParamsView, zRegionParams } from '@benxi/shared';
import { requestActor } from '../../platform/access';
import type { RulesService } from './service';

export const rulesRoutes: FastifyPluginAsyncZod<{ rules: RulesService }> = async (app, { rules }) => {
  const tags = ['平台运营'];
  const manage = { access: { permission: 'ratio.manage' as const } };
  app.get('/admin/ratio-params', { config: manage, schema: { tags, summary: '各地区保证金比例参数', response: { 200: z.array(zRatioParamsView) } } }, async () => rules.listParams());
  app.put(
    '/admin/ratio-params/:code',
    { config: manage, schema: { tags, summary: '修改地区比例参数（对此后提交的申请生效）', params: zRegionParams, body: zRatioParamsBody, response: { 200: zRatioParamsView } } },
    async (req) => rules.setParams(req.params.code, req.body, requestActor(req)),
  );
  app.get('/admin/calendar-overrides', { config: manage, schema: { tags, summary: '工作日调整（在法定节假日日历之上）', response: { 200: z.array(zCalendarOverrideView) } } }, async () =>
    rules.listOverrides(),
  );
  app.put('/admin/calendar-overrides', { config: manage, schema: { tags, summary: '设置某日为工作日或休息日', body: zCalendarOverride, response: { 200: z.array(zCalendarOverrideView) } } }, async (req) =>
    rules.setOverride(req.body, requestActor(req)),
  );
  app.delete(
    '/admin/calendar-overrides/:date',
    { config: manage, schema: { tags, summary: '删除工作日调整', params: z.object({ date: zDate }), response: { 200: z.array(zCalendarOverrideView) } } },
    async (req) => rules.deleteOverride(req.params.date, requestActor(req)),
  );
  // 节假日安排 by year (ADR 036)
  const calendar = { access: { permission: 'calendar.manage' as const } };
  app.get('/admin/calendar-years', { config: calendar, schema: { tags, summary: '各年度节假日安排及确认状态', response: { 200: z.array(zCalendarYearView) } } }, async () => rules.listCalendarYears());
  app.put(
    '/admin/calendar-years/:year',
    { config: calendar, schema: { tags, summary: '录入（粘贴）某年节假日安排并确认', params: zCalendarYearParams, body: zCalendarYearBody, response: { 200: zCalendarYearView } } },
    async (req) => rules.setCalendarYear(req.params.year, req.body, requestActor(req)),
  );
  app.get(
    '/calendar/status',
    { config: { access: { anyRole: true } }, schema: { tags: ['通用'], summary: '已确认节假日安排的年份（期限落在未确认年份时页面注明）', response: { 200: zCalendarStatus } } },
    async () => rules.calendarStatus(),
  );
};
