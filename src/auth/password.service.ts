import { recordAudit } from '../core/audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { getUser } from '../core/services/user.service.js';
import { inTransaction } from '../core/transaction.js';
import * as repo from '../store/repositories/credential.repository.js';
import { findTenantAnywhere } from '../store/repositories/tenant.repository.js';
import { findUserByUsername } from '../store/repositories/user.repository.js';
import type { AuthSettings } from './auth-settings.js';
import type { IssuedCredential } from './credential.js';
import { issueCredential } from './credential.service.js';
import { checkPassword } from './password-rules.js';
import type { Principal } from './principal.js';
import { assertGrantable, grantScopes, type Scope } from './scopes.js';
import { hashSecret, verifySecret } from './secrets.js';

/** What a password change revoked: the user's sessions, and every credential acting as them. */
export interface PasswordChange {
  revokedSessions: number;
  /** Sessions, API keys, access keys and clients acting as the user. */
  revokedCredentials: number;
}

const wrongLogin = () => new DomainError('auth.unauthenticated', 'wrong tenant, username or password');

/**
 * Sets a user's password and the most their sessions may be granted. Every credential acting as
 * the user is revoked in the same transaction: their sessions (and so every token issued for
 * one), and the API keys, access keys and clients made to act as them, so that whoever held a
 * stolen session cannot keep a key minted with it past the password change.
 */
export async function setPassword(
  ctx: CoreContext,
  settings: AuthSettings,
  tenant: ActingTenant,
  userId: string,
  input: { password: string; scopes: readonly Scope[]; grantable: readonly Scope[] },
): Promise<PasswordChange> {
  assertGrantable(input.grantable, input.scopes);
  const user = await getUser(ctx, tenant, userId);
  const passwordHash = await hashNewPassword(settings, input.password, user.username);
  return storePassword(ctx, tenant, userId, { passwordHash, scopes: input.scopes });
}

/**
 * A new password checked against the rules and hashed: the slow half of a change, done before
 * the transaction that stores it so that no write waits on the hash.
 */
export async function hashNewPassword(
  settings: AuthSettings,
  password: string,
  username: string,
): Promise<string> {
  checkPassword(settings.passwordRules, password, username);
  return hashSecret(password, settings.passwordHashCost);
}

/**
 * Stores a hashed password (hashNewPassword) with the scopes the user's sessions may have, and
 * revokes every credential acting as the user, in one transaction (the caller's, if it holds one).
 */
export async function storePassword(
  ctx: CoreContext,
  tenant: ActingTenant,
  userId: string,
  input: { passwordHash: string; scopes: readonly Scope[] },
): Promise<PasswordChange> {
  return inTransaction(ctx, async (tx) => {
    await getUser(tx, tenant, userId);
    const now = ctx.now();
    await repo.upsertUserLogin(tx.db, {
      user_id: userId,
      tenant_id: tenant.id,
      password_hash: input.passwordHash,
      scopes: JSON.stringify([...new Set(input.scopes)]),
      changed_at: now,
    });
    const revokedSessions = await repo.revokeUserCredentials(tx.db, userId, ['session'], now);
    const others = await repo.revokeUserCredentials(
      tx.db,
      userId,
      ['api_key', 'access_key', 'oauth_client'],
      now,
    );
    const change = { revokedSessions, revokedCredentials: revokedSessions + others };
    await recordAudit(tx, tenant, {
      action: 'user.set_password',
      targetType: 'user',
      targetId: userId,
      after: { scopes: input.scopes, ...change },
    });
    return change;
  });
}

/** The scopes each of these users' sessions may have; a user without a password is absent. */
export async function loginScopes(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, Scope[]>> {
  const logins = await repo.findUserLogins(ctx.db, tenant.id, userIds);
  return new Map(logins.map((login) => [login.user_id, JSON.parse(login.scopes) as Scope[]]));
}

/** A signed-in user changes their own password, proving the current one. */
export async function changeOwnPassword(
  ctx: CoreContext,
  settings: AuthSettings,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<PasswordChange> {
  if (principal.userId === null) {
    throw new DomainError('validation.failed', 'this credential does not act as a user: it has no password');
  }
  const login = await repo.findUserLogin(ctx.db, principal.userId);
  if (
    !login ||
    !(await verifySecret(input.currentPassword, login.password_hash, settings.passwordHashCost))
  ) {
    throw new DomainError('auth.unauthenticated', 'the current password is wrong');
  }
  const scopes = JSON.parse(login.scopes) as Scope[];
  return setPassword(ctx, settings, principal.tenant, principal.userId, {
    password: input.newPassword,
    scopes,
    grantable: scopes,
  });
}

/** Signs a user in: a new session credential whose token is shown once. */
export async function signIn(
  ctx: CoreContext,
  settings: AuthSettings,
  input: {
    tenant: string;
    username: string;
    password: string;
    scopes?: Scope[] | undefined;
    /** The OAuth client signing the user in (the password grant), whose refresh tokens these are. */
    issuedTo?: string | undefined;
  },
): Promise<IssuedCredential> {
  const tenant = await findTenantAnywhere(ctx.db, input.tenant);
  const user = tenant && (await findUserByUsername(ctx.db, tenant.id, input.username));
  const login = user ? await repo.findUserLogin(ctx.db, user.id) : undefined;
  // An unknown tenant, user or login is checked against a decoy: the answer takes as long either way.
  const matches = await verifySecret(input.password, login?.password_hash, settings.passwordHashCost);
  if (!tenant || !user || !login || !matches || !user.enabled) throw wrongLogin();
  const allowed = JSON.parse(login.scopes) as Scope[];
  return issueCredential(
    { ...ctx, actor: `user:${user.username}` },
    { id: tenant.id, path: tenant.path },
    'session',
    {
      name: `session of ${user.username}`,
      userId: user.id,
      scopes: grantScopes(allowed, input.scopes),
      expiresAt: ctx.now() + settings.sessionTtlSeconds * 1000,
      ...(input.issuedTo !== undefined && { issuedTo: input.issuedTo }),
    },
    { settings, grantable: allowed },
  );
}
