import type { EpochMillis, JsonText } from './common.js';

export type CredentialKind = 'oauth_client' | 'api_key' | 'access_key' | 'session';

export interface CredentialTable {
  id: string;
  tenant_id: string;
  kind: CredentialKind;
  name: string;
  /** The user the credential acts as, if any. */
  user_id: string | null;
  /** The public identifier a request presents; unique per kind, indexed for O(1) lookup. */
  lookup: string;
  /** Hash of the secret (scrypt for client secrets, SHA-256 for generated high-entropy keys). */
  secret_hash: string | null;
  /** AES-256-GCM sealed secret, for HMAC access keys whose secret must be recoverable. */
  sealed_secret: string | null;
  /** JSON array of scope names. */
  scopes: JsonText;
  expires_at: EpochMillis | null;
  revoked_at: EpochMillis | null;
  last_used_at: EpochMillis | null;
  created_at: EpochMillis;
  created_by: string;
  /** A session's OAuth client (its client id), whose refresh_token grant alone may use it. */
  issued_to: string | null;
  /** A session standing for an assumed profile (temporary credentials): that profile. */
  assumed_profile_id: string | null;
}

export interface UserLoginTable {
  user_id: string;
  tenant_id: string;
  password_hash: string;
  /** JSON array: the most a session of this user may be granted. */
  scopes: JsonText;
  changed_at: EpochMillis;
}

export interface SigningKeyTable {
  kid: string;
  algorithm: string;
  public_jwk: JsonText;
  /** The private JWK, AES-256-GCM sealed with the master key. */
  sealed_private_jwk: string;
  created_at: EpochMillis;
  retired_at: EpochMillis | null;
}
