import {
  deriveProjectStatus,
  durationDays,
  fenToYuan,
  projectAllowedActions,
  yuanToFen,
  type DepositStatus,
  type ProjectStatus,
  type TProject,
  type TProjectRow,
} from '@benxi/shared';
import type { Database, Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import { shanghaiDate, type Clock } from '../../platform/clock';
import { AppError, fieldError, notFound, uniqueViolation } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import type { Snowflake } from '../../platform/snowflake';
import type { DictionaryService } from '../dictionaries/service';
import { projectScopeOf, scopeOf, type ProjectScope, type ScopeMode } from '../../platform/scope';
import { createTotalsCache, type TotalsCache } from './totals';
import { exportIdsStatement, findProject, findProjectInScope, insertProject, listStatements, projectsByIds, updateProject, updateProjectProgress, type ListRow, type ProjectListQuery, type ProjectRow } from './repository';
import { recordWarningRecheck } from '../warnings/events';

/** The accounts' functions the projects use (auth/repository.ts, passed in by app.ts). */
export type ProjectAccounts = Pick<typeof import('../auth/repository'), 'findOrganization' | 'organizationsByIds'>;

const BASE_FIELDS = [
  'industryType',
  'regionCode',
  'authorityOrgId',
  'hrssOrgId',
  'name',
  'location',
  'projectRegionCode',
  'projectType',
  'contractAmount',
  'plannedStart',
  'plannedEnd',
  'builderName',
  'builderCreditCode',
  'contractSignedOn',
  'category',
  'permitDate',
] as const;

export interface ProjectInput {
  industryType: string;
  regionCode: string;
  authorityOrgId?: string;
  hrssOrgId?: string;
  name: string;
  location: string;
  projectRegionCode: string;
  projectType: string;
  contractAmount: string;
  plannedStart: string;
  plannedEnd: string;
  builderName: string;
  builderCreditCode: string;
  contractSignedOn: string;
  category: string;
  permitDate?: string | null;
  wageDay: number;
  managerName: string;
  managerPhone: string;
  laborOfficerName: string;
  laborOfficerPhone: string;
}

export { listStatements, listWhere, type ProjectListQuery, type Statement } from './repository';

/** Names of the units on a page of projects, in one small query. */
async function unitNames(accounts: ProjectAccounts, db: Db, rows: ProjectRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => [r.authorityOrgId, r.hrssOrgId]))];
  if (ids.length === 0) return new Map();
  const orgs = await accounts.organizationsByIds(db, ids);
  return new Map(orgs.map((o) => [o.id, o.name ?? '']));
}

export function createProjectService(deps: {
  db: Db;
  /** plain SQL for the list path (Database.query) */
  query: Database['query'];
  /** refreshes of cached totals (Database.backgroundQuery); defaults to `query` */
  backgroundQuery?: Database['query'];
  clock: Clock;
  ids: Snowflake;
  dictionaries: DictionaryService;
  accounts: ProjectAccounts;
  totals?: TotalsCache;
}) {
  const { db, clock, dictionaries, query, accounts } = deps;
  const backgroundQuery = deps.backgroundQuery ?? query;
  const totals = deps.totals ?? createTotalsCache();

  async function toDto(user: AuthUser, p: ProjectRow, authorityName: string | null, hrssName: string | null): Promise<TProject> {
    const s = await dictionaries.snapshot();
    const label = (type: string, code: string) => s.items.get(type)?.get(code)?.label ?? code;
    return {
      id: p.id.toString(),
      code: p.id.toString(),
      industryType: p.industryType,
      industryTypeLabel: label('industry_type', p.industryType),
      regionCode: p.regionCode,
      regionName: s.regions.get(p.regionCode)?.name ?? p.regionCode,
      authorityOrg: { id: p.authorityOrgId, name: authorityName ?? '' },
      hrssOrg: { id: p.hrssOrgId, name: hrssName ?? '' },
      name: p.name,
      location: p.location,
      projectRegionCode: p.projectRegionCode,
      projectRegionName: s.regions.get(p.projectRegionCode)?.name ?? p.projectRegionCode,
      projectType: p.projectType,
      projectTypeLabel: label('project_type', p.projectType),
      contractAmount: fenToYuan(p.contractAmountFen),
      plannedStart: p.plannedStart,
      plannedEnd: p.plannedEnd,
      durationDays: durationDays(p.plannedStart, p.plannedEnd),
      contractorName: p.contractorName,
      contractorCreditCode: p.contractorCreditCode,
      builderName: p.builderName,
      builderCreditCode: p.builderCreditCode,
      contractSignedOn: p.contractSignedOn,
      wageDay: p.wageDay,
      managerName: p.managerName,
      managerPhone: p.managerPhone,
      laborOfficerName: p.laborOfficerName,
      laborOfficerPhone: p.laborOfficerPhone,
      category: p.category,
      categoryLabel: label('project_category', p.category),
      permitDate: p.permitDate,
      actualStart: p.actualStart,
      expectedCompletion: p.expectedCompletion,
      actualCompletion: p.actualCompletion,
      status: p.status as ProjectStatus,
      depositStatus: p.depositStatus as DepositStatus,
      needsReplenish: p.needsReplenish,
      baseLocked: p.baseLocked,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
      allowedActions: projectAllowedActions(
        user.role,
        { status: p.status as ProjectStatus, depositStatus: p.depositStatus as DepositStatus },
        p.enterpriseOrgId === user.orgId,
      ),
    };
  }

  /** Checks every dictionary value and resolves the two units (the default, or a choice the dictionary offers). */
  async function resolve(input: Pick<ProjectInput, 'industryType' | 'regionCode' | 'authorityOrgId' | 'hrssOrgId' | 'projectRegionCode' | 'projectType' | 'category'>) {
    await dictionaries.requireItem('industry_type', input.industryType, 'industryType', '行业主管类型');
    await dictionaries.requireRegion(input.regionCode, 'regionCode', '主管地区');
    await dictionaries.requireRegion(input.projectRegionCode, 'projectRegionCode', '工程地区');
    await dictionaries.requireItem('project_type', input.projectType, 'projectType', '工程类型');
    await dictionaries.requireItem('project_category', input.category, 'category', '项目种类');
    const options = await dictionaries.unitOptions(db, input.industryType, input.regionCode);
    const choose = (list: { id: string }[], wanted: string | undefined, field: string, label: string) => {
      if (list.length === 0) throw fieldError(field, `该主管地区暂无对应的${label}，请联系平台运营人员`);
      if (!wanted) return list[0]!.id;
      if (!list.some((o) => o.id === wanted)) throw fieldError(field, `${label}只能选择字典中该类型、该地区的单位`);
      return wanted;
    };
    return {
      authorityOrgId: choose(options.authorities, input.authorityOrgId, 'authorityOrgId', '行业主管单位'),
      hrssOrgId: choose(options.hrss, input.hrssOrgId, 'hrssOrgId', '人社监管单位'),
    };
  }

  function checkDates(input: { plannedStart: string; plannedEnd: string; contractSignedOn: string }) {
    if (input.plannedEnd < input.plannedStart) throw fieldError('plannedEnd', '计划结束日期不能早于开始日期');
  }

  /** The project if the user may read it (`act`: change it — its enterprise); otherwise 404. */
  async function loadScoped(user: AuthUser, id: bigint, mode: ScopeMode = 'read') {
    // reading: the list's own scope descriptor, on a prepared statement (the detail is read all day)
    const p = mode === 'read' ? await findProjectInScope(db, id, await projectScopeOf(db, user)) : await findProject(db, id, await scopeOf(db, user, 'project', mode));
    // as the joins did: no row without its two units
    const units = p ? await accounts.organizationsByIds(db, [...new Set([p.authorityOrgId, p.hrssOrgId])]) : [];
    const authority = units.find((o) => o.id === p?.authorityOrgId);
    const hrss = units.find((o) => o.id === p?.hrssOrgId);
    const row = p && authority && hrss ? { p, authorityName: authority.name, hrssName: hrss.name } : undefined;
    if (!row) throw notFound('项目');
    return row;
  }


  const parseId = (id: string) => {
    try {
      return BigInt(id);
    } catch {
      throw notFound('项目');
    }
  };

  return {
    parseId,

    async create(user: AuthUser, input: ProjectInput, actor: Actor): Promise<TProject> {
      checkDates(input);
      const units = await resolve(input);
      const org = await accounts.findOrganization(db, user.orgId);
      if (!org?.certified || !org.name || !org.creditCode) throw new AppError('CERTIFICATION_REQUIRED', '请先完成企业认证');
      const now = clock.now();
      const id = deps.ids.next();
      try {
        await db.transaction(async (tx) => {
          await insertProject(tx, {
            id,
            enterpriseOrgId: user.orgId,
            industryType: input.industryType,
            regionCode: input.regionCode,
            ...units,
            name: input.name,
            location: input.location,
            projectRegionCode: input.projectRegionCode,
            projectType: input.projectType,
            contractAmountFen: yuanToFen(input.contractAmount),
            plannedStart: input.plannedStart,
            plannedEnd: input.plannedEnd,
            contractorName: org.name!,
            contractorCreditCode: org.creditCode!,
            builderName: input.builderName,
            builderCreditCode: input.builderCreditCode,
            contractSignedOn: input.contractSignedOn,
            wageDay: input.wageDay,
            managerName: input.managerName,
            managerPhone: input.managerPhone,
            laborOfficerName: input.laborOfficerName,
            laborOfficerPhone: input.laborOfficerPhone,
            category: input.category,
            permitDate: input.permitDate ?? null,
            createdAt: now,
            updatedAt: now,
          });
          await writeAudit(tx, actor, now, {
            action: 'project.create',
            targetType: 'project',
            targetId: id.toString(),
            after: { name: input.name, contractAmount: input.contractAmount, regionCode: input.regionCode },
          });
        });
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('CONFLICT', '工程编号冲突，请重新提交');
        throw err;
      }
      const row = await loadScoped(user, id);
      return toDto(user, row.p, row.authorityName, row.hrssName);
    },

    async get(user: AuthUser, id: string): Promise<TProject> {
      const row = await loadScoped(user, parseId(id));
      return toDto(user, row.p, row.authorityName, row.hrssName);
    },

    async list(user: AuthUser, q: ProjectListQuery & { page: number; pageSize: number }) {
      const scope = await projectScopeOf(db, user);
      if (scope.kind === 'none') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const st = listStatements(scope, q, q.page, q.pageSize);
      const [{ rows }, total, dict] = await Promise.all([
        query<ListRow>(st.page.text, st.page.values),
        totals.total(`${st.total.text}|${JSON.stringify(st.total.values)}`, async (background) => {
          const run = background ? backgroundQuery : query;
          return (await run<{ n: number }>(st.total.text, st.total.values)).rows[0]?.n ?? 0;
        }),
        dictionaries.snapshot(),
      ]);
      const regionName = (code: string) => dict.regions.get(code)?.name ?? code;
      const items: TProjectRow[] = rows.map((r) => ({
        id: r.id,
        code: r.id,
        name: r.name,
        regionCode: r.region_code,
        regionName: regionName(r.region_code),
        projectRegionName: regionName(r.project_region_code),
        contractAmount: fenToYuan(r.amount_fen),
        status: r.status as ProjectStatus,
        depositStatus: r.deposit_status as DepositStatus,
        contractorName: r.contractor_name,
        createdAt: r.created_at,
      }));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    /** Every matching row, in batches (keyset on created_at, id), for the Excel export. */
    async *iterate(user: AuthUser, q: ProjectListQuery, batch = 1000): AsyncGenerator<TProject[]> {
      const scope = await projectScopeOf(db, user);
      if (scope.kind === 'none') return;
      let after: { createdAt: string; id: string } | null = null;
      for (;;) {
        // the page's ids in plain SQL (the list's own filter), then their full rows
        const st = exportIdsStatement(scope, q, batch, after);
        const { rows: ids }: { rows: { id: string; created_at: string }[] } = await query<{ id: string; created_at: string }>(st.text, st.values);
        if (ids.length === 0) return;
        const full = await projectsByIds(db, ids.map((r) => BigInt(r.id)));
        const byId = new Map(full.map((r) => [r.id.toString(), r]));
        const rows = ids.map((r) => byId.get(r.id)).filter((r): r is ProjectRow => !!r);
        const names = await unitNames(accounts, db, rows);
        yield await Promise.all(rows.map((r) => toDto(user, r, names.get(r.authorityOrgId) ?? null, names.get(r.hrssOrgId) ?? null)));
        const last: { id: string; created_at: string } = ids[ids.length - 1]!;
        after = { createdAt: last.created_at, id: last.id };
        if (ids.length < batch) return;
      }
    },

    /** Base data until the first quota application; contacts always. */
    async update(user: AuthUser, id: string, patch: Partial<ProjectInput>, actor: Actor): Promise<TProject> {
      const { p: before } = await loadScoped(user, parseId(id), 'act');
      const touchesBase = BASE_FIELDS.some((f) => patch[f] !== undefined);
      if (touchesBase && before.baseLocked) {
        throw new AppError('INVALID_STATE', '项目已提交定额申请，基础信息不能再修改；工程进度和联系人仍可修改');
      }
      const merged: ProjectInput = {
        industryType: patch.industryType ?? before.industryType,
        regionCode: patch.regionCode ?? before.regionCode,
        authorityOrgId: patch.authorityOrgId ?? (patch.industryType || patch.regionCode ? undefined : before.authorityOrgId),
        hrssOrgId: patch.hrssOrgId ?? (patch.regionCode ? undefined : before.hrssOrgId),
        name: patch.name ?? before.name,
        location: patch.location ?? before.location,
        projectRegionCode: patch.projectRegionCode ?? before.projectRegionCode,
        projectType: patch.projectType ?? before.projectType,
        contractAmount: patch.contractAmount ?? fenToYuan(before.contractAmountFen),
        plannedStart: patch.plannedStart ?? before.plannedStart,
        plannedEnd: patch.plannedEnd ?? before.plannedEnd,
        builderName: patch.builderName ?? before.builderName,
        builderCreditCode: patch.builderCreditCode ?? before.builderCreditCode,
        contractSignedOn: patch.contractSignedOn ?? before.contractSignedOn,
        category: patch.category ?? before.category,
        permitDate: patch.permitDate === undefined ? before.permitDate : patch.permitDate,
        wageDay: patch.wageDay ?? before.wageDay,
        managerName: patch.managerName ?? before.managerName,
        managerPhone: patch.managerPhone ?? before.managerPhone,
        laborOfficerName: patch.laborOfficerName ?? before.laborOfficerName,
        laborOfficerPhone: patch.laborOfficerPhone ?? before.laborOfficerPhone,
      };
      checkDates(merged);
      const units = touchesBase ? await resolve(merged) : { authorityOrgId: before.authorityOrgId, hrssOrgId: before.hrssOrgId };
      const now = clock.now();
      await db.transaction(async (tx) => {
        const updated = await updateProject(
          tx,
          before.id,
          {
            industryType: merged.industryType,
            regionCode: merged.regionCode,
            ...units,
            name: merged.name,
            location: merged.location,
            projectRegionCode: merged.projectRegionCode,
            projectType: merged.projectType,
            contractAmountFen: yuanToFen(merged.contractAmount),
            plannedStart: merged.plannedStart,
            plannedEnd: merged.plannedEnd,
            builderName: merged.builderName,
            builderCreditCode: merged.builderCreditCode,
            contractSignedOn: merged.contractSignedOn,
            category: merged.category,
            permitDate: merged.permitDate ?? null,
            wageDay: merged.wageDay,
            managerName: merged.managerName,
            managerPhone: merged.managerPhone,
            laborOfficerName: merged.laborOfficerName,
            laborOfficerPhone: merged.laborOfficerPhone,
            updatedAt: now,
          },
          // base fields only while still unlocked, decided in the same statement
          touchesBase,
        );
        if (updated !== 1) throw new AppError('INVALID_STATE', '项目已提交定额申请，基础信息不能再修改');
        const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        await writeAudit(tx, actor, now, {
          action: 'project.update',
          targetType: 'project',
          targetId: before.id.toString(),
          before: Object.fromEntries(Object.keys(changed).map((k) => [k, k === 'contractAmount' ? fenToYuan(before.contractAmountFen) : (before as Record<string, unknown>)[k]])),
          after: changed,
        });
      });
      return this.get(user, id);
    },

    /** 工程进度: 竣工 once the actual completion is on or before today; future dates refused. */
    async updateProgress(
      user: AuthUser,
      id: string,
      input: { actualStart?: string | null; expectedCompletion?: string | null; actualCompletion?: string | null },
      actor: Actor,
    ): Promise<TProject> {
      const { p: before } = await loadScoped(user, parseId(id), 'act');
      const now = clock.now();
      const today = shanghaiDate(now);
      if (input.actualStart && input.actualStart > today) throw fieldError('actualStart', '实际开工日期不能晚于今天');
      if (input.actualCompletion && input.actualCompletion > today) throw fieldError('actualCompletion', '实际竣工日期不能晚于今天；竣工后再填写');
      const next = {
        actualStart: input.actualStart ?? null,
        expectedCompletion: input.expectedCompletion ?? null,
        actualCompletion: input.actualCompletion ?? null,
      };
      const status = deriveProjectStatus(next, today);
      await db.transaction(async (tx) => {
        await updateProjectProgress(tx, before.id, { ...next, status, updatedAt: now });
        await recordWarningRecheck(tx, now, before.id, 'project.progress');
        await writeAudit(tx, actor, now, {
          action: 'project.progress',
          targetType: 'project',
          targetId: before.id.toString(),
          before: { actualStart: before.actualStart, expectedCompletion: before.expectedCompletion, actualCompletion: before.actualCompletion, status: before.status },
          after: { ...next, status },
        });
      });
      return this.get(user, id);
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
