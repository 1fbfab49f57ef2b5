import type { Executor } from '../store/executor.js';
import type { ReadCache } from './cache/read-cache.js';
import type { Instant } from './model/time.js';

/** Where a write came from, as the audit trail records it. */
export interface AuditOrigin {
  /** The API the write came through: `native`, `cli`, or a compat API's name. */
  source: string;
  credentialId: string | null;
  userId: string | null;
  requestId: string | null;
}

/**
 * What every core service needs: the database, a clock, who is acting (a readable name, stored
 * as created/updated by) and where the request came from (for the audit trail).
 */
export interface CoreContext {
  db: Executor;
  now(): Instant;
  actor: string;
  origin?: AuditOrigin;
  /** Answers of hot reads, kept until a write commits (see cache/read-cache.ts); none: none kept. */
  reads?: ReadCache | undefined;
}

/**
 * The tenant a request acts from. Everything outside its subtree does not exist for the request;
 * `path` is its materialized path (`/root/.../self/`).
 */
export interface ActingTenant {
  id: string;
  path: string;
}
