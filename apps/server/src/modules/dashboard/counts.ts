import type { Db } from '../../db/client';
import { projectScopeOf } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { countsWithin, foldCounts, type Counts } from './repository';

/** Delta rows after which a reader folds them (in the background: the reader does not wait). */
export const FOLD_AFTER = 500;
let folding: Promise<unknown> | undefined;

/**
 * The kept counts of a hrss / authority user's remit (ADR 046), their scope the projects' (a unit and
 * the units under it, platform/scope.ts). When many deltas have piled up since the last fold, one fold
 * runs after this read (one at a time per process; a fold elsewhere is harmless).
 */
export async function dashboardCounts(db: Db, user: AuthUser): Promise<Counts> {
  const scope = await projectScopeOf(db, user);
  const c =
    scope.kind === 'units' && scope.column !== 'enterprise_org_id'
      ? await countsWithin(db, scope.column, scope.ids)
      : await countsWithin(db, scope.kind === 'all' ? null : 'hrss_org_id', []);
  if (c.deltas >= FOLD_AFTER && !folding) {
    folding = db
      .transaction((tx) => foldCounts(tx))
      .catch(() => undefined)
      .finally(() => (folding = undefined));
  }
  return c;
}
