import type { Db } from '../../db/client';
import type { writeAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Snowflake } from '../../platform/snowflake';
import type { attach, attachedFiles } from '../files/attachments';
import type { PaymentAttempts } from '../payment/attempts';
import type { RulesService } from '../rules/service';
import type { registerGuarantee } from './register';

/** Other modules' data the guarantees read, through their repositories' functions (ADR 018; app.ts wires them). */
export interface GuaranteeData {
  projects: Pick<typeof import('../projects/repository'), 'findProject' | 'projectSummaries' | 'projectIdsMatching'>;
  quotas: Pick<typeof import('../quota/repository'), 'approvedQuotaOfProject'>;
  accounts: Pick<typeof import('../auth/repository'), 'organizationsByIds' | 'enabledOrganizationsOfTypes' | 'findOrganization'>;
}

/** What the 保单保函上传 commands and the 保函管理 queries depend on, passed in (no module singletons). */
export interface GuaranteeContext extends GuaranteeData {
  db: Db;
  clock: Clock;
  ids: Snowflake;
  /** the working-day calendar (the review's 5-working-day deadline, as 定额申请's) */
  rules: Pick<RulesService, 'workCalendar'>;
  audit: typeof writeAudit;
  /** the payment core (modules/payment/attempts.ts): the upload opens an attempt, approval covers it, a return abandons it */
  payments: Pick<PaymentAttempts, 'open' | 'cover' | 'abandon'>;
  register: typeof registerGuarantee;
  attachments: { attach: typeof attach; filesOf: typeof attachedFiles };
}
