import type { Static } from 'typebox';
import type { Principal } from '../../auth/principal.js';
import { getCredential } from '../../auth/credential.service.js';
import { loginScopes } from '../../auth/password.service.js';
import { allScopes } from '../../auth/scopes.js';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { User } from '../../core/model/user.js';
import { lastLogins } from '../../core/services/user-listing.service.js';
import { getUser } from '../../core/services/user.service.js';
import type { CiscoUser } from './schemas.js';
import { credentialAsUser, toCiscoUser } from './user.mapper.js';

/** Accounts as Cisco shows them: each with what its sign-ins may hold and when it last signed in (two queries for any number). */
export async function toCiscoUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  users: readonly User[],
): Promise<Static<typeof CiscoUser>[]> {
  const ids = users.map((u) => u.id);
  const [scopes, logins] = await Promise.all([loginScopes(ctx, tenant, ids), lastLogins(ctx, tenant, ids)]);
  return users.map((user) =>
    toCiscoUser(user, { scopes: scopes.get(user.id) ?? [], lastLoggedAt: logins.get(user.id) }),
  );
}

/** Who calls: the user the credential acts as, or (acting as no user) the credential itself. */
export interface Caller {
  user: User | undefined;
  /** The caller as Cisco's `user` object, with the token's scopes. */
  body: Static<typeof CiscoUser>;
  /** Cisco's `admin` role: a user whose role is admin, or a credential of no user holding every scope. */
  isAdmin: boolean;
}

export async function callerOf(ctx: CoreContext, principal: Principal): Promise<Caller> {
  const tenant = principal.tenant;
  if (principal.userId !== null) {
    const user = await getUser(ctx, tenant, principal.userId);
    const logins = await lastLogins(ctx, tenant, [user.id]);
    const body = toCiscoUser(user, { scopes: principal.scopes, lastLoggedAt: logins.get(user.id) });
    return { user, body, isAdmin: body.role === 'admin' };
  }
  const credential = await getCredential(ctx, tenant, principal.kind, principal.credentialId);
  return {
    user: undefined,
    body: credentialAsUser(credential, principal.scopes),
    isAdmin: allScopes.every((s) => credential.scopes.includes(s)),
  };
}
