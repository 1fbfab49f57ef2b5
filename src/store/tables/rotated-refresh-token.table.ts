import type { EpochMillis } from './common.js';

/** A refresh token that was used and replaced: presented again, it revokes its session. */
export interface RotatedRefreshTokenTable {
  /** SHA-256 of the used token. */
  hash: string;
  credential_id: string;
  rotated_at: EpochMillis;
}
