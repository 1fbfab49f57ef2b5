import type { Executor } from '../store/executor.js';
import type { Instant } from './model/time.js';

/** What every core service needs: the database, a clock, and who is acting (for created/updated by). */
export interface CoreContext {
  db: Executor;
  now(): Instant;
  actor: string;
}

/**
 * The tenant a request acts from. Everything outside its subtree does not exist for the request;
 * `path` is its materialized path (`/root/.../self/`).
 */
export interface ActingTenant {
  id: string;
  path: string;
}

export function withActor(ctx: CoreContext, actor: string): CoreContext {
  return { ...ctx, actor };
}
