import type { EpochMillis } from './common.js';

export interface IdempotencyKeyTable {
  tenant_id: string;
  key: string;
  /** Method, path and a hash of the body: the same key with another request is refused. */
  fingerprint: string;
  /** NULL while the first request is still being processed. */
  status_code: number | null;
  response_body: string | null;
  created_at: EpochMillis;
}
