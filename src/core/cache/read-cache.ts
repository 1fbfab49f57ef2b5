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

/** How a read is kept: at most this long (default READ_CACHE_MAX_AGE_MS), and only if `keep` says so. */
export interface KeepOptions<T> {
  maxAgeMs?: number | undefined;
  keep?: ((value: T) => boolean) | undefined;
}

interface Entry {
  value: unknown;
  /** Its share of the cache's size bound: the characters of its key and of its JSON. */
  size: number;
  /** The feed's stamp when the read began. */
  stamp: number;
  tables: readonly Dependency[];
  /** When it is no longer trusted whatever the feed says (an answer about "now"); or never. */
  expiresAt: number;
}

/**
 * Answers of reads, each kept until a committed write (anywhere the feed hears of) changes one of
 * the tables it was read from (or, for a keyed table, the rows of its key), or its `maxAgeMs` (for answers about the present instant),
 * whichever comes first. The stamp is taken before
 * the read: a write that commits while it runs makes the answer stale at once. Callers never
 * cache inside a transaction (it may see its own uncommitted writes), name every table the
 * answer comes from, and never change what they get.
 */
export class ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly maxSize: number;
  private counts = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly source: ChangeSource,
    private readonly options: ReadCacheOptions,
  ) {
    this.maxSize = options.maxSize ?? options.maxEntries * READ_CACHE_CHARS_PER_ENTRY;
    this.entries = new LRUCache({
      max: options.maxEntries,
      maxSize: this.maxSize,
      sizeCalculation: (entry) => entry.size,
    });
  }

  async read<T>(
    key: string,
    tables: readonly Dependency[],
    load: () => Promise<T>,
    { maxAgeMs = READ_CACHE_MAX_AGE_MS, keep }: KeepOptions<T> = {},
  ): Promise<T> {
    const stamp = this.source.stamp();
    const now = this.options.now();
    const entry = this.entries.get(key);
    if (entry) {
      if (now < entry.expiresAt && !this.source.changedSince(entry.stamp, entry.tables)) {
        this.counts.hits += 1;
        return entry.value as T;
      }
      this.counts.invalidations += 1;
      this.entries.delete(key);
    }
    this.counts.misses += 1;
    const value = await load();
    if (keep && !keep(value)) return value;
    const size = key.length + (JSON.stringify(value)?.length ?? 16);
    // One answer larger than the whole bound is not kept (lru-cache would refuse it anyway).
    if (size <= this.maxSize)
      this.entries.set(key, { value, size, stamp, tables, expiresAt: now + maxAgeMs });
    return value;
  }

  stats(): ReadCacheStats {
    return { ...this.counts, entries: this.entries.size };
  }
}

/** Entries of the read cache (READ_CACHE_ENTRIES): at a few hundred bytes each, a few MB at most. */
export const DEFAULT_READ_CACHE_ENTRIES = 20_000;
/** How long an answer about the present instant (holders "now") is kept: it says the instant it was read for. */
export const ANSWER_ABOUT_NOW_MAX_AGE_MS = 1000;
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
