import { Lru } from './lru.js';

/** What moves on whenever a committed write may have changed an answer (store/change-feed.ts). */
export interface GenerationSource {
  generation(): number;
}

export interface ReadCacheOptions {
  /** The most entries kept; the least recently used goes first. */
  maxEntries: number;
  /**
   * The longest an entry is trusted, however quiet the feed: the bound on staleness if another
   * process's commit were never heard of (a connection that died without a word).
   */
  maxAgeMs: number;
  now: () => number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Times the cache was emptied because a write committed. */
  invalidations: number;
  entries: number;
}

interface Entry {
  value: unknown;
  readAt: number;
}

/**
 * Answers of reads, kept until the next committed write (anywhere the feed hears of) or
 * `maxAgeMs`, whichever comes first. An answer is kept only when no write committed while it was
 * read: it is then what the database held at that generation. Callers never cache inside a
 * transaction (it may see its own uncommitted writes) and never change what they get.
 */
export class ReadCache {
  private readonly entries: Lru<string, Entry>;
  private seen: number;
  private counts = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly source: GenerationSource,
    private readonly options: ReadCacheOptions,
  ) {
    this.entries = new Lru(options.maxEntries);
    this.seen = source.generation();
  }

  /** The current generation, emptying the cache when it moved on. */
  private generation(): number {
    const generation = this.source.generation();
    if (generation !== this.seen) {
      this.seen = generation;
      if (this.entries.size > 0) this.counts.invalidations += 1;
      this.entries.clear();
    }
    return generation;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const generation = this.generation();
    const now = this.options.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.readAt < this.options.maxAgeMs) {
      this.counts.hits += 1;
      return entry.value as T;
    }
    this.counts.misses += 1;
    const value = await load();
    if (this.generation() === generation) this.entries.set(key, { value, readAt: now });
    return value;
  }

  stats(): ReadCacheStats {
    return { ...this.counts, entries: this.entries.size };
  }
}

/** Entries of the read cache (READ_CACHE_ENTRIES): at a few hundred bytes each, a few MB at most. */
export const DEFAULT_READ_CACHE_ENTRIES = 20_000;
/** The bound on how stale a cached answer can be if a change notification were lost. */
export const READ_CACHE_MAX_AGE_MS = 1000;
