/**
 * A number that moves on whenever a committed write may have changed what a read answered, in
 * this process or (within the bound of `crossProcessBoundMs`) in another one over the same
 * database. Read caches keep what they read at one generation and trust it only at that
 * generation.
 */
export interface ChangeFeed {
  /** The current generation. */
  generation(): number;
  /** How long a write committed by another process may take to move the generation (ms). */
  readonly crossProcessBoundMs: number;
  /** Counts of what moved the generation: this process's writes, other processes' writes. */
  stats(): { localWrites: number; remoteWrites: number };
  close(): Promise<void>;
}

/**
 * The generation itself, moved by this process's commits (`bump`) and by a source of other
 * processes' commits (`remote`): a SQLite data version, a PostgreSQL notification.
 */
export class Generation {
  private value = 0;
  localWrites = 0;
  remoteWrites = 0;

  get current(): number {
    return this.value;
  }

  bump(): void {
    this.value += 1;
    this.localWrites += 1;
  }

  remote(): void {
    this.value += 1;
    this.remoteWrites += 1;
  }
}
