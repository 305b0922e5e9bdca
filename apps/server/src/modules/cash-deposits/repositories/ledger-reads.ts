import { inArray, ne, and } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { cashArrivals, cashDeposits } from '../../../db/schema/index';

/** What the 台账 (modules/ledger, ADR 043) reads of this module: the projects' cash deposits (not closed) and their arrivals. */
export async function ledgerCash(tx: Tx, projectIds: bigint[]) {
  if (projectIds.length === 0) return { deposits: [], arrivals: [] };
  const deposits = await tx
    .select({ id: cashDeposits.id, projectId: cashDeposits.projectId, bankOrgId: cashDeposits.bankOrgId, status: cashDeposits.status, paidFen: cashDeposits.paidFen, accountNo: cashDeposits.accountNo, replenishUseId: cashDeposits.replenishUseId })
    .from(cashDeposits)
    .where(and(inArray(cashDeposits.projectId, projectIds), ne(cashDeposits.status, 'closed')));
  const arrivals =
    deposits.length === 0
      ? []
      : await tx
          .select({ id: cashArrivals.id, cashDepositId: cashArrivals.cashDepositId, amountFen: cashArrivals.amountFen, arrivedOn: cashArrivals.arrivedOn, confirmedAt: cashArrivals.confirmedAt, voucherNo: cashArrivals.voucherNo })
          .from(cashArrivals)
          .where(inArray(cashArrivals.cashDepositId, deposits.map((d) => d.id)));
  return { deposits, arrivals };
}
export type LedgerCash = Awaited<ReturnType<typeof ledgerCash>>;
