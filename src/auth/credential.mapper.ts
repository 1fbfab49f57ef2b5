import { parseJsonColumn } from '../store/codecs/columns.js';
import type { CredentialRow } from '../store/repositories/credential.repository.js';
import type { Credential } from './credential.js';
import type { Scope } from './scopes.js';

export function credentialFromRow(row: CredentialRow): Credential {
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    name: row.name,
    userId: row.user_id,
    publicId: row.lookup,
    scopes: parseJsonColumn<Scope[]>(row.scopes, 'credentials.scopes'),
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** A credential works while it is neither revoked nor expired. */
export const isUsable = (row: CredentialRow, now: number): boolean =>
  row.revoked_at === null && (row.expires_at === null || row.expires_at > now);
