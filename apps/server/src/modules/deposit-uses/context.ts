import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { LockDeposit, MoveDeposit } from '../deposit/move-deposit';
import type { attach, attachedFiles } from '../files/attachments';
import type { RecordOpenEvent } from '../payment/open-events';
import type { RulesService } from '../rules/service';
import type { ProjectRow } from '../projects/repository';
import type { claimGuarantee } from '../guarantees/register';
import type { TBankOption } from '@benxi/shared';

/** Other modules' data a use reads, through their repositories' functions (ADR 018; app.ts wires them). */
export interface DepositUseData {
  projects: Pick<typeof import('../projects/repository'), 'findProject' | 'projectSummaries' | 'projectIdsMatching' | 'projectsWithDepositIn'>;
  accounts: Pick<typeof import('../auth/repository'), 'organizationsByIds'>;
  /** what covers the deposit: the arrived cash deposits, and the replenishing ones (modules/cash-deposits) */
  cash: Pick<typeof import('../cash-deposits/repository'), 'cashDepositsOfProject' | 'replenishmentsOf' | 'insertCashDeposit' | 'cashDepositsById'>;
  /** the guarantees register (modules/guarantees) */
  guarantees: Pick<typeof import('../guarantees/repository'), 'guaranteesOfProjectOn'>;
}

/** What the 保证金动用 commands and queries depend on, passed in (no module singletons). */
export interface DepositUseContext extends DepositUseData {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  rules: Pick<RulesService, 'workCalendar'>;
  audit: typeof writeAudit;
  /** 保证金状态 / 待补足: the deposit module's one writer (ADR 017) */
  deposit: { move: MoveDeposit; lock: LockDeposit };
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
  recordOpenEvent: RecordOpenEvent;
  /** 已理赔 on the register's row (modules/guarantees/register.ts) */
  claimGuarantee: typeof claimGuarantee;
  /** the bank the enterprise chose for a cash replenishment, if it offers the 专用账户 in the project's region (payment/common.ts) */
  chosenCashBank: (project: ProjectRow, bankOrgId: string) => Promise<TBankOption>;
}
