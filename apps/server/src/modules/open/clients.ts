import crypto from 'node:crypto';
import type { OpenClientOrgType, TApiClient } from '@benxi/shared';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError, invalidState, notFound, uniqueViolation } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { isSm2PublicKey } from '../../platform/sm2/pool';
import type * as accountsRepo from '../auth/repository';
import { disableClient, findClient, insertClient, listClients, type ApiClientRow } from './repository';

/** RFC 4648 base32 (lower case): 20 characters carry 100 random bits. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export function newAppId(): string {
  const bytes = crypto.randomBytes(13);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `bx_${out}`;
}

type Accounts = Pick<typeof accountsRepo, 'findOrganization' | 'organizationsByIds' | 'listOrganizations'>;

/** 开放接口 (the operator's page): register an organisation's API client with its SM2 public key, list, disable. */
export function createApiClientService(deps: { db: Db; clock: Clock; accounts: Accounts }) {
  const { db, clock, accounts } = deps;

  async function toDtos(rows: ApiClientRow[]): Promise<TApiClient[]> {
    const orgIds = [...new Set(rows.map((r) => r.orgId))];
    const orgs = new Map<string, { name: string | null; type: string }>();
    for (const id of orgIds) {
      const o = await accounts.findOrganization(db, id);
      if (o) orgs.set(id, { name: o.name, type: o.type });
    }
    return rows.map((r) => ({
      id: r.id,
      appId: r.appId,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? null,
      orgType: (orgs.get(r.orgId)?.type ?? 'bank') as OpenClientOrgType,
      publicKey: r.publicKey,
      status: r.enabled ? 'enabled' : 'disabled',
      createdAt: r.createdAt.toISOString(),
      disabledAt: r.disabledAt?.toISOString() ?? null,
    }));
  }

  return {
    async list(): Promise<{ items: TApiClient[] }> {
      return { items: await toDtos(await listClients(db)) };
    },

    /** The banks and insurers a client may be registered for (the dialog's 机构 choice). */
    async organizations(): Promise<{ items: { id: string; name: string | null; type: OpenClientOrgType }[] }> {
      const items: { id: string; name: string | null; type: OpenClientOrgType }[] = [];
      for (const type of ['bank', 'insurer'] as const) {
        const { rows } = await accounts.listOrganizations(db, { type, limit: 500, offset: 0 });
        for (const r of rows) if (r.o.enabled) items.push({ id: r.o.id, name: r.o.name, type });
      }
      return { items };
    },

    async register(user: AuthUser, input: { orgId: string; publicKey: string }, actor: Actor): Promise<TApiClient> {
      const org = await accounts.findOrganization(db, input.orgId);
      if (!org || (org.type !== 'bank' && org.type !== 'insurer')) throw fieldError('orgId', '请选择银行或保险公司');
      if (!org.enabled) throw fieldError('orgId', `${org.name ?? '该机构'}已停用，不能注册开放接口客户端`);
      const publicKey = input.publicKey.toLowerCase();
      if (!isSm2PublicKey(publicKey)) throw fieldError('publicKey', 'SM2 公钥不是 SM2 曲线上的点，请核对后重新粘贴（04 开头的 130 位十六进制）');
      const now = clock.now();
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.transaction(async (tx) => {
            const inserted = await insertClient(tx, { appId: newAppId(), orgId: org.id, publicKey, enabled: true, createdAt: now, createdBy: user.id });
            if (!inserted) throw new AppError('CONFLICT', 'appId 重复，请重试');
            await writeAudit(tx, actor, now, {
              action: 'openapi.client.create',
              targetType: 'api_client',
              targetId: inserted.id,
              after: { appId: inserted.appId, orgId: org.id, orgName: org.name, publicKey },
            });
            return inserted;
          });
          return (await toDtos([row]))[0]!;
        } catch (err) {
          // 100 random bits: a second collision would mean a broken random source
          if (attempt === 0 && (err instanceof AppError || uniqueViolation(err))) continue;
          throw err;
        }
      }
    },

    async disable(user: AuthUser, id: string, actor: Actor): Promise<TApiClient> {
      const before = await findClient(db, id);
      if (!before) throw notFound('开放接口客户端');
      if (!before.enabled) throw invalidState('该客户端已停用');
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!(await disableClient(tx, id, now, user.id))) throw invalidState('该客户端已停用');
        await writeAudit(tx, actor, now, {
          action: 'openapi.client.disable',
          targetType: 'api_client',
          targetId: id,
          before: { appId: before.appId, status: 'enabled' },
          after: { appId: before.appId, status: 'disabled' },
        });
      });
      return (await toDtos([(await findClient(db, id))!]))[0]!;
    },
  };
}

export type ApiClientService = ReturnType<typeof createApiClientService>;
