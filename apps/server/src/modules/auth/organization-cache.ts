import type { Db, Tx } from '../../db/client';
import type { ChangeFeed } from '../../platform/changes';
import * as repo from './repository';
import type { OrganizationRow } from './repository';

/**
 * The organisations' rows kept in this process's memory while the change feed is live (docs/decisions/020,
 * the pattern of the sessions and the unit tree, ADR 011). Names, cards and flags of units are read on
 * every project detail and every page of 定额申请 / 认证 / 欠薪记录 and change a few times a year; the
 * trigger of migration 0006 announces every insert, update or delete of an organisation (from any
 * process, any code path, an operator's SQL) as `org:<id>`, which drops that entry before the next
 * request; losing the feed drops everything and nothing is kept until it is back.
 *
 * Only reads on the database itself (`tx === db`, outside a transaction) are answered from memory: a
 * transaction reads the table, so a command deciding inside one sees its own writes and the rows
 * as of its snapshot. A value read from the table is kept only if no change arrived while it was
 * being read (`epoch`), so an older value can never overwrite a newer notification.
 */
export interface OrganizationCache {
  rows(tx: Tx, ids: string[]): Promise<OrganizationRow[]>;
}

export function createOrganizationCache(db: Db, feed: ChangeFeed | null, opts: { maxEntries?: number } = {}): OrganizationCache {
  const maxEntries = opts.maxEntries ?? 20_000;
  const kept = new Map<string, OrganizationRow>();
  feed?.subscribe((kind, id) => {
    if (kind === 'org') kept.delete(id);
    else if (kind === '*') kept.clear();
  });
  return {
    async rows(tx, ids) {
      if (tx !== db || !feed?.live) return repo.organizationRowsByIds(tx, ids);
      const found: OrganizationRow[] = [];
      const missing: string[] = [];
      for (const id of new Set(ids)) {
        const hit = kept.get(id);
        if (hit) found.push(hit);
        else missing.push(id);
      }
      if (missing.length === 0) return found;
      const epoch = feed.epoch;
      const read = await repo.organizationRowsByIds(db, missing);
      if (feed.live && feed.epoch === epoch) {
        if (kept.size + read.length > maxEntries) kept.clear();
        for (const r of read) kept.set(r.id, r);
      }
      return [...found, ...read];
    },
  };
}

/**
 * The accounts' functions (auth/repository.ts) with the organisation reads answered by `cache`: what
 * app.ts passes to the modules that show or check units (projects, 定额申请, 欠薪记录, the back office,
 * the dictionaries' unit options). Same signatures, same results as the table.
 */
export function cachedAccounts(cache: OrganizationCache): typeof repo {
  return {
    ...repo,
    async findOrganization(tx, id) {
      return (await cache.rows(tx, [id]))[0];
    },
    async organizationsByIds(tx, ids) {
      if (ids.length === 0) return [];
      return (await cache.rows(tx, ids)).map((o) => ({ id: o.id, name: o.name, enabled: o.enabled }));
    },
    async organizationCards(tx, ids) {
      if (ids.length === 0) return [];
      return (await cache.rows(tx, ids)).map((o) => ({ id: o.id, name: o.name, creditCode: o.creditCode }));
    },
  };
}
