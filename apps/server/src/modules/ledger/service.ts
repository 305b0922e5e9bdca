import {
  fenToYuan,
  guaranteeKindLabels,
  LEDGER_WAYS,
  ledgerMovementLabels,
  type DepositStatus,
  type GuaranteeKind,
  type LedgerMovementKind,
  type LedgerWay,
  type TLedgerDetail,
  type TLedgerFilter,
  type TLedgerListQuery,
  type TLedgerMovement,
  type TLedgerPage,
  type TLedgerRow,
  type TLedgerStats,
  type TLedgerStatsQuery,
  type TProject,
} from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { shanghaiDate } from '../../platform/clock';
import type { AuthUser } from '../../platform/sessions';
import type { LedgerCash } from '../cash-deposits/repositories/ledger-reads';
import type { LedgerReturn } from '../closure/repositories/ledger-reads';
import type { LedgerUse } from '../deposit-uses/repositories/ledger-reads';
import type { LedgerGuarantee } from '../guarantees/repositories/ledger-reads';
import type { LedgerQuota } from '../quota/repositories/ledger-reads';
import { projectScopeOf } from '../../platform/scope';
import { keyBatch, keyPage, keyStats, takeDue, writeKeys, type KeyListRow, type LedgerKeyRow } from './repository';

/**
 * 台账 (SPEC §10, ADR 043, 044). A deposit's ledger is composed from the records each
 * workflow keeps — the cash arrivals (modules/cash-deposits), the register of guarantees and
 * policies (modules/guarantees), the uses (modules/deposit-uses), the replenishments (cash deposits
 * with `replenish_use_id`), the confirmed returns (modules/closure) and the approved quota (免缴 /
 * 缓缴). The balance follows the cover of ADR 032: per instrument its amount less the uses drawn on
 * it, a guarantee leaving the cover when released or when its 期限 has ended, the cash when its
 * return is confirmed. The scope is the projects list's (platform/scope.ts: projectScopeOf on the stored
 * keys' unit columns; the detail through the project service). List, stats and export read the stored
 * keys (ADR 044), recomputed by this composition for the projects the triggers marked.
 */
export interface LedgerDeps {
  db: Db;
  clock: Clock;
  projects: {
    iterate(user: AuthUser, q: { name?: string; regionCode?: string; depositStatus?: DepositStatus }, batch?: number): AsyncGenerator<TProject[]>;
    get(user: AuthUser, id: string): Promise<TProject>;
  };
  cash(tx: Tx, projectIds: bigint[]): Promise<LedgerCash>;
  guarantees(tx: Tx, projectIds: bigint[]): Promise<LedgerGuarantee[]>;
  uses(tx: Tx, projectIds: bigint[]): Promise<LedgerUse[]>;
  returns(tx: Tx, projectIds: bigint[]): Promise<LedgerReturn[]>;
  quotas(tx: Tx, projectIds: bigint[]): Promise<LedgerQuota[]>;
  /** ADR 044: the projects' own columns the stored keys copy (scope, filters, order) */
  projectRows(tx: Tx, ids: bigint[]): Promise<{ id: bigint; hrssOrgId: string; authorityOrgId: string; enterpriseOrgId: string; regionCode: string; depositStatus: string; name: string; contractorName: string; createdAt: Date }[]>;
  regionName(code: string): Promise<string>;
}

interface Movement {
  date: string;
  at: number;
  order: number;
  kind: LedgerMovementKind;
  instrument: string;
  reference: string;
  fen: bigint;
  note: string;
}

export interface LedgerEntry {
  project: TProject;
  way: LedgerWay;
  settledOn: string;
  settledFen: bigint;
  cashFen: bigint;
  bankGuaranteeFen: bigint;
  offlineGuaranteeFen: bigint;
  insurancePolicyFen: bigint;
  usedFen: bigint;
  useCount: number;
  replenishedFen: bigint;
  returnedFen: bigint;
  balanceFen: bigint;
  /** the day the balance changes by itself (a live guarantee's 期限 ends), null if none */
  staleOn: string | null;
  movements: (Movement & { balanceFen: bigint })[];
}

/** on one day and one instant (a test's fixed clock): in before a use, a replenishment after it, leaving last */
const ORDER: Record<LedgerMovementKind, number> = { cash_in: 0, guarantee_in: 0, use: 1, replenish_in: 2, release: 3, expire: 3, return: 3 };
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const wayOfKind = (kind: string): LedgerWay => (kind === 'insurance_policy' ? 'insurance' : 'bank_guarantee');

export function createLedgerService(deps: LedgerDeps) {
  const { db, clock } = deps;

  /** The ledger of some projects (one query per workflow for the whole batch); a project with nothing settled has none. */
  async function entriesOf(projects: Pick<TProject, 'id' | 'createdAt'>[], tx: Tx = db): Promise<LedgerEntry[]> {
    if (projects.length === 0) return [];
    const ids = projects.map((p) => BigInt(p.id));
    const [cash, guarantees, uses, returns, quotas] = [
      await deps.cash(tx, ids),
      await deps.guarantees(tx, ids),
      await deps.uses(tx, ids),
      await deps.returns(tx, ids),
      await deps.quotas(tx, ids),
    ];
    const today = shanghaiDate(clock.now());
    // grouped once per batch (no scan of the batch per project)
    const by = <T, K>(xs: T[], key: (x: T) => K) => {
      const m = new Map<K, T[]>();
      for (const x of xs) {
        const k = key(x);
        const list = m.get(k);
        if (list) list.push(x);
        else m.set(k, [x]);
      }
      return m;
    };
    const depositsBy = by(cash.deposits, (d) => d.projectId);
    const arrivalsBy = by(cash.arrivals, (a) => a.cashDepositId);
    const guaranteesBy = by(guarantees, (g) => g.projectId);
    const usesBy = by(uses, (u) => u.projectId);
    const returnsBy = by(returns, (r) => r.projectId);
    const quotasBy = by(quotas, (q) => q.projectId);
    const out: LedgerEntry[] = [];
    for (const p of projects) {
      const pid = BigInt(p.id);
      const moves: Movement[] = [];
      /** what is left on each instrument: `cash_deposit:<id>` / `guarantee:<id>` */
      const left = new Map<string, bigint>();
      const add = (key: string, fen: bigint) => left.set(key, (left.get(key) ?? 0n) + fen);
      const deposits = depositsBy.get(pid) ?? [];
      let cashFen = 0n;
      let replenishedFen = 0n;
      for (const d of deposits) {
        for (const a of arrivalsBy.get(d.id) ?? []) {
          const replenish = d.replenishUseId !== null;
          if (replenish) replenishedFen += a.amountFen;
          else cashFen += a.amountFen;
          add(`cash_deposit:${d.id}`, a.amountFen);
          moves.push({
            date: a.arrivedOn,
            at: a.confirmedAt.getTime(),
            order: replenish ? ORDER.replenish_in : ORDER.cash_in,
            kind: replenish ? 'replenish_in' : 'cash_in',
            instrument: replenish ? '现金存缴（补足）' : '现金存缴',
            reference: `存缴编号 ${d.id}${a.voucherNo ? `，凭证号 ${a.voucherNo}` : ''}`,
            fen: a.amountFen,
            note: d.accountNo ? `专用账户 ${d.accountNo}` : '',
          });
        }
      }
      const gs = guaranteesBy.get(pid) ?? [];
      const byKind = { bank_guarantee: 0n, offline_guarantee: 0n, insurance_policy: 0n } as Record<string, bigint>;
      for (const g of gs) {
        byKind[g.kind] = (byKind[g.kind] ?? 0n) + g.amountFen;
        add(`guarantee:${g.id}`, g.amountFen);
        moves.push({ date: g.issuedOn, at: g.createdAt.getTime(), order: ORDER.guarantee_in, kind: 'guarantee_in', instrument: guaranteeKindLabels[g.kind as GuaranteeKind] ?? g.kind, reference: g.number, fen: g.amountFen, note: `${g.issuerName}，期限至 ${g.validTo}` });
      }
      const us = usesBy.get(pid) ?? [];
      let usedFen = 0n;
      for (const u of us) {
        usedFen += u.amountFen;
        add(`${u.instrumentType}:${u.instrumentId}`, -u.amountFen);
        moves.push({ date: shanghaiDate(u.createdAt), at: u.createdAt.getTime(), order: ORDER.use, kind: 'use', instrument: u.instrumentType === 'cash_deposit' ? '现金存缴' : '保函/保单', reference: u.noticeNo, fen: -u.amountFen, note: `决定书 ${u.decisionNo}` });
      }
      // leaving the cover: a released or ended guarantee takes what is left on it; a confirmed cash return the cash left at that bank
      let returnedFen = 0n;
      let staleOn: string | null = null;
      for (const g of gs) {
        const key = `guarantee:${g.id}`;
        const rest = left.get(key) ?? 0n;
        const released = g.releasedAt !== null;
        if (!released && g.validTo >= today) {
          const d = dayAfter(g.validTo);
          if (staleOn === null || d < staleOn) staleOn = d;
          continue;
        }
        const out = rest > 0n ? rest : 0n;
        left.set(key, rest - out);
        if (released) returnedFen += out;
        moves.push({
          date: released ? shanghaiDate(g.releasedAt!) : dayAfter(g.validTo),
          at: released ? g.releasedAt!.getTime() : Date.parse(`${dayAfter(g.validTo)}T00:00:00+08:00`),
          order: ORDER.release,
          kind: released ? 'release' : 'expire',
          instrument: guaranteeKindLabels[g.kind as GuaranteeKind] ?? g.kind,
          reference: g.number,
          fen: -out,
          note: released ? '注销审核通过，保函（保单）已释放' : `期限 ${g.validTo} 已届满`,
        });
      }
      for (const r of (returnsBy.get(pid) ?? []).filter((x) => x.kind === 'cash')) {
        let out = 0n;
        for (const d of deposits.filter((x) => x.bankOrgId === r.bankOrgId)) {
          const key = `cash_deposit:${d.id}`;
          const rest = left.get(key) ?? 0n;
          if (rest > 0n) out += rest;
          left.set(key, rest > 0n ? 0n : rest);
        }
        returnedFen += out;
        const at = r.confirmedAt ?? new Date(`${r.returnedOn}T00:00:00+08:00`);
        moves.push({
          date: r.returnedOn ?? shanghaiDate(at),
          at: at.getTime(),
          order: ORDER.return,
          kind: 'return',
          instrument: '现金存缴',
          reference: r.instruments,
          fen: -out,
          note: `返还本金 ${fenToYuan(r.principalFen ?? 0n)} 元，利息 ${fenToYuan(r.interestFen ?? 0n)} 元`,
        });
      }
      moves.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.at - b.at || a.order - b.order));
      let running = 0n;
      const movements = moves.map((m) => ({ ...m, balanceFen: (running += m.fen) }));

      const first = moves.find((m) => m.kind === 'cash_in' || m.kind === 'guarantee_in');
      const quota = (quotasBy.get(pid) ?? []).at(-1);
      let way: LedgerWay;
      let settledOn: string;
      let settledFen: bigint;
      if (first) {
        way = first.kind === 'cash_in' ? 'cash' : wayOfKind(gs.find((g) => g.number === first.reference)?.kind ?? '');
        settledOn = first.date;
        settledFen = cashFen + gs.reduce((s, g) => s + g.amountFen, 0n);
      } else if (quota && (quota.applyType === 'exempt' || quota.applyType === 'deferred')) {
        way = quota.applyType === 'exempt' ? 'exempted' : 'deferred';
        settledOn = quota.decidedAt ? shanghaiDate(quota.decidedAt) : p.createdAt.slice(0, 10);
        settledFen = quota.approvedFen ?? quota.requiredFen;
      } else continue;
      out.push({
        project: p as TProject,
        staleOn,
        way,
        settledOn,
        settledFen,
        cashFen,
        bankGuaranteeFen: byKind.bank_guarantee ?? 0n,
        offlineGuaranteeFen: byKind.offline_guarantee ?? 0n,
        insurancePolicyFen: byKind.insurance_policy ?? 0n,
        usedFen,
        useCount: us.length,
        replenishedFen,
        returnedFen,
        balanceFen: running,
        movements,
      });
    }
    return out;
  }

  /**
   * ADR 044: recompute the stored keys of the projects the triggers marked (and of those whose balance
   * changed by itself since), by the composition above, in one transaction — one refresher at a time.
   */
  async function refresh(): Promise<void> {
    const today = shanghaiDate(clock.now());
    await db.transaction(async (tx) => {
      const due = await takeDue(tx, today);
      for (let i = 0; i < due.length; i += 500) {
        const ids = due.slice(i, i + 500);
        const ps = await deps.projectRows(tx, ids);
        const byId = new Map(ps.map((p) => [p.id.toString(), p]));
        const es = await entriesOf(ps.map((p) => ({ id: p.id.toString(), createdAt: p.createdAt.toISOString() })), tx);
        const keys: LedgerKeyRow[] = es.map((e) => {
          const p = byId.get(e.project.id)!;
          return {
            projectId: p.id, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId, enterpriseOrgId: p.enterpriseOrgId, regionCode: p.regionCode, depositStatus: p.depositStatus,
            name: p.name, contractorName: p.contractorName, projectCreatedAt: p.createdAt, way: e.way, settledOn: e.settledOn, settledFen: e.settledFen, balanceFen: e.balanceFen, staleOn: e.staleOn,
          };
        });
        await writeKeys(tx, ids, keys);
      }
    });
  }

  /** The entries of a page / batch of stored keys, in their order, with the list's project columns from the keys. */
  async function entriesOfKeys(keys: KeyListRow[]): Promise<LedgerEntry[]> {
    const names = new Map<string, string>();
    for (const k of keys) if (!names.has(k.regionCode)) names.set(k.regionCode, await deps.regionName(k.regionCode));
    const projects = keys.map((k) => ({ id: k.projectId, name: k.name, regionCode: k.regionCode, regionName: names.get(k.regionCode)!, contractorName: k.contractorName, depositStatus: k.depositStatus, createdAt: k.createdAt }) as unknown as TProject);
    return entriesOf(projects);
  }

  /** Every entry of the user's remit matching the filter, in the projects list's order (newest first), in keyset batches of the stored keys. */
  async function* iterate(user: AuthUser, f: TLedgerFilter, batch = 500): AsyncGenerator<LedgerEntry[]> {
    await refresh();
    const scope = await projectScopeOf(db, user);
    let after: KeyListRow | null = null;
    for (;;) {
      const keys: KeyListRow[] = await keyBatch(db, scope, f, batch, after);
      if (keys.length === 0) return;
      const es = await entriesOfKeys(keys);
      if (es.length) yield es;
      after = keys[keys.length - 1]!;
      if (keys.length < batch) return;
    }
  }

  const toRow = (e: LedgerEntry): TLedgerRow => ({
    projectId: e.project.id,
    projectName: e.project.name,
    regionCode: e.project.regionCode,
    regionName: e.project.regionName,
    contractorName: e.project.contractorName,
    depositStatus: e.project.depositStatus,
    way: e.way,
    settledOn: e.settledOn,
    settledAmount: fenToYuan(e.settledFen),
    cash: fenToYuan(e.cashFen),
    bankGuarantee: fenToYuan(e.bankGuaranteeFen),
    offlineGuarantee: fenToYuan(e.offlineGuaranteeFen),
    insurancePolicy: fenToYuan(e.insurancePolicyFen),
    used: fenToYuan(e.usedFen),
    useCount: e.useCount,
    replenished: fenToYuan(e.replenishedFen),
    returned: fenToYuan(e.returnedFen),
    balance: fenToYuan(e.balanceFen),
  });

  return {
    iterate,
    toRow,
    async list(user: AuthUser, q: TLedgerListQuery): Promise<TLedgerPage> {
      await refresh();
      const scope = await projectScopeOf(db, user);
      const page = await keyPage(db, scope, q, q.page, q.pageSize);
      const items = (await entriesOfKeys(page.keys)).map(toRow);
      return { items, total: page.total, page: q.page, pageSize: q.pageSize, totals: { settledAmount: fenToYuan(page.settledFen), balance: fenToYuan(page.balanceFen) } };
    },

    /** One project's ledger: every movement in date order with the running balance (404 outside the remit, as the project). */
    async detail(user: AuthUser, projectId: string): Promise<TLedgerDetail> {
      const p = await deps.projects.get(user, projectId);
      const [e] = await entriesOf([p]);
      if (!e) {
        const empty: TLedgerRow = { ...toRow({ project: p, way: 'cash', settledOn: '', settledFen: 0n, cashFen: 0n, bankGuaranteeFen: 0n, offlineGuaranteeFen: 0n, insurancePolicyFen: 0n, usedFen: 0n, useCount: 0, replenishedFen: 0n, returnedFen: 0n, balanceFen: 0n, staleOn: null, movements: [] }) };
        return { row: empty, movements: [] };
      }
      const movements: TLedgerMovement[] = e.movements.map((m) => ({
        date: m.date,
        kind: m.kind,
        kindLabel: ledgerMovementLabels[m.kind],
        instrument: m.instrument,
        reference: m.reference,
        amount: fenToYuan(m.fen),
        balance: fenToYuan(m.balanceFen),
        note: m.note,
      }));
      return { row: toRow(e), movements };
    },

    /** Monthly statistics by region and way: counts and amounts of the deposits settled in each month of the year. */
    async stats(user: AuthUser, q: TLedgerStatsQuery): Promise<TLedgerStats> {
      const year = q.year ?? Number(shanghaiDate(clock.now()).slice(0, 4));
      await refresh();
      const scope = await projectScopeOf(db, user);
      const cells = new Map<string, { month: string; regionCode: string; regionName: string; way: LedgerWay; count: number; fen: bigint }>();
      const totals = new Map<LedgerWay, { count: number; fen: bigint }>(LEDGER_WAYS.map((w) => [w, { count: 0, fen: 0n }]));
      for (const r of await keyStats(db, scope, q.regionCode, year)) {
        const way = r.way as LedgerWay;
        cells.set(`${r.month}|${r.regionCode}|${way}`, { month: r.month, regionCode: r.regionCode, regionName: await deps.regionName(r.regionCode), way, count: r.count, fen: BigInt(r.fen) });
        const t = totals.get(way)!;
        t.count += r.count;
        t.fen += BigInt(r.fen);
      }
      const sorted = [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.regionCode.localeCompare(b.regionCode) || LEDGER_WAYS.indexOf(a.way) - LEDGER_WAYS.indexOf(b.way));
      return {
        year,
        cells: sorted.map((c) => ({ month: c.month, regionCode: c.regionCode, regionName: c.regionName, way: c.way, count: c.count, amount: fenToYuan(c.fen) })),
        totals: LEDGER_WAYS.map((w) => ({ way: w, count: totals.get(w)!.count, amount: fenToYuan(totals.get(w)!.fen) })),
      };
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
