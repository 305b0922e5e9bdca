import crypto from 'node:crypto';
import { roleOrgType, type AuditAction, type OrgType, type Role } from '@benxi/shared';
import { passwordProblems } from '@benxi/shared/password';
import type { Db, Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError, invalidState, notFound, uniqueViolation } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { deleteUserSessions } from '../../platform/sessions';
import type { SmsProvider } from '../../platform/sms/provider';
import type { DictionaryService } from '../dictionaries/service';
import type * as DictionariesRepository from '../dictionaries/repository';
import { escapeLike } from '../../platform/sql';
import type { Accounts } from './service';

/** The dictionaries' data functions (modules/dictionaries/repository.ts), passed in by app.ts. */
export type DictionaryData = typeof DictionariesRepository;

/** A PATCH whose fields are all absent changes nothing (and an UPDATE without a SET is an SQL error). */
const isEmptyPatch = (patch: object) => Object.values(patch).every((v) => v === undefined);

/** A first password that satisfies the policy: 14 characters from every class, no look-alikes. */
export function generatePassword(phone: string): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*?'];
  for (;;) {
    const chars = sets.map((s) => s[crypto.randomInt(s.length)]!);
    const all = sets.join('');
    while (chars.length < 14) chars.push(all[crypto.randomInt(all.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const pw = chars.join('');
    if (passwordProblems(pw, phone).length === 0) return pw;
  }
}

/** Whether a dictionary code is in use, asked of the modules that store codes (their repositories, passed in by app.ts). */
export interface DictionaryUses {
  projects: Pick<typeof import('../projects/repository'), 'projectUsesDictCode'>;
  certifications: Pick<typeof import('../certification/repository'), 'certificationUsesQualification'>;
}

export function createManageService(deps: {
  db: Db;
  clock: Clock;
  sms: SmsProvider;
  dictionaries: DictionaryService;
  accounts: Accounts;
  dictionaryData: DictionaryData;
  uses: DictionaryUses;
}) {
  const { db, clock, dictionaries, accounts, dictionaryData: dict, uses } = deps;

  /** Where a dictionary code is used: such an entry can only be disabled, never deleted. */
  async function dictInUse(tx: Tx, dictType: string, code: string, label: string): Promise<boolean> {
    if (dictType === 'industry_type' || dictType === 'project_type' || dictType === 'project_category') {
      if (await uses.projects.projectUsesDictCode(tx, dictType, code)) return true;
      return dictType === 'industry_type' && (await dict.mappingUsesIndustry(tx, code));
    }
    return uses.certifications.certificationUsesQualification(tx, label);
  }

  async function sendPassword(phone: string, password: string, first: boolean) {
    await deps.sms.send({
      phone,
      purpose: 'password',
      code: password,
      content: `【本溪农民工工资保证金平台】您的账户${first ? '已开通' : '密码已重置'}，${first ? '初始' : '临时'}密码为 ${password}，请登录后立即修改。`,
    });
  }

  async function dictionaryView() {
    const [rs, ds, mappings] = await Promise.all([dict.listRegions(db), dict.listDictItems(db, { byType: true }), dict.listMappings(db)]);
    const units = new Map((await accounts.organizationsByIds(db, [...new Set(mappings.map((m) => m.orgId))])).map((o) => [o.id, o.name]));
    // every mapping's unit exists (a foreign key)
    const ms = mappings.filter((m) => units.has(m.orgId)).map((m) => ({ m, orgName: units.get(m.orgId) ?? null }));
    const items = await Promise.all(
      ds.map(async (d) => ({
        id: d.id,
        dictType: d.dictType as never,
        code: d.code,
        label: d.label,
        enabled: d.enabled,
        sort: d.sort,
        inUse: await dictInUse(db, d.dictType, d.code, d.label),
      })),
    );
    return {
      regions: rs.map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode, enabled: r.enabled })),
      items,
      mappings: ms.map(({ m, orgName }) => ({
        id: m.id,
        kind: m.kind as 'authority' | 'hrss',
        industryType: m.industryType,
        regionCode: m.regionCode,
        orgId: m.orgId,
        orgName: orgName ?? '',
        isDefault: m.isDefault,
      })),
    };
  }

  async function audited<T>(actor: Actor, entry: { action: AuditAction; targetType: string; targetId: string; before?: unknown; after?: unknown }, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const now = clock.now();
    const out = await db.transaction(async (tx) => {
      const r = await fn(tx);
      await writeAudit(tx, actor, now, entry);
      return r;
    });
    dictionaries.invalidate();
    return out;
  }

  return {
    dictionaryView,

    async createDictItem(input: { dictType: string; code: string; label: string; sort: number }, actor: Actor) {
      try {
        const id = crypto.randomUUID();
        await audited(actor, { action: 'dict.create', targetType: 'dict_item', targetId: id, after: input }, (tx) =>
          dict.insertDictItem(tx, { id, ...input }),
        );
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', '该字典中已有相同编码的条目');
        throw err;
      }
      return dictionaryView();
    },

    async updateDictItem(id: string, patch: { label?: string; enabled?: boolean; sort?: number }, actor: Actor) {
      const before = await dict.findDictItem(db, id);
      if (!before) throw notFound('字典条目');
      if (patch.label && before.dictType === 'qualification' && patch.label !== before.label && (await dictInUse(db, before.dictType, before.code, before.label))) {
        throw invalidState('该资质名称已被企业认证引用，不能改名，可停用后新增');
      }
      if (isEmptyPatch(patch)) return dictionaryView();
      await audited(actor, { action: 'dict.update', targetType: 'dict_item', targetId: id, before, after: patch }, (tx) =>
        dict.updateDictItem(tx, id, patch),
      );
      return dictionaryView();
    },

    async deleteDictItem(id: string, actor: Actor) {
      const before = await dict.findDictItem(db, id);
      if (!before) throw notFound('字典条目');
      if (await dictInUse(db, before.dictType, before.code, before.label)) {
        throw invalidState('该字典条目已被使用，不能删除，只能停用');
      }
      await audited(actor, { action: 'dict.delete', targetType: 'dict_item', targetId: id, before }, (tx) => dict.deleteDictItem(tx, id));
      return dictionaryView();
    },

    async updateRegion(code: string, patch: { name?: string; enabled?: boolean }, actor: Actor) {
      const before = await dict.findRegion(db, code);
      if (!before) throw notFound('地区');
      if (isEmptyPatch(patch)) return dictionaryView();
      await audited(actor, { action: 'region.update', targetType: 'region', targetId: code, before, after: patch }, (tx) =>
        dict.updateRegion(tx, code, patch),
      );
      return dictionaryView();
    },

    async createMapping(input: { kind: 'authority' | 'hrss'; industryType?: string | null; regionCode: string; orgId: string; isDefault: boolean }, actor: Actor) {
      const industryType = input.kind === 'hrss' ? null : (input.industryType ?? null);
      if (input.kind === 'authority' && !industryType) throw fieldError('industryType', '行业主管单位的映射需要选择行业主管类型');
      const org = await accounts.findOrganization(db, input.orgId);
      if (!org || org.type !== input.kind) throw fieldError('orgId', input.kind === 'hrss' ? '请选择人社监管单位' : '请选择行业主管单位');
      const region = await dict.findRegion(db, input.regionCode);
      if (!region) throw fieldError('regionCode', '请选择有效的地区');
      const id = crypto.randomUUID();
      try {
        await audited(actor, { action: 'mapping.create', targetType: 'supervision_mapping', targetId: id, after: { ...input, industryType } }, async (tx) => {
          if (input.isDefault) await dict.clearDefaultMapping(tx, { kind: input.kind, regionCode: input.regionCode, industryType });
          await dict.insertMapping(tx, { id, kind: input.kind, industryType, regionCode: input.regionCode, orgId: input.orgId, isDefault: input.isDefault });
        });
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', '该映射已存在');
        throw err;
      }
      return dictionaryView();
    },

    async deleteMapping(id: string, actor: Actor) {
      const before = await dict.findMapping(db, id);
      if (!before) throw notFound('映射');
      await audited(actor, { action: 'mapping.delete', targetType: 'supervision_mapping', targetId: id, before }, (tx) =>
        dict.deleteMapping(tx, id),
      );
      return dictionaryView();
    },

    async listOrganizations(q: { type?: OrgType; keyword?: string; id?: string; page: number; pageSize: number }) {
      const { rows, total } = await accounts.listOrganizations(db, {
        id: q.id,
        type: q.type,
        keyword: q.keyword ? escapeLike(q.keyword) : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: rows.map(({ o, parentName, n }) => ({
          id: o.id,
          type: o.type as OrgType,
          name: o.name,
          creditCode: o.creditCode,
          regionCode: o.regionCode,
          parentId: o.parentId,
          parentName,
          industryType: o.industryType,
          enabled: o.enabled,
          certified: o.certified,
          userCount: Number(n ?? 0),
          createdAt: o.createdAt.toISOString(),
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async createOrganization(input: { type: OrgType; name: string; regionCode?: string | null; parentId?: string | null; industryType?: string | null }, actor: Actor) {
      if (input.type === 'authority' && !input.industryType) throw fieldError('industryType', '行业主管单位需要选择行业主管类型');
      if (input.parentId) {
        const p = await accounts.findOrganization(db, input.parentId);
        if (!p || p.type !== input.type) throw fieldError('parentId', '上级单位必须是同类型单位');
      }
      const dup = await accounts.organizationNamed(db, input.name, input.type);
      if (dup) throw new AppError('CONFLICT', '已有同名同类型的单位');
      const id = crypto.randomUUID();
      await audited(actor, { action: 'organization.create', targetType: 'organization', targetId: id, after: input }, (tx) =>
        accounts.insertOrganization(tx, {
          id,
          type: input.type,
          name: input.name,
          regionCode: input.regionCode ?? null,
          parentId: input.parentId ?? null,
          industryType: input.type === 'authority' ? (input.industryType ?? null) : null,
          certified: true,
          createdAt: clock.now(),
        }),
      );
      return (await this.listOrganizations({ id, page: 1, pageSize: 1 })).items[0]!;
    },

    async updateOrganization(id: string, patch: { name?: string; enabled?: boolean; parentId?: string | null }, actor: Actor) {
      const before = await accounts.findOrganization(db, id);
      if (!before) throw notFound('单位');
      if (before.type === 'enterprise' && patch.name) throw invalidState('企业名称以认证信息为准，不能在此修改');
      if (patch.parentId) {
        const p = await accounts.findOtherOrganization(db, patch.parentId, id);
        if (!p || p.type !== before.type) throw fieldError('parentId', '上级单位必须是同类型的其他单位');
      }
      if (!isEmptyPatch(patch)) {
        await audited(actor, { action: 'organization.update', targetType: 'organization', targetId: id, before: { name: before.name, enabled: before.enabled, parentId: before.parentId }, after: patch }, (tx) =>
          accounts.updateOrganization(tx, id, patch),
        );
      }
      return (await this.listOrganizations({ id, page: 1, pageSize: 1 })).items[0]!;
    },

    /** A supervisor, bank, insurer or operator account; the first password goes by SMS and must be changed. */
    async createUser(input: { phone: string; name: string; role: Role; orgId: string }, actor: Actor): Promise<string> {
      if (input.role === 'enterprise') throw fieldError('role', '企业用户请自行注册');
      const org = await accounts.findOrganization(db, input.orgId);
      if (!org) throw fieldError('orgId', '所属单位不存在');
      if (roleOrgType[input.role] !== org.type) throw fieldError('role', '角色与所属单位的类型不一致');
      const password = generatePassword(input.phone);
      const passwordHash = await hashPassword(password);
      const id = crypto.randomUUID();
      try {
        await audited(actor, { action: 'user.create', targetType: 'user', targetId: id, after: { phone: input.phone, name: input.name, role: input.role, orgId: input.orgId } }, (tx) =>
          accounts.insertUser(tx, { id, phone: input.phone, name: input.name, role: input.role, orgId: input.orgId, passwordHash, mustChangePassword: true, createdAt: clock.now() }),
        );
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('PHONE_TAKEN', '该手机号已有账户');
        throw err;
      }
      await sendPassword(input.phone, password, true);
      return id;
    },

    /** A temporary password by SMS; also unlocks and ends every session. */
    async resetUserPassword(id: string, actor: Actor): Promise<void> {
      const u = await accounts.findUserById(db, id);
      if (!u) throw notFound('用户');
      const password = generatePassword(u.phone);
      const passwordHash = await hashPassword(password);
      await audited(actor, { action: 'user.password.admin-reset', targetType: 'user', targetId: id }, async (tx) => {
        await accounts.updateUser(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: clock.now() });
        await accounts.clearFailures(tx, u.phone);
        await deleteUserSessions(tx, id);
      });
      await sendPassword(u.phone, password, false);
    },
  };
}

export type ManageService = ReturnType<typeof createManageService>;
