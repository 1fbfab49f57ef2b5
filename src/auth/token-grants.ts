import type { CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { recordAudit } from '../core/audit/audit.service.js';
import { inTransaction } from '../core/transaction.js';
import * as repo from '../store/repositories/credential.repository.js';
import {
  findRotatedRefreshToken,
  rotateRefreshToken,
} from '../store/repositories/refresh-token.repository.js';
import { findTenant } from '../store/repositories/tenant.repository.js';
import { issueAccessToken, issueIdToken } from './access-token.js';
import type { AuthSettings } from './auth-settings.js';
import type { Credential } from './credential.js';
import { credentialFromRow, isUsable } from './credential.mapper.js';
import { issueCredential, tokenPrefix } from './credential.service.js';
import { authenticateClient, OAuthError, type ExtraClaims } from './oauth.service.js';
import { signIn } from './password.service.js';
import { grantScopes, type Scope } from './scopes.js';
import { constantTimeEqual, randomSecret, sha256 } from './secrets.js';

/** A token answer with a refresh token and an ID token, as OAuth 2.0 password-style clients expect. */
export interface GrantedTokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

interface ClientLogin {
  clientId: string;
  clientSecret: string;
  /** Requested scopes; none: all the grant allows. */
  scopes?: Scope[] | undefined;
  /** The tenant the client must belong to (when the request names one otherwise). */
  tenantId?: string | undefined;
  /** Claims the API adds to the access token. */
  claims?: ExtraClaims | undefined;
}

/**
 * The tokens of a session credential: a JWT access token naming it, the session's own token as
 * the refresh token (revoking the session ends both), and an ID token for the client.
 */
async function tokensOf(
  settings: AuthSettings,
  session: Credential,
  refreshToken: string,
  login: Pick<ClientLogin, 'clientId' | 'claims'> & {
    grant: 'refresh_token' | 'password' | 'client_credentials';
  },
  now: number,
): Promise<GrantedTokens> {
  const { clientId } = login;
  const token = { issuer: settings.issuer, ttlSeconds: settings.accessTokenTtlSeconds };
  const subject = session.userId ?? clientId;
  const { scopes } = session;
  const extra = await login.claims?.({ credential: session, clientId, scopes, grant: login.grant });
  const access = await issueAccessToken(
    settings.keys,
    token,
    { credentialId: session.id, subject, tenantId: session.tenantId, scopes, extra },
    now,
  );
  return {
    access_token: access.token,
    refresh_token: refreshToken,
    id_token: await issueIdToken(settings.keys, token, { subject, audience: clientId }, now),
    token_type: 'Bearer',
    expires_in: settings.accessTokenTtlSeconds,
    scope: session.scopes.join(' '),
  };
}

async function clientOf(ctx: CoreContext, settings: AuthSettings, login: ClientLogin) {
  const row = await authenticateClient(ctx.db, settings, login.clientId, login.clientSecret, ctx.now());
  const tenant = await findTenant(ctx.db, '', row.tenant_id);
  if (!tenant || (login.tenantId !== undefined && login.tenantId !== tenant.id))
    throw new OAuthError('invalid_client', 'client authentication failed', 401);
  return { row, tenant: { id: tenant.id, path: tenant.path }, scopes: credentialFromRow(row).scopes };
}

/**
 * The password grant: an OAuth client of the tenant signs one of its users in. The session
 * holds what the user's login allows, within the client's scopes and the request's.
 */
export async function passwordGrant(
  ctx: CoreContext,
  settings: AuthSettings,
  login: ClientLogin & { username: string; password: string },
): Promise<GrantedTokens> {
  const client = await clientOf(ctx, settings, login);
  try {
    const session = await signIn(ctx, settings, {
      tenant: client.tenant.id,
      username: login.username,
      password: login.password,
      scopes: grantScopes(client.scopes, login.scopes),
      issuedTo: login.clientId,
    });
    return tokensOf(settings, session.credential, session.secret, { ...login, grant: 'password' }, ctx.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'auth.unauthenticated') {
      throw new OAuthError('invalid_grant', 'wrong username or password');
    }
    throw error;
  }
}

/** The client_credentials grant with a refresh token: a session of the client itself. */
export async function clientSessionGrant(
  ctx: CoreContext,
  settings: AuthSettings,
  login: ClientLogin,
): Promise<GrantedTokens> {
  const client = await clientOf(ctx, settings, login);
  const scopes = grantScopes(client.scopes, login.scopes);
  const session = await issueCredential(
    { ...ctx, actor: `client:${login.clientId}` },
    client.tenant,
    'session',
    {
      name: `tokens of client ${login.clientId}`,
      scopes,
      expiresAt: ctx.now() + settings.sessionTtlSeconds * 1000,
      issuedTo: login.clientId,
    },
    { settings, grantable: client.scopes },
  );
  return tokensOf(
    settings,
    session.credential,
    session.secret,
    { ...login, grant: 'client_credentials' },
    ctx.now(),
  );
}

/**
 * The refresh_token grant: new tokens for a live session issued to the presenting client (with
 * `anyClient`, any session of the client's tenant: Visier's ASID exchange takes a sign-in's
 * token), holding no scope the client lacks. With `rotate`
 * (RFC 9700's refresh token rotation) each use answers a new refresh token and the used one stops
 * working; a used one presented again is a replay: the session is revoked, and with it every
 * token issued from it. Visier's ASID token exchange does not rotate: that token is the session
 * cookie itself.
 */
export async function refreshGrant(
  ctx: CoreContext,
  settings: AuthSettings,
  login: ClientLogin & { refreshToken: string; rotate: boolean; anyClient?: boolean },
): Promise<GrantedTokens> {
  const client = await clientOf(ctx, settings, login);
  const match = new RegExp(`^${tokenPrefix.session}_([0-9a-f]{16})_`).exec(login.refreshToken);
  const row = match ? await repo.findCredentialByLookup(ctx.db, 'session', match[1]!) : undefined;
  const now = ctx.now();
  const presented = sha256(login.refreshToken);
  const sameClient = login.anyClient === true || row?.issued_to === login.clientId;
  const ours = row?.secret_hash && row.tenant_id === client.row.tenant_id && sameClient ? row : undefined;
  if (ours && !constantTimeEqual(ours.secret_hash!, presented)) {
    if ((await findRotatedRefreshToken(ctx.db, presented)) === ours.id) await revokeReplayed(ctx, ours, now);
  }
  if (!ours || !constantTimeEqual(ours.secret_hash!, presented) || !isUsable(ours, now)) {
    throw new OAuthError('invalid_grant', 'the refresh token is unknown, used, revoked or expired');
  }
  let refreshToken = login.refreshToken;
  if (login.rotate) {
    refreshToken = `${tokenPrefix.session}_${ours.lookup}_${randomSecret(32)}`;
    const next = sha256(refreshToken);
    const rotated = await inTransaction(ctx, (tx) =>
      rotateRefreshToken(tx.db, ours.id, presented, next, now),
    );
    // A concurrent refresh with the same token rotated it first.
    if (!rotated)
      throw new OAuthError('invalid_grant', 'the refresh token is unknown, used, revoked or expired');
  }
  const session = credentialFromRow(ours);
  const scopes = session.scopes.filter((s) => client.scopes.includes(s));
  return tokensOf(settings, { ...session, scopes }, refreshToken, { ...login, grant: 'refresh_token' }, now);
}

/** A used refresh token came back: whoever holds it may have stolen it, so its session ends. */
async function revokeReplayed(
  ctx: CoreContext,
  row: repo.PresentedCredentialRow,
  now: number,
): Promise<void> {
  const tenant = { id: row.tenant_id, path: row.tenant_path };
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.revokeCredential(tx.db, row.tenant_id, row.id, now))) return;
    await recordAudit(tx, tenant, {
      action: 'credential.revoke',
      targetType: 'credential',
      targetId: row.id,
      after: { reason: 'a used refresh token was presented again' },
    });
  });
}
