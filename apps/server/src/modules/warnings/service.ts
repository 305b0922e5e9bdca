import { warningClearReasonLabels, warningStateLabels, warningTypeLabels, type TWarning, type TWarningListQuery, type WarningClearReason } from '@benxi/shared';
import type { projectIdsMatching } from '../projects/repository';
import type { Db, Tx } from '../../db/client';
import { scopeOf, type ScopeUser } from '../../platform/scope';
import type { ExcelColumn } from '../../platform/excel';
import type { ProjectFacts } from '../projects/repositories/warning-reads';
import * as repo from './repository';

export interface WarningServiceDeps {
  db: Db;
  projects: {
    projectFacts(tx: Tx, ids: bigint[]): Promise<ProjectFacts[]>;
    projectIdsMatching: typeof projectIdsMatching;
  };
}

type Filter = Omit<TWarningListQuery, 'page' | 'pageSize'>;

const SHANGHAI = 8 * 3600_000;
/** a Beijing date → the instant its day starts */
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - SHANGHAI);

export const WARNING_EXPORT_COLUMNS: ExcelColumn<TWarning>[] = [
  { header: '预警类型', width: 24, value: (w) => warningTypeLabels[w.type] },
  { header: '项目名称', width: 32, value: (w) => w.projectName },
  { header: '施工企业', width: 28, value: (w) => w.enterpriseName },
  { header: '预警内容', width: 60, value: (w) => w.detail },
  { header: '期限', width: 14, value: (w) => w.dueOn },
  { header: '预警时间', width: 20, value: (w) => w.raisedAt },
  { header: '状态', width: 10, value: (w) => warningStateLabels[w.state] },
  { header: '解除时间', width: 20, value: (w) => w.clearedAt ?? '' },
  { header: '解除原因', width: 14, value: (w) => (w.clearedReason ? warningClearReasonLabels[w.clearedReason] : '') },
];

/** 预警 lists (ADR 037): each role its scope (platform/scope.ts 'warning'), filters, paging, export. */
export function createWarningService(deps: WarningServiceDeps) {
  const { db } = deps;

  async function condition(user: ScopeUser, q: Filter) {
    return repo.warningListCondition({
      scope: await scopeOf(db, user, 'warning'),
      type: q.type,
      state: q.state,
      projectId: q.projectId ? BigInt(q.projectId) : undefined,
      projectIds: q.projectName ? deps.projects.projectIdsMatching(db, { name: q.projectName }) : undefined,
      raisedFrom: q.raisedFrom ? dayStart(q.raisedFrom) : undefined,
      raisedBefore: q.raisedTo ? new Date(dayStart(q.raisedTo).getTime() + 86_400_000) : undefined,
    });
  }

  async function toDtos(rows: repo.WarningRow[]): Promise<TWarning[]> {
    const facts = new Map((await deps.projects.projectFacts(db, [...new Set(rows.map((r) => r.projectId))])).map((p) => [p.id, p]));
    return rows.map((r) => ({
      id: String(r.id),
      type: r.type as TWarning['type'],
      objectType: r.objectType as TWarning['objectType'],
      objectId: r.objectId,
      projectId: String(r.projectId),
      projectName: facts.get(r.projectId)?.name ?? '',
      enterpriseName: facts.get(r.projectId)?.contractorName ?? '',
      state: r.clearedAt ? 'cleared' : 'open',
      raisedAt: r.raisedAt.toISOString(),
      dueOn: r.dueOn,
      clearedAt: r.clearedAt?.toISOString() ?? null,
      clearedReason: (r.clearedReason as WarningClearReason | null) ?? null,
      detail: r.detail,
    }));
  }

  return {
    async list(user: ScopeUser, q: Filter & { page: number; pageSize: number }) {
      const { rows, total } = await repo.listWarningPage(db, await condition(user, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: await toDtos(rows), total, page: q.page, pageSize: q.pageSize };
    },

    async *iterate(user: ScopeUser, q: Filter) {
      const cond = await condition(user, q);
      for (let offset = 0; ; offset += 500) {
        const rows = await repo.warningBatch(db, cond, 500, offset);
        if (rows.length === 0) return;
        yield await toDtos(rows);
        if (rows.length < 500) return;
      }
    },

    /** Open warnings by type in the user's scope (首页); equal to the list filtered by type and 预警中. */
    async openCountsByType(user: ScopeUser) {
      return repo.openCountsByType(db, await scopeOf(db, user, 'warning'));
    },
  };
}

export type WarningService = ReturnType<typeof createWarningService>;
