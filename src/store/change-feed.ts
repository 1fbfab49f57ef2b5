import type { DB } from './schema.js';

/**
 * What a cached read depends on, and what a commit changed: a whole table, or the rows of a table
 * for one key (`assignments#<user id>`: one user's assignments; see keyedTables in
 * keyed-writes.ts).
 */
export type Dependency = keyof DB | `${keyof DB}#${string}`;

/** The rows of `table` for one key: what a read about one user's assignments depends on. */
export const rowsFor = (table: 'assignments', key: string): Dependency => `${table}#${key}`;

/** The tables (or rows of one key, see Dependency) a commit wrote, or `all` when it cannot say (raw SQL, a cascading delete, another process on SQLite). */
export type ChangedTables = ReadonlySet<string> | 'all';

/**
 * What read caches watch: every committed write a cached read could depend on, in this process
 * or another one over the same database, counted in order. A reader takes a stamp before it
 * reads; its answer holds for as long as none of what it read from changed after the stamp.
 */
export interface ChangeFeed {
  /** The count of commits heard of so far (asking also listens for other processes' commits). */
  stamp(): number;
  /** Whether any of `dependencies` changed in a commit heard of after `stamp`. */
  changedSince(stamp: number, dependencies: readonly Dependency[]): boolean;
  /** Counts of what this process heard of: its own commits, other processes' commits. */
  stats(): { localWrites: number; remoteWrites: number };
  close(): Promise<void>;
}

/** More rows of keys than this in one commit count as a write of the whole table. */
export const MAX_KEYS_PER_COMMIT = 256;
/** More keys remembered than this, and the log forgets them: their tables count as wholly written. */
const MAX_KEYS_REMEMBERED = 100_000;

/**
 * `changes` as a commit reports them: a table written whole drops its keys, and a table written
 * for more than MAX_KEYS_PER_COMMIT keys counts as written whole (a bulk assign of 10,000 users
 * empties the cache of that table once, and notifies other processes in a few bytes).
 */
export function collapsed(changes: ChangedTables): ChangedTables {
  if (changes === 'all') return changes;
  const keysOf = new Map<string, number>();
  for (const change of changes) {
    const hash = change.indexOf('#');
    if (hash > 0) keysOf.set(change.slice(0, hash), (keysOf.get(change.slice(0, hash)) ?? 0) + 1);
  }
  if (keysOf.size === 0) return changes;
  const whole = new Set([...changes].filter((c) => !c.includes('#')));
  for (const [table, count] of keysOf) if (count > MAX_KEYS_PER_COMMIT) whole.add(table);
  const keyed = [...changes].filter((c) => {
    const hash = c.indexOf('#');
    return hash > 0 && !whole.has(c.slice(0, hash));
  });
  return whole.size + keyed.length === changes.size ? changes : new Set([...whole, ...keyed]);
}

/**
 * The commits heard of, and for each table the last one that wrote it: the last that wrote any
 * of its rows, the last that wrote it whole (no key said which rows), and for each key the last
 * that wrote its rows.
 */
export class CommitLog {
  private count = 0;
  /** The last commit that changed every table (or could have). */
  private everything = 0;
  private readonly anyRow = new Map<string, number>();
  private readonly wholeTable = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  localWrites = 0;
  remoteWrites = 0;

  get current(): number {
    return this.count;
  }

  committed(changes: ChangedTables, remote: boolean): void {
    this.count += 1;
    if (remote) this.remoteWrites += 1;
    else this.localWrites += 1;
    if (changes === 'all') {
      this.everything = this.count;
      this.byKey.clear();
      return;
    }
    for (const change of changes) {
      const hash = change.indexOf('#');
      if (hash < 0) {
        this.anyRow.set(change, this.count);
        this.wholeTable.set(change, this.count);
      } else {
        this.anyRow.set(change.slice(0, hash), this.count);
        this.byKey.set(change, this.count);
      }
    }
    // Forgetting keys is safe as long as their tables count as written whole now.
    if (this.byKey.size > MAX_KEYS_REMEMBERED) {
      for (const key of this.byKey.keys()) this.wholeTable.set(key.slice(0, key.indexOf('#')), this.count);
      this.byKey.clear();
    }
  }

  changedSince(stamp: number, dependencies: readonly string[]): boolean {
    if (this.everything > stamp) return true;
    for (const dependency of dependencies) {
      const hash = dependency.indexOf('#');
      if (hash < 0) {
        if ((this.anyRow.get(dependency) ?? 0) > stamp) return true;
      } else if (
        (this.byKey.get(dependency) ?? 0) > stamp ||
        (this.wholeTable.get(dependency.slice(0, hash)) ?? 0) > stamp
      ) {
        return true;
      }
    }
    return false;
  }

  stats(): { localWrites: number; remoteWrites: number } {
    return { localWrites: this.localWrites, remoteWrites: this.remoteWrites };
  }
}
