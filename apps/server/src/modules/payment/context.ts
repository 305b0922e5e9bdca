import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { attach, attachedFiles } from '../files/attachments';
import type { registerGuarantee } from '../guarantees/register';
import type { PaymentAttempts } from './attempts';
import type { RecordOpenEvent } from './open-events';

/** Other modules' data the payment workflows read, through their repositories' functions (ADR 018; app.ts wires them). */
export interface PaymentData {
  projects: Pick<typeof import('../projects/repository'), 'findProject' | 'projectSummaries' | 'projectIdsMatching'>;
  quota: Pick<typeof import('../quota/repository'), 'approvedQuotaOfProject'>;
  accounts: Pick<typeof import('../auth/repository'), 'organizationsByIds' | 'findOrganization' | 'listOrganizations'>;
  files: Pick<typeof import('../files/repository'), 'ownFileDigest'>;
}

/**
 * What the payment commands and queries depend on (现金存缴, 银行保函办理, the deposit card, the banks'
 * offers), passed in (no module-level singletons).
 */
export interface PaymentContext extends PaymentData {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  audit: typeof writeAudit;
  /** the payment attempts (attempts.ts) bound to the deposit module and every way's closer */
  payments: PaymentAttempts;
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
  /** the bank's events feed (modules/open) */
  recordOpenEvent: RecordOpenEvent;
  /** the guarantees register (modules/guarantees): the issued letter is registered in the 出函's transaction */
  registerGuarantee: typeof registerGuarantee;
}
