import type { Dependency } from '../../store/change-feed.js';
import { LRUCache } from 'lru-cache';

/** What says whether a committed write changed tables (or rows of a key) since a stamp (store/change-feed.ts). */
export interface ChangeSource {
  stamp(): number;
  changedSince(stamp: number, dependencies: readonly Dependency[]): boolean;
}

export interface ReadCacheOptions {
  /** The most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** The most characters of keys and JSON kept (default: READ_CACHE_CHARS_PER_ENTRY per entry). */
  maxSize?: number | undefined;
  now: () => number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Entries found changed by a committed write (or too old) and read again. */
  invalidations: number;
  entries: number;
}

/** How a read is kept: at most this long (default: between three quarters of READ_CACHE_MAX_AGE_MS and all of it), and only if `keep` says so. */
export interface KeepOptions<T> {
  maxAgeMs?: number | undefined;
  /**
   * The instant (epoch ms) the answer stops being true by time alone, whatever the feed says
   * (an answer about "now" whose windows open or close then); null when only a write changes it.
   */
  trueUntil?: ((value: T) => number | null) | undefined;
  keep?: ((value: T) => boolean) | undefined;
}

interface Entry {
  value: unknown;
  /** Its share of the cache's size bound: the characters of its key and of its JSON. */
  size: number;
  /** The feed's stamp when the read began. */
  stamp: number;
  tables: readonly Dependency[];
  /** When it is no longer trusted whatever the feed says: its age bound, or when it stops being true (trueUntil). */
  expiresAt: number;
}

/**
 * Answers of reads, each kept until a committed write (anywhere the feed hears of) changes one of
 * the tables it was read from (or, for a keyed table, the rows of its key), its age bound
 * (`maxAgeMs`, or the backstop) passes, or the instant it stops being true by time alone comes
 * (`trueUntil`: a page of holders about now), whichever comes first. The stamp is taken before the
 * read: a write that commits while it runs makes the answer stale at once. Callers never cache
 * inside a transaction (it may see its own uncommitted writes), name every table the answer comes
 * from, and never change what they get.
 *
 * Two LRU segments keep a scan from pushing out what is asked again and again: a new answer goes
 * to the probation segment (a fifth of the bounds), and moves to the protected one (the rest)
 * when it is asked for again while there. Reading every profile once (an export, a crawler)
 * then churns the probation segment only, and the grants, users and credentials of the requests
 * that come all the time stay.
 */
export class ReadCache {
  private readonly probation: LRUCache<string, Entry>;
  private readonly protected: LRUCache<string, Entry>;
  private readonly maxSize: number;
  private counts = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly source: ChangeSource,
    private readonly options: ReadCacheOptions,
  ) {
    this.maxSize = options.maxSize ?? options.maxEntries * READ_CACHE_CHARS_PER_ENTRY;
    const segment = (share: number) =>
      new LRUCache<string, Entry>({
        max: Math.max(1, Math.round(options.maxEntries * share)),
        maxSize: Math.max(1, Math.round(this.maxSize * share)),
        sizeCalculation: (entry) => entry.size,
      });
    this.probation = segment(PROBATION_SHARE);
    this.protected = segment(1 - PROBATION_SHARE);
  }

  /** The entry of `key`, moved to the protected segment when it is found in probation. */
  private entryOf(key: string): Entry | undefined {
    const kept = this.protected.get(key);
    if (kept) return kept;
    const trial = this.probation.get(key);
    if (trial) {
      this.probation.delete(key);
      this.protected.set(key, trial);
    }
    return trial;
  }

  async read<T>(
    key: string,
    tables: readonly Dependency[],
    load: () => Promise<T>,
    { maxAgeMs, trueUntil, keep }: KeepOptions<T> = {},
  ): Promise<T> {
    const stamp = this.source.stamp();
    const now = this.options.now();
    const entry = this.entryOf(key);
    if (entry) {
      if (now < entry.expiresAt && !this.source.changedSince(entry.stamp, entry.tables)) {
        this.counts.hits += 1;
        return entry.value as T;
      }
      this.counts.invalidations += 1;
      this.protected.delete(key);
    }
    this.counts.misses += 1;
    const value = await load();
    if (keep && !keep(value)) return value;
    const size = key.length + (JSON.stringify(value)?.length ?? 16);
    // One answer larger than its segment's bound is not kept (lru-cache would refuse it anyway).
    if (size <= this.maxSize * PROBATION_SHARE) {
      const expiresAt = Math.min(now + (maxAgeMs ?? backstopAge()), trueUntil?.(value) ?? Infinity);
      const fresh = { value, size, stamp, tables, expiresAt };
      // Read again after an invalidation, it was asked for before: it stays protected.
      // A concurrent read of the same key may have kept it in the other segment: one place only.
      if (entry) {
        this.probation.delete(key);
        this.protected.set(key, fresh);
      } else {
        this.protected.delete(key);
        this.probation.set(key, fresh);
      }
    }
    return value;
  }

  stats(): ReadCacheStats {
    return { ...this.counts, entries: this.probation.size + this.protected.size };
  }
}

/**
 * How long an answer without a `maxAgeMs` of its own is kept at most: a random age between three
 * quarters of READ_CACHE_MAX_AGE_MS and all of it. Answers read together (the first requests
 * after a start, after a write) then expire spread over 7.5 seconds, not together: a burst of
 * re-reads 30 seconds after each burst of reads held up the requests behind it (the access
 * check's p99 went from 9 to 29 and 52 ms in such a round, in two runs).
 */
const backstopAge = () => READ_CACHE_MAX_AGE_MS * (0.75 + Math.random() * 0.25);

/** The share of the bounds for answers asked for once so far (see ReadCache). */
const PROBATION_SHARE = 0.2;
/** Entries of the read cache (READ_CACHE_ENTRIES): at a few hundred bytes each, a few MB at most. */
export const DEFAULT_READ_CACHE_ENTRIES = 20_000;
/**
 * The longest any answer is kept, whatever the change feed says: a write profiled never hears
 * of (SQL run on a PostgreSQL database by hand, a notification lost with a failed commit's
 * answer) shows within it.
 */
export const READ_CACHE_MAX_AGE_MS = 30_000;
/**
 * The bound on what the cache holds, in characters of keys and JSON of the answers kept, per
 * entry it may hold (READ_CACHE_ENTRIES): pages of lists are large, most answers small. 20,000
 * entries: 16 million characters, some tens of MB of memory.
 */
export const READ_CACHE_CHARS_PER_ENTRY = 800;
