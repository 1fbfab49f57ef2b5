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
   * At most this many rows deleted by one statement, so that none holds the database long: a
   * batch of each kind per run (of used signatures, several).
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
 * Batches of used signatures one run may remove. There is one per signed request, so a single
 * batch a minute would fall behind any steady rate above batch / 60 requests a second; a run
 * removes batch after batch until the ended ones are gone, up to this many.
 */
export const USED_SIGNATURE_BATCHES = 100;

/**
 * Removes used signatures whose window ended before `before`, a batch at a time (each its own
 * statement, other work let through in between), until a batch comes back short or
 * USED_SIGNATURE_BATCHES are done; answers how many.
 */
async function deleteEndedSignatures(db: Executor, before: number, batch: number): Promise<number> {
  let total = 0;
  for (let round = 0; round < USED_SIGNATURE_BATCHES; round += 1) {
    if (round > 0) await new Promise((resolve) => setImmediate(resolve));
    const removed = await deleteUsedSignaturesBefore(db, before, batch);
    total += removed;
    if (removed < batch) break;
  }
  return total;
}

/**
 * One run of the cleanup: ended sessions (expired or revoked a day ago, each user's newest kept
 * for its last login), idempotency keys past their time, rate-limit windows that are over, and
 * used signatures whose window has ended.
 * Bounded per run (a batch of each; of used signatures, up to USED_SIGNATURE_BATCHES batches);
 * a later run takes the rest.
 */
export async function cleanUp(
  db: Executor,
  policy: HousekeepingPolicy,
  now: number,
): Promise<HousekeepingReport> {
  const DAY = 86_400_000;
  return {
    sessions: await deleteEndedSessions(db, now - DAY, policy.batch),
    idempotencyKeys: await deleteIdempotencyKeysBefore(db, now - policy.idempotencyTtlMs, policy.batch),
    attemptWindows: await deleteAttemptWindowsBefore(db, now - policy.attemptWindowMs, policy.batch),
    usedSignatures: await deleteEndedSignatures(db, now, policy.batch),
  };
}
