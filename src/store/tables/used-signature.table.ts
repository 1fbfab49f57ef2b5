import type { EpochMillis } from './common.js';

/** A signature accepted once (store/repositories/used-signature.repository.ts). */
export interface UsedSignatureTable {
  credential_id: string;
  /** SHA-256 (hex) of the signature. */
  signature_hash: string;
  /** When its timestamp's window ends: after it the signature is refused anyway. */
  expires_at: EpochMillis;
}
