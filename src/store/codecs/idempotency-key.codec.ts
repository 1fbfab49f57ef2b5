import type { IdempotencyKey } from '../../core/model/idempotency.js';
import type { IdempotencyKeyTable } from '../tables/idempotency-key.table.js';

export function idempotencyKeyFromRow(row: IdempotencyKeyTable): IdempotencyKey {
  return {
    tenantId: row.tenant_id,
    key: row.key,
    fingerprint: row.fingerprint,
    // Both are written together when the first request completes.
    answer:
      row.status_code === null || row.response_body === null
        ? null
        : { statusCode: row.status_code, body: row.response_body },
    createdAt: row.created_at,
  };
}

export function idempotencyKeyToRow(claim: IdempotencyKey): IdempotencyKeyTable {
  return {
    tenant_id: claim.tenantId,
    key: claim.key,
    fingerprint: claim.fingerprint,
    status_code: claim.answer?.statusCode ?? null,
    response_body: claim.answer?.body ?? null,
    created_at: claim.createdAt,
  };
}
