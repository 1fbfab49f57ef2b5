import type { Executor } from '../executor.js';
import { isUniqueViolation } from '../executor.js';
import type { IdempotencyKeyTable } from '../tables/idempotency-key.table.js';

export type IdempotencyRow = IdempotencyKeyTable;

/**
 * Claims a key for a first request. Answers undefined when claimed, or the existing row when
 * another request holds or has completed the key.
 */
export async function claimIdempotencyKey(
  db: Executor,
  row: Pick<IdempotencyRow, 'tenant_id' | 'key' | 'fingerprint' | 'created_at'>,
): Promise<IdempotencyRow | undefined> {
  try {
    await db
      .insertInto('idempotency_keys')
      .values({ ...row, status_code: null, response_body: null })
      .execute();
    return undefined;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', row.tenant_id)
      .where('key', '=', row.key)
      .executeTakeFirst();
  }
}

export async function completeIdempotencyKey(
  db: Executor,
  tenantId: string,
  key: string,
  statusCode: number,
  responseBody: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response_body: responseBody })
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
