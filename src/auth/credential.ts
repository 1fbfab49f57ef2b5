import type { CredentialKind } from '../store/repositories/credential.repository.js';
import type { Scope } from './scopes.js';

export type { CredentialKind };

/** A credential as the API shows it: never its secret. */
export interface Credential {
  id: string;
  kind: CredentialKind;
  tenantId: string;
  name: string;
  userId: string | null;
  /** What a request presents publicly: the client id, the API key prefix, the access key id. */
  publicId: string;
  scopes: Scope[];
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  createdBy: string;
}

/** A credential just made, with its secret: the only time the secret is shown. */
export interface IssuedCredential {
  credential: Credential;
  secret: string;
}
