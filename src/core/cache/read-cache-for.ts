import { changesOf } from '../../store/database.js';
import type { Executor } from '../../store/executor.js';
import { ReadCache } from './read-cache.js';

/**
 * A read cache over the database `db` belongs to, watching its change feed; none for a database
 * without one (a Kysely instance not opened by openDatabase) or when `maxEntries` is 0.
 */
export function readCacheFor(db: Executor, maxEntries: number, now: () => number): ReadCache | undefined {
  const changes = changesOf(db);
  if (!changes || maxEntries === 0) return undefined;
  return new ReadCache(changes, { maxEntries, now });
}
