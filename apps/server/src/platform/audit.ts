import type { AuditAction } from '@benxi/shared';
import type { Tx } from '../db/client';
import { auditLog } from '../db/schema/index';

/**
 * Who did it: a logged-in user (id, phone, role), or an API client of a bank or an insurer
 * (`client` = its appId, `role` its organisation's, id and phone null), or the system (all null).
 */
export interface Actor {
  id: string | null;
  phone: string | null;
  role: string | null;
  ip: string | null;
  /** an open API call (SPEC §13): the client's appId */
  client?: string | null;
}

export interface AuditEntry {
  /** a registered code (packages/shared/src/audit-actions.ts): an unknown one is a type error */
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written inside the transaction of the change it describes, so one never exists without the other. */
export async function writeAudit(tx: Tx, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at,
    actorId: actor.id,
    actorPhone: actor.phone,
    actorRole: actor.role,
    actorClient: actor.client ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip,
  });
}
