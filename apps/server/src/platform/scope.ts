import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '@benxi/shared';
import type { Db, Tx } from '../db/client';
import { arrearsRecords, attachments, cashArrivals, cashDeposits, certifications, files, guaranteeApplications, guarantees, insuranceApplications, insuranceOrders, insuranceProducts, offlineGuarantees, organizations, projects, quotaApplications, cancellations, filings, returnConfirmations, depositUses, warnings } from '../db/schema/index';
import type { ChangeFeed } from './changes';
import { notFound } from './errors';

/**
 * Which rows a user may see or act on, in one place (docs/decisions/019). Each resource has a rule
 * per role that returns a SQL condition on the resource's table; a service loads with
 * `where(and(eq(table.id, id), await scopeOf(db, user, resource)))` and a missing row is a 404 —
 * it never compares owners by hand. The route's permission (platform/access.ts, shared
 * permissions.ts) says whether a role may call a route at all; this says on which objects.
 *
 * `read`: what the user may see. `act`: the objects the user may change (take a workflow action on,
 * edit, remove); it is never wider than `read`.
 */

/** The part of the acting user the rules look at. */
export interface ScopeUser {
  role: Role;
  orgId: string;
}

export const RESOURCES = ['project', 'quota_application', 'certification', 'file', 'arrears_record', 'cash_deposit', 'guarantee_application', 'guarantee', 'offline_guarantee', 'insurance_order', 'insurance_application', 'insurance_product', 'filing', 'cancellation', 'return_confirmation', 'deposit_use', 'warning'] as const;
export type Resource = (typeof RESOURCES)[number];
export type ScopeMode = 'read' | 'act';

const NONE = sql`false`;
const ALL = sql`true`;
const anyOf = (column: PgColumn, ids: string[]): SQL => (ids.length === 0 ? NONE : ids.length === 1 ? eq(column, ids[0]!) : inArray(column, ids));

// ---------------------------------------------------------------------------------------------
// The unit tree (moved here from projects/policy.ts)

async function readUnitAndChildren(db: Tx, orgId: string): Promise<string[]> {
  const children = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.parentId, orgId));
  return [orgId, ...children.map((c) => c.id)];
}

/**
 * The unit tree of a database, kept in memory while its change feed is live: every insert, update or
 * delete of an organisation (in any process) drops it all — units change a few times a year, pages
 * are viewed all day (docs/decisions/011).
 */
const trees = new WeakMap<Db, { feed: ChangeFeed; kept: Map<string, string[]> }>();

export function cacheUnitTree(db: Db, feed: ChangeFeed): void {
  const tree = { feed, kept: new Map<string, string[]>() };
  feed.subscribe((kind) => {
    if (kind === 'org' || kind === '*') tree.kept.clear();
  });
  trees.set(db, tree);
}

/** The organisation and the units directly under it (a city bureau sees its district bureaus): a unit's remit. */
export async function unitAndChildren(db: Tx, orgId: string): Promise<string[]> {
  const tree = trees.get(db as Db);
  if (!tree?.feed.live) return readUnitAndChildren(db, orgId);
  const hit = tree.kept.get(orgId);
  if (hit) return hit;
  const epoch = tree.feed.epoch;
  const ids = await readUnitAndChildren(db, orgId);
  if (tree.feed.live && tree.feed.epoch === epoch) {
    if (tree.kept.size >= 5_000) tree.kept.clear();
    tree.kept.set(orgId, ids);
  }
  return ids;
}

/** The units above one, nearest first (a district bureau: its city bureau). */
export async function unitsAbove(db: Tx, orgId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    with recursive up (id, parent_id, depth) as (
      select id, parent_id, 0 from organizations where id = ${orgId}
      union all
      select o.id, o.parent_id, up.depth + 1 from organizations o join up on o.id = up.parent_id where up.depth < 8
    )
    select id from up where depth > 0 order by depth`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Projects: also as a plain descriptor, for the hand-written list statements (projects/service.ts)

/** Which projects a user may see, in plain SQL terms: one column and its values, all, or none. */
export type ProjectScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'units'; column: 'enterprise_org_id' | 'hrss_org_id' | 'authority_org_id'; ids: string[] };

export async function projectScopeOf(db: Tx, user: ScopeUser): Promise<ProjectScope> {
  switch (user.role) {
    case 'enterprise':
      return { kind: 'units', column: 'enterprise_org_id', ids: [user.orgId] };
    case 'hrss':
      return { kind: 'units', column: 'hrss_org_id', ids: await unitAndChildren(db, user.orgId) };
    case 'authority':
      return { kind: 'units', column: 'authority_org_id', ids: await unitAndChildren(db, user.orgId) };
    case 'admin':
      return { kind: 'all' };
    case 'bank':
    case 'insurer':
      // nothing is addressed to them yet (see ADDRESSEE below)
      return { kind: 'none' };
  }
}

const projectColumns = { enterprise_org_id: projects.enterpriseOrgId, hrss_org_id: projects.hrssOrgId, authority_org_id: projects.authorityOrgId };

// ---------------------------------------------------------------------------------------------
// The rules

type Rule = (db: Tx, user: ScopeUser) => SQL | Promise<SQL>;
type RuleTable = Record<Role, Rule>;

/**
 * The column naming the bank or insurer an object is addressed to, per resource: a 现金存缴 and an
 * online 保函 application are addressed to the bank the enterprise chose (ADR 022). A resource
 * without one shows a bank or an insurer nothing.
 */
const ADDRESSEE: Partial<Record<Resource, PgColumn>> = {
  cash_deposit: cashDeposits.bankOrgId,
  guarantee_application: guaranteeApplications.bankOrgId,
  // 保函管理: a bank or insurer sees what it issued
  guarantee: guarantees.issuerOrgId,
  // 保险办理 (ADR 024): an order is addressed to its insurer
  insurance_order: insuranceOrders.insurerOrgId,
  // 返还确认 (issue 13): the bank holding the cash or the guarantee
  return_confirmation: returnConfirmations.bankOrgId,
  // 保证金动用 (ADR 032): the 支付通知书 is addressed to the bank or insurer holding the instrument drawn on
  deposit_use: depositUses.payerOrgId,
  // 预警 (ADR 037): a bank or insurer sees the warnings of what it owes (受理 / 出函) or issued (到期)
  warning: warnings.addresseeOrgId,
};
const addressee =
  (resource: Resource): Rule =>
  (_db, user) => {
    const column = ADDRESSEE[resource];
    return column ? eq(column, user.orgId) : NONE;
  };
const none: Rule = () => NONE;
const all: Rule = () => ALL;
const remit = (column: PgColumn): Rule => async (db, user) => anyOf(column, await unitAndChildren(db, user.orgId));

const rules: Record<Exclude<Resource, 'file'>, Record<ScopeMode, RuleTable>> = {
  project: {
    read: {
      enterprise: (_db, u) => eq(projects.enterpriseOrgId, u.orgId),
      hrss: remit(projects.hrssOrgId),
      authority: remit(projects.authorityOrgId),
      bank: addressee('project'),
      insurer: addressee('project'),
      admin: all,
    },
    // 修改项目 / 工程进度: its enterprise only
    act: { enterprise: (_db, u) => eq(projects.enterpriseOrgId, u.orgId), hrss: none, authority: none, bank: none, insurer: none, admin: none },
  },
  quota_application: {
    read: {
      enterprise: (_db, u) => eq(quotaApplications.enterpriseOrgId, u.orgId),
      hrss: remit(quotaApplications.hrssOrgId),
      authority: remit(quotaApplications.authorityOrgId),
      bank: addressee('quota_application'),
      insurer: addressee('quota_application'),
      admin: all,
    },
    // 撤回 by its enterprise, 审核 by the hrss units of its remit
    act: {
      enterprise: (_db, u) => eq(quotaApplications.enterpriseOrgId, u.orgId),
      hrss: remit(quotaApplications.hrssOrgId),
      authority: none,
      bank: none,
      insurer: none,
      admin: none,
    },
  },
  certification: {
    read: {
      enterprise: (_db, u) => eq(certifications.orgId, u.orgId),
      hrss: none,
      authority: none,
      bank: addressee('certification'),
      insurer: addressee('certification'),
      admin: all,
    },
    // 认证审核: the operator
    act: { enterprise: none, hrss: none, authority: none, bank: none, insurer: none, admin: all },
  },
  arrears_record: {
    // an entry belongs to the unit that entered it; a unit reads its remit's entries and those of the
    // units above it (the city's listings raise its enterprises' ratios), and removes its remit's (ADR 014)
    read: {
      enterprise: none,
      hrss: async (db, u) => {
        const [own, above] = await Promise.all([unitAndChildren(db, u.orgId), unitsAbove(db, u.orgId)]);
        return anyOf(arrearsRecords.enteredByOrgId, [...own, ...above]);
      },
      authority: none,
      bank: none,
      insurer: none,
      admin: all,
    },
    act: { enterprise: none, hrss: remit(arrearsRecords.enteredByOrgId), authority: none, bank: none, insurer: none, admin: none },
  },
  // 现金存缴 (ADR 022): its enterprise, the supervisors of its project, the bank it is addressed to;
  // the enterprise submits (and switches), the bank confirms arrivals
  cash_deposit: {
    read: {
      enterprise: (_db, u) => eq(cashDeposits.enterpriseOrgId, u.orgId),
      hrss: remit(cashDeposits.hrssOrgId),
      authority: remit(cashDeposits.authorityOrgId),
      bank: addressee('cash_deposit'),
      insurer: none,
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(cashDeposits.enterpriseOrgId, u.orgId), hrss: none, authority: none, bank: addressee('cash_deposit'), insurer: none, admin: none },
  },
  // 银行保函办理: the same parties; the bank 受理 / 不受理 / 出函
  guarantee_application: {
    read: {
      enterprise: (_db, u) => eq(guaranteeApplications.enterpriseOrgId, u.orgId),
      hrss: remit(guaranteeApplications.hrssOrgId),
      authority: remit(guaranteeApplications.authorityOrgId),
      bank: addressee('guarantee_application'),
      insurer: none,
      admin: all,
    },
    act: {
      enterprise: (_db, u) => eq(guaranteeApplications.enterpriseOrgId, u.orgId),
      hrss: none,
      authority: none,
      bank: addressee('guarantee_application'),
      insurer: none,
      admin: none,
    },
  },
  guarantee: {
    // 保函管理 (ADR 023): the enterprise its own, hrss / authority their remit, a bank or insurer what it issued
    read: {
      enterprise: (_db, u) => eq(guarantees.enterpriseOrgId, u.orgId),
      hrss: remit(guarantees.hrssOrgId),
      authority: remit(guarantees.authorityOrgId),
      bank: addressee('guarantee'),
      insurer: addressee('guarantee'),
      admin: all,
    },
    // nothing is changed through the register itself yet (延期 / 释放 / 理赔 come with their workflows)
    act: { enterprise: none, hrss: none, authority: none, bank: none, insurer: none, admin: none },
  },
  offline_guarantee: {
    // 保单保函上传: the enterprise its own, hrss / authority their remit; the issuer named in it sees
    // it only once registered (as a guarantee)
    read: {
      enterprise: (_db, u) => eq(offlineGuarantees.enterpriseOrgId, u.orgId),
      hrss: remit(offlineGuarantees.hrssOrgId),
      authority: remit(offlineGuarantees.authorityOrgId),
      bank: none,
      insurer: none,
      admin: all,
    },
    // 审核 (通过 / 退回) by the hrss units of its remit
    act: { enterprise: (_db, u) => eq(offlineGuarantees.enterpriseOrgId, u.orgId), hrss: remit(offlineGuarantees.hrssOrgId), authority: none, bank: none, insurer: none, admin: none },
  },
  // 保险办理 (ADR 024): the enterprise its own, hrss / authority their remit, the insurer its orders;
  // the enterprise pays / closes / uploads, the insurer underwrites and issues
  insurance_order: {
    read: {
      enterprise: (_db, u) => eq(insuranceOrders.enterpriseOrgId, u.orgId),
      hrss: remit(insuranceOrders.hrssOrgId),
      authority: remit(insuranceOrders.authorityOrgId),
      bank: none,
      insurer: addressee('insurance_order'),
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(insuranceOrders.enterpriseOrgId, u.orgId), hrss: none, authority: none, bank: none, insurer: addressee('insurance_order'), admin: none },
  },
  // the 投保 (its files 招标文件 / 施工合同 / 中标通知书): its parties, and the insurers it was sent to
  insurance_application: {
    read: {
      enterprise: (_db, u) => eq(insuranceApplications.enterpriseOrgId, u.orgId),
      hrss: remit(insuranceApplications.hrssOrgId),
      authority: remit(insuranceApplications.authorityOrgId),
      bank: none,
      insurer: (_db, u) => sql`exists (select 1 from ${insuranceOrders} where ${insuranceOrders.applicationId} = ${insuranceApplications.id} and ${insuranceOrders.insurerOrgId} = ${u.orgId})`,
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(insuranceApplications.enterpriseOrgId, u.orgId), hrss: none, authority: none, bank: none, insurer: none, admin: none },
  },
  // the catalogue: enterprises (choosing), the supervisors and admin read the products and their 相关文件;
  // an insurer its own products; admin keeps them
  insurance_product: {
    read: { enterprise: all, hrss: all, authority: all, bank: none, insurer: (_db, u) => eq(insuranceProducts.insurerOrgId, u.orgId), admin: all },
    act: { enterprise: none, hrss: none, authority: none, bank: none, insurer: none, admin: all },
  },
  // 备案 / 注销 / 返还 (issue 13): the enterprise its own, hrss / authority their remit; hrss decides;
  // a bank reads a cancellation it has a 返还确认 of, and confirms its own returns
  filing: {
    read: {
      enterprise: (_db, u) => eq(filings.enterpriseOrgId, u.orgId),
      hrss: remit(filings.hrssOrgId),
      authority: remit(filings.authorityOrgId),
      bank: none,
      insurer: none,
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(filings.enterpriseOrgId, u.orgId), hrss: remit(filings.hrssOrgId), authority: none, bank: none, insurer: none, admin: none },
  },
  cancellation: {
    read: {
      enterprise: (_db, u) => eq(cancellations.enterpriseOrgId, u.orgId),
      hrss: remit(cancellations.hrssOrgId),
      authority: remit(cancellations.authorityOrgId),
      bank: (_db, u) => sql`exists (select 1 from ${returnConfirmations} where ${returnConfirmations.cancellationId} = ${cancellations.id} and ${returnConfirmations.bankOrgId} = ${u.orgId})`,
      insurer: none,
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(cancellations.enterpriseOrgId, u.orgId), hrss: remit(cancellations.hrssOrgId), authority: none, bank: none, insurer: none, admin: none },
  },
  return_confirmation: {
    read: {
      enterprise: (_db, u) => eq(returnConfirmations.enterpriseOrgId, u.orgId),
      hrss: remit(returnConfirmations.hrssOrgId),
      authority: none,
      bank: addressee('return_confirmation'),
      insurer: none,
      admin: all,
    },
    act: { enterprise: none, hrss: none, authority: none, bank: addressee('return_confirmation'), insurer: none, admin: none },
  },
  // 保证金动用 (ADR 032): its enterprise, the supervisors of its project, the bank or insurer it is
  // addressed to; hrss records and confirms, the addressee pays, the enterprise replenishes
  deposit_use: {
    read: {
      enterprise: (_db, u) => eq(depositUses.enterpriseOrgId, u.orgId),
      hrss: remit(depositUses.hrssOrgId),
      authority: remit(depositUses.authorityOrgId),
      bank: addressee('deposit_use'),
      insurer: addressee('deposit_use'),
      admin: all,
    },
    act: { enterprise: (_db, u) => eq(depositUses.enterpriseOrgId, u.orgId), hrss: remit(depositUses.hrssOrgId), authority: none, bank: addressee('deposit_use'), insurer: addressee('deposit_use'), admin: none },
  },
  // 预警 (ADR 037): the enterprise its projects', hrss / authority their remit, a bank or insurer what
  // it owes; nobody acts on a warning itself (the sweep raises and clears them)
  warning: {
    read: {
      enterprise: (_db, u) => eq(warnings.enterpriseOrgId, u.orgId),
      hrss: remit(warnings.hrssOrgId),
      authority: remit(warnings.authorityOrgId),
      bank: addressee('warning'),
      insurer: addressee('warning'),
      admin: all,
    },
    act: { enterprise: none, hrss: none, authority: none, bank: none, insurer: none, admin: none },
  },
};

// ---------------------------------------------------------------------------------------------
// Files: may read the file = may read an owner it is attached to; unattached: its uploader's organisation

/** The owners files are attached to: their table's id and how an attachment's text owner_id maps onto it. */
export const ATTACHMENT_OWNERS = {
  quota_application: { table: quotaApplications, id: quotaApplications.id, cast: 'bigint' },
  certification: { table: certifications, id: certifications.id, cast: 'uuid' },
  cash_deposit: { table: cashDeposits, id: cashDeposits.id, cast: 'bigint' },
  // an arrival's 凭证: whoever reads its 现金存缴
  cash_arrival: { table: cashArrivals, id: cashArrivals.id, cast: 'bigint', via: 'cash_deposit' },
  guarantee_application: { table: guaranteeApplications, id: guaranteeApplications.id, cast: 'bigint' },
  guarantee: { table: guarantees, id: guarantees.id, cast: 'bigint' },
  offline_guarantee: { table: offlineGuarantees, id: offlineGuarantees.id, cast: 'bigint' },
  insurance_product: { table: insuranceProducts, id: insuranceProducts.id, cast: 'bigint' },
  insurance_application: { table: insuranceApplications, id: insuranceApplications.id, cast: 'bigint' },
  insurance_order: { table: insuranceOrders, id: insuranceOrders.id, cast: 'bigint' },
  cancellation: { table: cancellations, id: cancellations.id, cast: 'bigint' },
  deposit_use: { table: depositUses, id: depositUses.id, cast: 'bigint' },
} as const;
export type AttachmentOwnerType = keyof typeof ATTACHMENT_OWNERS;
export const ATTACHMENT_OWNER_TYPES = Object.keys(ATTACHMENT_OWNERS) as AttachmentOwnerType[];

/** A part of another owner (an arrival of a 现金存缴): readable with its parent. */
async function viaScope(db: Tx, user: ScopeUser, parent: 'cash_deposit'): Promise<SQL> {
  switch (parent) {
    case 'cash_deposit':
      return sql`exists (select 1 from ${cashDeposits} where ${cashDeposits.id} = ${cashArrivals.cashDepositId} and ${await rules.cash_deposit.read[user.role](db, user)})`;
  }
}

async function fileRule(db: Tx, user: ScopeUser): Promise<SQL> {
  // one branch per owner type; CASE evaluates only the matching branch, so owner_id is cast to the
  // owner's id type only for its own rows
  const branches: SQL[] = [];
  for (const type of ATTACHMENT_OWNER_TYPES) {
    const owner = ATTACHMENT_OWNERS[type];
    const ownerScope = 'via' in owner ? await viaScope(db, user, owner.via) : await rules[type as Exclude<AttachmentOwnerType, 'cash_arrival'>].read[user.role](db, user);
    branches.push(
      sql`when ${type} then exists (select 1 from ${owner.table} where ${owner.id} = a.owner_id::${sql.raw(owner.cast)} and ${ownerScope})`,
    );
  }
  return sql`(exists (select 1 from ${attachments} a where a.file_id = ${files.id} and case a.owner_type ${sql.join(branches, sql` `)} else false end)
    or (${files.ownerOrgId} = ${user.orgId} and not exists (select 1 from ${attachments} a where a.file_id = ${files.id})))`;
}

/** The condition on `resource`'s table: the rows `user` may read (or act on). */
export async function scopeOf(db: Tx, user: ScopeUser, resource: Resource, mode: ScopeMode = 'read'): Promise<SQL> {
  if (resource === 'file') return mode === 'read' ? fileRule(db, user) : NONE;
  if (resource === 'project' && mode === 'read') {
    // the same answer as the list's descriptor, so that a list and a detail never disagree
    const s = await projectScopeOf(db, user);
    return s.kind === 'all' ? ALL : s.kind === 'none' ? NONE : anyOf(projectColumns[s.column], s.ids);
  }
  return rules[resource][mode][user.role](db, user);
}

const TABLES = {
  project: { table: projects, id: projects.id, type: 'bigint', label: '项目' },
  quota_application: { table: quotaApplications, id: quotaApplications.id, type: 'bigint', label: '定额申请' },
  certification: { table: certifications, id: certifications.id, type: 'uuid', label: '认证申请' },
  file: { table: files, id: files.id, type: 'uuid', label: '文件' },
  arrears_record: { table: arrearsRecords, id: arrearsRecords.id, type: 'uuid', label: '记录' },
  cash_deposit: { table: cashDeposits, id: cashDeposits.id, type: 'bigint', label: '现金存缴' },
  guarantee_application: { table: guaranteeApplications, id: guaranteeApplications.id, type: 'bigint', label: '保函申请' },
  guarantee: { table: guarantees, id: guarantees.id, type: 'bigint', label: '保函' },
  offline_guarantee: { table: offlineGuarantees, id: offlineGuarantees.id, type: 'bigint', label: '保单保函' },
  insurance_order: { table: insuranceOrders, id: insuranceOrders.id, type: 'bigint', label: '投保订单' },
  insurance_application: { table: insuranceApplications, id: insuranceApplications.id, type: 'bigint', label: '投保申请' },
  insurance_product: { table: insuranceProducts, id: insuranceProducts.id, type: 'bigint', label: '保险产品' },
  filing: { table: filings, id: filings.id, type: 'bigint', label: '备案申请' },
  cancellation: { table: cancellations, id: cancellations.id, type: 'bigint', label: '注销申请' },
  return_confirmation: { table: returnConfirmations, id: returnConfirmations.id, type: 'bigint', label: '返还（销户）确认书' },
  deposit_use: { table: depositUses, id: depositUses.id, type: 'bigint', label: '保证金动用' },
  warning: { table: warnings, id: warnings.id, type: 'bigint', label: '预警' },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as its column's type, or null when it cannot be one (then it names no row: 404). */
export function parseResourceId(resource: Resource, id: string): bigint | string | null {
  if (TABLES[resource].type === 'uuid') return UUID.test(id) ? id : null;
  if (!/^\d{1,19}$/.test(id)) return null;
  const n = BigInt(id);
  return n <= 9223372036854775807n ? n : null;
}

/**
 * 404 unless `user` may read (or act on) the object: for a service that needs the check without the
 * row (a file's owner, an object another module loads).
 */
export async function requireAccess(db: Tx, user: ScopeUser, resource: Resource, id: string, mode: ScopeMode = 'read'): Promise<void> {
  const t = TABLES[resource];
  const key = parseResourceId(resource, id);
  if (key === null) throw notFound(t.label);
  const cond = await scopeOf(db, user, resource, mode);
  const [row] = await db.select({ one: sql<number>`1` }).from(t.table).where(and(eq(t.id, key as never), cond)).limit(1);
  if (!row) throw notFound(t.label);
}
