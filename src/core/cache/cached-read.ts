import type { Executor } from '../../store/executor.js';
import type { Dependency } from '../../store/change-feed.js';
import type { KeepOptions, ReadCache } from './read-cache.js';

/** Whether cachedRead would keep what it reads here (a cache, and not inside a transaction). */
export function keepsReads(source: {
  db: Executor;
  reads?: ReadCache | undefined;
}): source is { db: Executor; reads: ReadCache } {
  return source.reads !== undefined && !source.db.isTransaction;
}

/**
 * `load()`, answered from the read cache when there is one, until a write commits to one of
 * `tables` (every table the answer is read from, joins included; of a keyed table, the rows of
 * the key it is about, see rowsFor), and as `options` say (how
 * long at most, whether to keep this answer at all). Never inside a transaction:
 * there a read may see the transaction's own uncommitted writes, which no one else may be
 * shown, and a write that follows must read what is committed, not what was.
 */
export function cachedRead<T>(
  source: { db: Executor; reads?: ReadCache | undefined },
  key: string,
  tables: readonly Dependency[],
  load: () => Promise<T>,
  options?: KeepOptions<T>,
): Promise<T> {
  return keepsReads(source) ? source.reads.read(key, tables, load, options) : load();
}
