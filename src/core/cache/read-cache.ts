import type { DB } from '../../store/schema.js';
import { LRUCache } from 'lru-cache';

/** What says whether a committed write changed tables since a stamp (store/change-feed.ts). */
export interface ChangeSource {
  stamp(): number;
  changedSince(stamp: number, tables: readonly (keyof DB)[]): boolean;
}

export interface ReadCacheOptions {
  /** The most entries kept; the least recently used goes first. */
  maxEntries: number;
  now: () => number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Entries found changed by a committed write (or too old) and read again. */
  invalidations: number;
  entries: number;
}

interface Entry {
  value: unknown;
  /** The feed's stamp when the read began. */
  stamp: number;
  tables: readonly (keyof DB)[];
  /** When it is no longer trusted whatever the feed says (an answer about "now"); or never. */
  expiresAt: number;
}

/**
 * Answers of reads, each kept until a committed write (anywhere the feed hears of) changes one of
 * the tables it was read from, or its `maxAgeMs` (for answers about the present instant),
 * whichever comes first. The stamp is taken before
 * the read: a write that commits while it runs makes the answer stale at once. Callers never
 * cache inside a transaction (it may see its own uncommitted writes), name every table the
 * answer comes from, and never change what they get.
 */
export class ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private counts = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly source: ChangeSource,
    private readonly options: ReadCacheOptions,
  ) {
    this.entries = new LRUCache({ max: options.maxEntries });
  }

  async read<T>(
    key: string,
    tables: readonly (keyof DB)[],
    load: () => Promise<T>,
    maxAgeMs = Infinity,
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
    this.entries.set(key, { value, stamp, tables, expiresAt: now + maxAgeMs });
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
