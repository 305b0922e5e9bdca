import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { MoveDeposit } from '../deposit/move-deposit';
import type { attach, attachedFiles } from '../files/attachments';
import type { releaseProjectGuarantees } from '../guarantees/register';
import type { recordOpenEvents } from '../open/events';
import type { RulesService } from '../rules/service';

/** Other modules' data the closure reads and writes, through their repositories' functions (ADR 018; app.ts wires them). */
export interface ClosureData {
  projects: Pick<typeof import('../projects/repository'), 'findProject' | 'projectsByIds' | 'projectIdsMatching' | 'completedWithLiveDeposit'>;
  accounts: Pick<typeof import('../auth/repository'), 'organizationsByIds'>;
  regions: Pick<typeof import('../dictionaries/repository'), 'regionNames'>;
  /** the money a cancellation returns: the project's 现金存缴 holding money */
  cash: Pick<typeof import('../cash-deposits/repository'), 'cashHeldOfProject'>;
  /** what deposit uses drew on each instrument (a cash deposit's principal to return is its amount less its uses) */
  uses: Pick<typeof import('../deposit-uses/repository'), 'usedByInstrument'>;
  /** the project's guarantees and policies (保函管理): listed on the 确认书, released by the approval */
  guarantees: Pick<typeof import('../guarantees/repository'), 'liveGuaranteesOfProject'> & { release: typeof releaseProjectGuarantees };
}

export interface ClosureContext extends ClosureData {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  /** the working-day calendar: 5 working days for hrss, 3 for the bank */
  rules: Pick<RulesService, 'workCalendar'>;
  audit: typeof writeAudit;
  deposit: { move: MoveDeposit };
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
  openEvents: { record: typeof recordOpenEvents };
}
