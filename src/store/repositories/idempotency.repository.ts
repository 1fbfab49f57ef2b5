import type { IdempotencyKey, StoredAnswer } from '../../core/model/idempotency.js';
import { idempotencyKeyFromRow, idempotencyKeyToRow } from '../codecs/idempotency-key.codec.js';
import type { Executor } from '../executor.js';
import { isUniqueViolation } from '../executor.js';

/**
 * Claims a key for a first request (one without an answer yet). Answers undefined when claimed,
 * or the existing key when another request holds or has completed it.
 */
export async function claimIdempotencyKey(
  db: Executor,
  claim: Omit<IdempotencyKey, 'answer'>,
): Promise<IdempotencyKey | undefined> {
  try {
    await db
      .insertInto('idempotency_keys')
      .values(idempotencyKeyToRow({ ...claim, answer: null }))
      .execute();
    return undefined;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', claim.tenantId)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    return row && idempotencyKeyFromRow(row);
  }
}

export async function completeIdempotencyKey(
  db: Executor,
  tenantId: string,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: answer.statusCode, response_body: answer.body })
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .execute();
}

export async function releaseIdempotencyKey(db: Executor, tenantId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenantId).where('key', '=', key).execute();
}

/** Forgets keys older than the cutoff; answers how many. */
export async function expireIdempotencyKeys(db: Executor, olderThan: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
