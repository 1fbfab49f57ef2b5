import { audited } from '../core/audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { getUser } from '../core/services/user.service.js';
import { mapPage } from '../core/services/page.js';
import type { ListParams, Page } from '../store/query/list-page.js';
import * as repo from '../store/repositories/credential.repository.js';
import type { AuthSettings } from './auth-settings.js';
import type { Credential, CredentialKind, IssuedCredential } from './credential.js';
import { credentialFromRow } from './credential.mapper.js';
import { assertGrantable, type Scope } from './scopes.js';
import { generateClientSecret, hashClientSecret } from './client-secret.js';
import { randomHex, randomSecret, sha256 } from './secrets.js';

export interface CredentialInput {
  name: string;
  scopes?: Scope[] | undefined;
  userId?: string | null | undefined;
  /** Epoch ms; none: never expires. */
  expiresAt?: number | null | undefined;
  /** A session issued through an OAuth client: its client id (refresh tokens go with it only). */
  issuedTo?: string | undefined;
  /** A session standing for this profile, assumed (POST /v1/profiles/{id}/sessions). */
  assumedProfileId?: string | undefined;
}

/** The secret material of a new credential, by kind. */
interface Material {
  lookup: string;
  secret: string;
  secret_hash: string | null;
  sealed_secret: string | null;
}

/** Generated keys: `<kind prefix>_<public lookup>_<secret>`, so the lookup is read without a hash. */
export const tokenPrefix = { api_key: 'pk', session: 'ps' } as const;

async function material(
  kind: CredentialKind,
  id: string,
  settings: SecretSettings,
  chosen?: { clientId: string; clientSecret: string },
): Promise<Material> {
  switch (kind) {
    case 'oauth_client': {
      const secret = chosen?.clientSecret ?? generateClientSecret();
      const lookup = chosen?.clientId ?? `pc_${randomHex(10)}`;
      return {
        lookup,
        secret,
        secret_hash: await hashClientSecret(secret, settings.passwordHashCost),
        sealed_secret: null,
      };
    }
    case 'api_key':
    case 'session': {
      const lookup = randomHex(8);
      const secret = `${tokenPrefix[kind]}_${lookup}_${randomSecret(32)}`;
      return { lookup, secret, secret_hash: sha256(secret), sealed_secret: null };
    }
    case 'access_key': {
      const secret = randomSecret(30);
      const lookup = `AK${randomHex(10).toUpperCase()}`;
      return {
        lookup,
        secret,
        secret_hash: null,
        sealed_secret: settings.sealer.seal(secret, `access-key:${id}`),
      };
    }
  }
}

/** What makes a credential's secret material: the sealer, and the cost of hashing a chosen secret. */
type SecretSettings = Pick<AuthSettings, 'sealer' | 'passwordHashCost'>;

export interface IssueOptions {
  settings: SecretSettings;
  /** The scopes of whoever creates it: a credential never grants more than its creator holds. */
  grantable: readonly Scope[];
  /** A chosen client id and secret (the bootstrap admin client). */
  chosen?: { clientId: string; clientSecret: string };
}

export async function issueCredential(
  ctx: CoreContext,
  tenant: ActingTenant,
  kind: CredentialKind,
  input: CredentialInput,
  options: IssueOptions,
): Promise<IssuedCredential> {
  const scopes = input.scopes ?? [...options.grantable];
  assertGrantable(options.grantable, scopes);
  const id = newId();
  let secret = '';
  const credential = await audited(ctx, tenant, { type: 'credential', id, verb: 'create' }, async (tx) => {
    // Any given id is checked, the empty one too: the user must exist in the tenant.
    if (input.userId !== undefined && input.userId !== null) await getUser(tx, tenant, input.userId);
    const made = await material(kind, id, options.settings, options.chosen);
    secret = made.secret;
    await repo.insertCredential(tx.db, {
      id,
      tenant_id: tenant.id,
      kind,
      name: input.name,
      user_id: input.userId ?? null,
      lookup: made.lookup,
      secret_hash: made.secret_hash,
      sealed_secret: made.sealed_secret,
      scopes: JSON.stringify([...new Set(scopes)]),
      expires_at: input.expiresAt ?? null,
      revoked_at: null,
      last_used_at: null,
      created_at: ctx.now(),
      created_by: ctx.actor,
      issued_to: input.issuedTo ?? null,
      assumed_profile_id: input.assumedProfileId ?? null,
    });
    return getCredential(tx, tenant, kind, id);
  });
  return { credential, secret };
}

export async function getCredential(
  ctx: CoreContext,
  tenant: ActingTenant,
  kind: CredentialKind,
  id: string,
): Promise<Credential> {
  const row = await repo.findCredential(ctx.db, tenant.id, kind, id);
  if (!row) throw new DomainError('credential.not_found', `credential ${id} does not exist`);
  return credentialFromRow(row);
}

export async function listCredentials(
  ctx: CoreContext,
  tenant: ActingTenant,
  kind: CredentialKind,
  params: ListParams,
): Promise<Page<Credential>> {
  return mapPage(await repo.listCredentials(ctx.db, tenant.id, kind, params), credentialFromRow);
}

/** Revokes a credential at once: requests and tokens presenting it fail from now on. */
export async function revokeCredential(
  ctx: CoreContext,
  tenant: ActingTenant,
  kind: CredentialKind,
  id: string,
): Promise<Credential> {
  const before = (tx: CoreContext) => getCredential(tx, tenant, kind, id);
  return audited(ctx, tenant, { type: 'credential', id, verb: 'revoke', before }, async (tx) => {
    await getCredential(tx, tenant, kind, id);
    await repo.revokeCredential(tx.db, tenant.id, id, ctx.now());
    return getCredential(tx, tenant, kind, id);
  });
}

export interface CredentialPatch {
  name?: string | undefined;
  scopes?: Scope[] | undefined;
  expiresAt?: number | null | undefined;
}

/** Renames, narrows or widens (within the caller's scopes), or changes the expiry of a credential. */
export async function updateCredential(
  ctx: CoreContext,
  tenant: ActingTenant,
  kind: CredentialKind,
  id: string,
  patch: CredentialPatch,
  grantable: readonly Scope[],
): Promise<Credential> {
  if (patch.scopes !== undefined) assertGrantable(grantable, patch.scopes);
  const before = (tx: CoreContext) => getCredential(tx, tenant, kind, id);
  return audited(ctx, tenant, { type: 'credential', id, verb: 'update', before }, async (tx) => {
    await getCredential(tx, tenant, kind, id);
    await repo.updateCredential(tx.db, tenant.id, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.scopes !== undefined && { scopes: JSON.stringify([...new Set(patch.scopes)]) }),
      ...(patch.expiresAt !== undefined && { expires_at: patch.expiresAt }),
    });
    return getCredential(tx, tenant, kind, id);
  });
}
