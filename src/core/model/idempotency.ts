import type { Instant } from './time.js';

/** The first answer to a creating request, kept to be replayed to its retries. */
export interface StoredAnswer {
  statusCode: number;
  /** The body exactly as it was sent. */
  body: string;
}

/** A claimed `Idempotency-Key` of a tenant. */
export interface IdempotencyKey {
  tenantId: string;
  key: string;
  /** What identifies the request (method, path, body): the same key with another request is refused. */
  fingerprint: string;
  /** null while the first request is still being processed. */
  answer: StoredAnswer | null;
  createdAt: Instant;
}
