import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { FileService } from '../files/service';

/** The accounts' functions the certifications use (auth/repository.ts, passed in by app.ts). */
export type CertificationAccounts = Pick<typeof import('../auth/repository'), 'userPhones' | 'organizationWithCreditCode' | 'certifyOrganization'>;

/** What the certification commands and queries depend on, passed in (no module-level singletons). */
export interface CertificationContext {
  db: Db;
  clock: Clock;
  files: FileService;
  audit: typeof writeAudit;
  accounts: CertificationAccounts;
}
