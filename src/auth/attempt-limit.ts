import type { Executor } from '../store/executor.js';
import { countAttempt } from '../store/repositories/attempt-count.repository.js';

export interface AttemptLimit {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

/**
 * Counts an attempt of `key` (an address, a client) against its limit, in the database, so that
 * every process over it shares the count. Windows are fixed and aligned to the clock, the same
 * in every process. Answers the seconds to wait when the key is over its limit.
 */
export async function attemptOver(
  db: Executor,
  key: string,
  limit: AttemptLimit,
  now: number,
): Promise<number | undefined> {
  const windowStart = now - (now % limit.windowMs);
  const count = await countAttempt(db, key, windowStart);
  return count > limit.max ? Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000)) : undefined;
}
