import * as keys from '../../store/repositories/idempotency.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { StoredAnswer } from '../model/idempotency.js';

const HOUR = 3_600_000;
/** The first pause while a retry waits for the first request's answer; it doubles up to 200 ms. */
const POLL_MS = 10;

/** A creating request that carries an `Idempotency-Key`, as its API identifies it. */
export interface IdempotentRequest {
  key: string;
  /** What makes two requests the same one (e.g. method, path and a hash of the body). */
  fingerprint: string;
}

/**
 * Claims the tenant's key for a first request, or answers the first request's answer to replay.
 * Undefined: this request holds the key and must complete or release it. The same key with
 * another request is refused (idempotency.key_reused). A retry while the first still runs waits
 * for its answer, up to `waitMs`, and replays it (or, when the first failed and gave the key up,
 * claims it in turn); after that it is refused (idempotency.in_progress). Keys older than
 * `retentionHours` are forgotten, lazily.
 */
export async function claimIdempotencyKey(
  ctx: CoreContext,
  tenant: ActingTenant,
  request: IdempotentRequest,
  retentionHours: number,
  options: { waitMs?: number } = {},
): Promise<StoredAnswer | undefined> {
  const started = ctx.now();
  // Old keys are expired lazily, on roughly one claim in a hundred.
  if (Math.random() < 0.01) await keys.expireIdempotencyKeys(ctx.db, started - retentionHours * HOUR);
  for (let wait = POLL_MS; ; wait = Math.min(wait * 2, 200)) {
    const existing = await keys.claimIdempotencyKey(ctx.db, {
      tenantId: tenant.id,
      key: request.key,
      fingerprint: request.fingerprint,
      createdAt: ctx.now(),
    });
    if (!existing) return undefined;
    if (existing.fingerprint !== request.fingerprint) {
      throw new DomainError(
        'idempotency.key_reused',
        `Idempotency-Key "${request.key}" was used for another request`,
      );
    }
    if (existing.answer !== null) return existing.answer;
    if (ctx.now() - started >= (options.waitMs ?? 0)) {
      throw new DomainError(
        'idempotency.in_progress',
        `a request with Idempotency-Key "${request.key}" is still running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Keeps the first request's answer, to replay to its retries. */
export async function completeIdempotentRequest(
  ctx: CoreContext,
  tenant: ActingTenant,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await keys.completeIdempotencyKey(ctx.db, tenant.id, key, answer);
}

/** Gives the key up after a failed first request, so that the client may retry with it. */
export async function releaseIdempotencyKey(
  ctx: CoreContext,
  tenant: ActingTenant,
  key: string,
): Promise<void> {
  await keys.releaseIdempotencyKey(ctx.db, tenant.id, key);
}
