import type { AuthSettings } from '../auth/auth-settings.js';
import { ensureRootTenant } from '../auth/bootstrap.js';
import { issueCredential } from '../auth/credential.service.js';
import { allScopes, isScope, type Scope } from '../auth/scopes.js';
import type { ActingTenant, CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { resolveTenantRef, wholeInstallation } from '../core/services/tenant.service.js';
import { getUserByIdOrUsername } from '../core/services/user.service.js';
import { authSettingsFor, openRuntime } from './runtime.js';

async function withAuth<T>(work: (ctx: CoreContext, auth: AuthSettings) => Promise<T>): Promise<T> {
  const { config, database, ctx } = await openRuntime(process.env);
  try {
    return await work(ctx, authSettingsFor(config, database));
  } finally {
    await database.close();
  }
}

function scopesOf(text: string | undefined): Scope[] {
  if (text === undefined) return [...allScopes];
  const names = text.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !isScope(n));
  if (unknown.length > 0) throw new DomainError('validation.failed', `unknown scopes: ${unknown.join(', ')}`);
  return names as Scope[];
}

export interface CreateCredentialOptions {
  name: string;
  tenant?: string | undefined;
  scopes?: string | undefined;
  /** The user (id or username, of the tenant) the credential acts as. */
  user?: string | undefined;
}

/** Creates an OAuth client or an API key on a tenant and prints its secret, this once. */
export async function createCredentialCommand(
  kind: 'oauth_client' | 'api_key',
  options: CreateCredentialOptions,
) {
  const scopes = scopesOf(options.scopes);
  await withAuth(async (ctx, auth) => {
    let tenant: ActingTenant;
    if (options.tenant === undefined) tenant = await ensureRootTenant(ctx);
    else {
      const row = await resolveTenantRef(ctx, wholeInstallation, options.tenant);
      tenant = { id: row.id, path: row.path };
    }
    const userId =
      options.user === undefined ? undefined : (await getUserByIdOrUsername(ctx, tenant, options.user)).id;
    const issued = await issueCredential(
      ctx,
      tenant,
      kind,
      { name: options.name, scopes, ...(userId !== undefined && { userId }) },
      { settings: auth, grantable: allScopes },
    );
    const secret =
      kind === 'oauth_client'
        ? `client_id=${issued.credential.publicId}\nclient_secret=${issued.secret}`
        : `api_key=${issued.secret}`;
    console.log(`${secret}\nscopes=${scopes.join(' ')}`);
  });
}

export async function rotateKeysCommand(): Promise<void> {
  await withAuth(async (_ctx, auth) => {
    await auth.keys.current();
    console.log(`signing key ${await auth.keys.rotate()} is now current`);
  });
}
