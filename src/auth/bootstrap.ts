import { audited } from '../core/audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../core/context.js';
import { createTenant, wholeInstallation } from '../core/services/tenant.service.js';
import * as repo from '../store/repositories/credential.repository.js';
import { findFirstRootTenant, findTenant } from '../store/repositories/tenant.repository.js';
import type { AuthSettings } from './auth-settings.js';
import { getCredential, issueCredential } from './credential.service.js';
import type { Scope } from './scopes.js';
import { hashClientSecret, verifyClientSecret } from './client-secret.js';

/** The oldest root tenant; on an empty installation, a new one with code `root`. */
export async function ensureRootTenant(ctx: CoreContext): Promise<ActingTenant> {
  const root = await findFirstRootTenant(ctx.db);
  if (root) return { id: root.id, path: root.path };
  const created = await createTenant(ctx, wholeInstallation, { code: 'root', name: 'Root' });
  return { id: created.id, path: `/${created.id}/` };
}

export interface ConfiguredClient {
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: readonly Scope[];
}

/**
 * Makes sure an OAuth client with this id and secret exists on `tenant` with these scopes:
 * created the first time, its secret and scopes brought up to date on later starts.
 */
export async function ensureClient(
  ctx: CoreContext,
  settings: AuthSettings,
  tenant: ActingTenant,
  client: ConfiguredClient,
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await repo.findCredentialByLookup(ctx.db, 'oauth_client', client.clientId);
  if (!existing) {
    await issueCredential(
      ctx,
      tenant,
      'oauth_client',
      { name: client.name, scopes: [...client.scopes] },
      { settings, grantable: client.scopes, chosen: client },
    );
    return 'created';
  }
  const scopes = JSON.stringify([...client.scopes]);
  const secretMatches =
    existing.secret_hash !== null &&
    (await verifyClientSecret(client.clientSecret, existing.secret_hash, settings.passwordHashCost)).matches;
  if (secretMatches && existing.scopes === scopes) return 'unchanged';
  const secretHash = secretMatches
    ? existing.secret_hash
    : await hashClientSecret(client.clientSecret, settings.passwordHashCost);
  // Audited like any write, on the tenant the client belongs to.
  const home = (await findTenant(ctx.db, '', existing.tenant_id))!;
  const owner = { id: home.id, path: home.path };
  const read = (tx: CoreContext) => getCredential(tx, owner, 'oauth_client', existing.id);
  await audited(
    ctx,
    owner,
    { type: 'credential', id: existing.id, verb: 'update', before: read },
    async (tx) => {
      await repo.updateCredentialSecret(tx.db, existing.id, { secret_hash: secretHash, scopes });
      return read(tx);
    },
  );
  return 'updated';
}
