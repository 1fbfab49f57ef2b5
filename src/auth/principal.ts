import type { ActingTenant } from '../core/context.js';
import type { CredentialKind } from './credential.js';
import type { Scope } from './scopes.js';

/** Who a request acts as, established from the credential it presented. */
export interface Principal {
  credentialId: string;
  kind: CredentialKind;
  /** A readable name for logs and the audit trail, e.g. `client:pc_1a2b`. */
  label: string;
  /** The credential's own tenant: the request may act on it and its descendants only. */
  tenant: ActingTenant;
  userId: string | null;
  scopes: readonly Scope[];
  /** When what was presented stops working (a token's expiry, a credential's), if ever. */
  expiresAt: number | null;
}
