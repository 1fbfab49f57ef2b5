import type { Executor } from '../store/executor.js';
import {
  deleteAttemptWindowsBefore,
  deleteEndedSessions,
  deleteIdempotencyKeysBefore,
  deleteUsedSignaturesBefore,
} from '../store/repositories/housekeeping.repository.js';

export interface HousekeepingPolicy {
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: number;
  /** The rate limits' window: older counts are over. */
  attemptWindowMs: number;
  /**
   * At most this many rows deleted by one statement, so that none holds the database long; a run
   * deletes batch after batch of each kind (up to BATCHES_PER_RUN).
   */
  batch: number;
}

export interface HousekeepingReport {
  sessions: number;
  idempotencyKeys: number;
  attemptWindows: number;
  usedSignatures: number;
}

/**
 * Batches of each kind one run may remove. Used signatures come one per signed request, sessions
 * one per sign-in, idempotency keys one per creating POST that sends one: a single batch a minute
 * would fall behind any steady rate above batch / 60 a second, so a run removes batch after batch
 * until the ended ones are gone, up to this many.
 */
export const BATCHES_PER_RUN = 100;

/**
 * Runs `remove` (one statement deleting at most `batch` rows) again and again, other work let
 * through in between, until a batch comes back short or BATCHES_PER_RUN are done; answers how
 * many rows went.
 */
async function inBatches(batch: number, remove: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let round = 0; round < BATCHES_PER_RUN; round += 1) {
    if (round > 0) await new Promise((resolve) => setImmediate(resolve));
    const removed = await remove(batch);
    total += removed;
    if (removed < batch) break;
  }
  return total;
}

/**
 * One run of the cleanup: ended sessions (expired or revoked a day ago, each user's newest kept
 * for its last login), idempotency keys past their time, rate-limit windows that are over, and
 * used signatures whose window has ended.
 * Bounded per run (up to BATCHES_PER_RUN batches of each); a later run takes the rest.
 */
export async function cleanUp(
  db: Executor,
  policy: HousekeepingPolicy,
  now: number,
): Promise<HousekeepingReport> {
  const DAY = 86_400_000;
  return {
    sessions: await inBatches(policy.batch, (batch) => deleteEndedSessions(db, now - DAY, batch)),
    idempotencyKeys: await inBatches(policy.batch, (batch) =>
      deleteIdempotencyKeysBefore(db, now - policy.idempotencyTtlMs, batch),
    ),
    attemptWindows: await inBatches(policy.batch, (batch) =>
      deleteAttemptWindowsBefore(db, now - policy.attemptWindowMs, batch),
    ),
    usedSignatures: await inBatches(policy.batch, (batch) => deleteUsedSignaturesBefore(db, now, batch)),
  };
}
