import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { MoveDeposit } from '../deposit/move-deposit';
import type { attach, attachedFiles } from '../files/attachments';
import type { RulesService } from '../rules/service';

/** Other modules' data the applications read and write, through their repositories' functions (ADR 018; app.ts wires them). */
export interface QuotaData {
  projects: Pick<typeof import('../projects/repository'), 'findProject' | 'otherProjectsInRegion' | 'projectSummaries' | 'projectIdsMatching' | 'lockProjectBase'>;
  arrears: Pick<typeof import('../arrears/repository'), 'arrearsEntriesOf' | 'complianceOf'>;
  accounts: Pick<typeof import('../auth/repository'), 'organizationsByIds'>;
  regions: Pick<typeof import('../dictionaries/repository'), 'regionNames'>;
}

/** What the quota commands and queries depend on, passed in (no module-level singletons). */
export interface QuotaContext extends QuotaData {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  rules: RulesService;
  audit: typeof writeAudit;
  deposit: { move: MoveDeposit };
  /** the files module's attachments (营业执照, 中标通知书, 缓缴证明) */
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
}
