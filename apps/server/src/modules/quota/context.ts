import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { MoveDeposit } from '../deposit/move-deposit';
import type { attach, attachedFiles } from '../files/attachments';
import type { RulesService } from '../rules/service';

/** What the quota commands and queries depend on, passed in (no module-level singletons). */
export interface QuotaContext {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  rules: RulesService;
  audit: typeof writeAudit;
  deposit: { move: MoveDeposit };
  /** the files module's attachments (营业执照, 中标通知书, 缓缴证明) */
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
}
