import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zUnitOptions, zUnitOptionsQuery } from '@benxi/shared';
import type { DictionaryService } from './service';
import type { Db } from '../../db/client';

const zForms = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() })),
  items: z.record(z.string(), z.array(z.object({ code: z.string(), label: z.string() }))),
});

export const dictionaryRoutes: FastifyPluginAsyncZod<{ dictionaries: DictionaryService; db: Db }> = async (app, { dictionaries, db }) => {
  const tags = ['字典'];
  app.get(
    '/dictionaries',
    { config: { access: { anyRole: true, allowUncertified: true } }, schema: { tags, summary: '表单所用字典（地区、行业主管类型、工程类型、企业资质、项目种类）', response: { 200: zForms } } },
    async () => dictionaries.forForms(),
  );
  app.get(
    '/dictionaries/units',
    { config: { access: { anyRole: true } }, schema: { tags, summary: '按行业主管类型和主管地区带出行业主管单位、人社监管单位', querystring: zUnitOptionsQuery, response: { 200: zUnitOptions } } },
    async (req) => dictionaries.unitOptions(db, req.query.industryType, req.query.regionCode),
  );
};
