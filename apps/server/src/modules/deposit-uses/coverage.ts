import { fenToYuan, guaranteeKindLabels, type GuaranteeKind, type UseInstrumentType } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import type { DepositUseContext } from './context';
import { usedByInstrument } from './repository';

/** One instrument covering the deposit now and what a use may still draw on it (ADR 032). */
export interface Instrument {
  type: UseInstrumentType;
  id: bigint;
  label: string;
  number: string | null;
  /** the bank holding the cash, or the bank or insurer that issued the guarantee or policy */
  holderOrgId: string | null;
  holderName: string;
  amountFen: bigint;
  usedFen: bigint;
  availableFen: bigint;
}

/** A cash deposit covers once its money has fully arrived (到账完成); a replenishment the same. */
const COVERING_CASH = ['arrived'] as const;

/**
 * What covers the project's deposit now: its arrived cash deposits (paid in) and the register's
 * guarantees and policies not released and within their 期限, each less what earlier uses drew on
 * it. Inside a use's transaction (after the project row is locked) this is the figure two uses at
 * once cannot together exceed.
 */
export async function instrumentsOf(ctx: DepositUseContext, tx: Tx, projectId: bigint): Promise<Instrument[]> {
  const today = shanghaiDate(ctx.clock.now());
  // one after the other: inside a transaction the statements share one connection
  const cash = await ctx.cash.cashDepositsOfProject(tx, projectId, COVERING_CASH);
  const guarantees = await ctx.guarantees.guaranteesOfProjectOn(tx, projectId, today);
  const used = await usedByInstrument(tx, projectId);
  const orgs = await ctx.accounts.organizationsByIds(tx, [...new Set(cash.map((c) => c.bankOrgId))]);
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? '';
  const out: Instrument[] = [];
  for (const c of cash) {
    const usedFen = used.get(`cash_deposit:${c.id}`) ?? 0n;
    out.push({ type: 'cash_deposit', id: c.id, label: c.replenishUseId ? '现金存缴（补足）' : '现金存缴', number: c.accountNo, holderOrgId: c.bankOrgId, holderName: name(c.bankOrgId), amountFen: c.paidFen, usedFen, availableFen: c.paidFen - usedFen });
  }
  for (const g of guarantees) {
    const usedFen = used.get(`guarantee:${g.id}`) ?? 0n;
    out.push({
      type: 'guarantee',
      id: g.id,
      label: guaranteeKindLabels[g.kind as GuaranteeKind] ?? g.kind,
      number: g.number,
      holderOrgId: g.issuerOrgId,
      holderName: g.issuerName,
      amountFen: g.amountFen,
      usedFen,
      availableFen: g.amountFen - usedFen,
    });
  }
  return out;
}

export const coveredFen = (xs: Instrument[]) => xs.reduce((s, x) => s + (x.availableFen > 0n ? x.availableFen : 0n), 0n);

export const toInstrumentDto = (x: Instrument) => ({
  type: x.type,
  id: x.id.toString(),
  label: x.label,
  number: x.number,
  holderOrgId: x.holderOrgId,
  holderName: x.holderName,
  amount: fenToYuan(x.amountFen),
  used: fenToYuan(x.usedFen),
  available: fenToYuan(x.availableFen > 0n ? x.availableFen : 0n),
});
