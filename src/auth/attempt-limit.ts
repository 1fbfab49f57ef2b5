import type { Executor } from '../store/executor.js';
import { countAttempts } from '../store/repositories/attempt-count.repository.js';
import { countTogether } from './attempt-batch.js';

export interface AttemptLimit {
  /** Attempts allowed per window. */
  max: number;
}

/**
 * Counts an attempt of each key (an address, a client) against its limit, in the database, so
 * that every process over it shares the counts: all in one statement (one disk flush), shared
 * with the other attempts of this turn of the event loop (countTogether). Inside a transaction
 * they are counted in it, alone. Windows are fixed and aligned to the clock, the same in every
 * process, and the same length for every key. Answers the seconds to wait and which key is over its limit, the first in the order given.
 */
export async function attemptsOver(
  db: Executor,
  attempts: readonly { key: string; limit: AttemptLimit }[],
  windowMs: number,
  now: number,
): Promise<{ wait: number; key: string } | undefined> {
  const windowStart = now - (now % windowMs);
  const keys = attempts.map((a) => a.key);
  const counts = await (db.isTransaction ? countAttempts : countTogether)(db, keys, windowStart);
  const over = attempts.findIndex((a, i) => counts[i]! > a.limit.max);
  if (over < 0) return undefined;
  return { wait: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)), key: attempts[over]!.key };
}
