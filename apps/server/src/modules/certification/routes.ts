import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  pageOf,
  zCertification,
  zCertificationListQuery,
  zCertificationRequest,
  zCurrentCertification,
  zIdParams,
  zRejectCertificationRequest,
} from '@benxi/shared';
import { currentUser, requestActor } from '../../platform/access';
import type { CertificationService } from './service';

export const certificationRoutes: FastifyPluginAsyncZod<{ certifications: CertificationService }> = async (
  app,
  { certifications },
) => {
  const tags = ['企业认证'];

  app.get(
    '/certification',
    {
      config: { access: { permission: 'certification.read-own', allowUncertified: true } },
      schema: { tags, summary: '本企业最新的认证申请', response: { 200: zCurrentCertification } },
    },
    async (req) => ({ certification: await certifications.current(currentUser(req)) }),
  );

  app.post(
    '/certification',
    {
      config: { access: { permission: 'certification.submit', allowUncertified: true } },
      schema: { tags, summary: '提交企业认证（首次或重新申请）', body: zCertificationRequest, response: { 201: zCertification } },
    },
    async (req, reply) => {
      const c = await certifications.submit(currentUser(req), req.body, requestActor(req));
      return reply.code(201).send(c);
    },
  );

  const admin = { access: { permission: 'certification.review' as const } };

  app.get(
    '/admin/certifications',
    {
      config: admin,
      schema: { tags, summary: '认证审核列表', querystring: zCertificationListQuery, response: { 200: pageOf(zCertification) } },
    },
    async (req) => certifications.list(currentUser(req), req.query),
  );

  app.get(
    '/admin/certifications/:id',
    { config: admin, schema: { tags, summary: '认证申请详情', params: zIdParams, response: { 200: zCertification } } },
    async (req) => certifications.get(currentUser(req), req.params.id),
  );

  app.post(
    '/admin/certifications/:id/approve',
    { config: admin, schema: { tags, summary: '认证审核通过', params: zIdParams, response: { 200: zCertification } } },
    async (req) => certifications.approve(currentUser(req), req.params.id, requestActor(req)),
  );

  app.post(
    '/admin/certifications/:id/reject',
    {
      config: admin,
      schema: {
        tags,
        summary: '认证审核驳回（需填写原因）',
        params: zIdParams,
        body: zRejectCertificationRequest,
        response: { 200: zCertification },
      },
    },
    async (req) => certifications.reject(currentUser(req), req.params.id, req.body.reason, requestActor(req)),
  );
};
