import type { Executor } from '../store/executor.js';
import {
  deleteAttemptWindowsBefore,
  deleteEndedSessions,
  deleteIdempotencyKeysBefore,
} from '../store/repositories/housekeeping.repository.js';
import { deleteUsedSignaturesBefore } from '../store/repositories/used-signature.repository.js';

export interface HousekeepingPolicy {
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: number;
  /** The rate limits' window: older counts are over. */
  attemptWindowMs: number;
  /** At most this many rows of each kind per run, so that no run holds the database long. */
  batch: number;
}

export interface HousekeepingReport {
  sessions: number;
  idempotencyKeys: number;
  attemptWindows: number;
  usedSignatures: number;
}

/**
 * One run of the cleanup: ended sessions (expired or revoked a day ago, each user's newest kept
 * for its last login), idempotency keys past their time, rate-limit windows that are over, and
 * used signatures whose window has ended.
 * Bounded per run; a later run takes the rest.
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
    usedSignatures: await deleteUsedSignaturesBefore(db, now, policy.batch),
  };
}
