import type { DB } from './schema.js';

/** The tables a commit wrote, or `all` when it cannot say (raw SQL, a cascading delete, another process on SQLite). */
export type ChangedTables = ReadonlySet<string> | 'all';

/**
 * What read caches watch: every committed write a cached read could depend on, in this process
 * or another one over the same database, counted in order. A reader takes a stamp before it
 * reads; its answer holds for as long as none of the tables it read from changed after the stamp.
 */
export interface ChangeFeed {
  /** The count of commits heard of so far (asking also listens for other processes' commits). */
  stamp(): number;
  /** Whether any of `tables` changed in a commit heard of after `stamp`. */
  changedSince(stamp: number, tables: readonly (keyof DB)[]): boolean;
  /** Counts of what this process heard of: its own commits, other processes' commits. */
  stats(): { localWrites: number; remoteWrites: number };
  close(): Promise<void>;
}

/** The commits heard of, and for each table the last one that wrote it. */
export class CommitLog {
  private count = 0;
  /** The last commit that changed every table (or could have). */
  private everything = 0;
  private readonly byTable = new Map<string, number>();
  localWrites = 0;
  remoteWrites = 0;

  get current(): number {
    return this.count;
  }

  committed(tables: ChangedTables, remote: boolean): void {
    this.count += 1;
    if (remote) this.remoteWrites += 1;
    else this.localWrites += 1;
    if (tables === 'all') this.everything = this.count;
    else for (const table of tables) this.byTable.set(table, this.count);
  }

  changedSince(stamp: number, tables: readonly string[]): boolean {
    if (this.everything > stamp) return true;
    return tables.some((table) => (this.byTable.get(table) ?? 0) > stamp);
  }

  stats(): { localWrites: number; remoteWrites: number } {
    return { localWrites: this.localWrites, remoteWrites: this.remoteWrites };
  }
}
