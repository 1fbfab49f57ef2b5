import type { Executor } from '../store/executor.js';
import { cachedRead } from '../core/cache/cached-read.js';
import * as repo from '../store/repositories/credential.repository.js';
import { issueAccessToken } from './access-token.js';
import type { AuthSettings } from './auth-settings.js';
import { credentialFromRow, isUsable } from './credential.mapper.js';
import type { Credential } from './credential.js';
import { grantScopes, parseScopeString, type Scope } from './scopes.js';
import { verifyClientSecret } from './client-secret.js';

/** An RFC 6749 section 5.2 error: its `error` code and the HTTP status it is sent with. */
export class OAuthError extends Error {
  constructor(
    readonly error:
      'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
    readonly status: 400 | 401 = 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Checks an OAuth client's id and secret; answers its row, or throws invalid_client (401). */
export async function authenticateClient(
  db: Executor,
  settings: AuthSettings,
  clientId: string,
  clientSecret: string,
  now: number,
): Promise<repo.PresentedCredentialRow> {
  const row = await cachedRead(
    { db, reads: settings.reads },
    `credential:oauth_client:${clientId}`,
    ['credentials', 'tenants', 'users'],
    () => repo.findCredentialByLookup(db, 'oauth_client', clientId),
  );
  // An unknown client id is checked against a decoy, so the answer takes as long either way.
  const check = await verifyClientSecret(clientSecret, row?.secret_hash, settings.passwordHashCost);
  // A client of a disabled tenant or user would get tokens that no request accepts.
  const disabled = row !== undefined && (Boolean(row.tenant_disabled) || row.user_enabled === 0);
  if (!row || !check.matches || !isUsable(row, now) || disabled) {
    throw new OAuthError('invalid_client', 'client authentication failed', 401);
  }
  // A generated secret stored with scrypt (before SHA-256 was used for them) is stored anew.
  if (check.upgrade) await repo.replaceSecretHash(db, row.id, row.secret_hash!, check.upgrade);
  return row;
}

/** What an API adds to the tokens it issues: claims its vendor's clients read. */
export type ExtraClaims = (issued: {
  /** The credential the token names: the client itself, or a session of it. */
  credential: Credential;
  clientId: string;
  scopes: readonly Scope[];
  /** How the token was obtained. */
  grant: 'client_credentials' | 'refresh_token' | 'password';
}) => Promise<Record<string, unknown>>;

export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret: string;
  /** The `scope` asked for in profiled's names, or the scopes an API read from its own words. */
  scope?: string | readonly Scope[] | undefined;
  claims?: ExtraClaims | undefined;
}

/** The client_credentials grant: a token for the client, with the requested scopes it is allowed. */
export async function clientCredentialsGrant(
  db: Executor,
  settings: AuthSettings,
  request: ClientCredentialsRequest,
  now: number,
): Promise<TokenResponse> {
  const row = await authenticateClient(db, settings, request.clientId, request.clientSecret, now);
  const credential = credentialFromRow(row);
  const requested = typeof request.scope === 'string' ? parseScopeString(request.scope) : request.scope;
  const scopes = grantScopes(credential.scopes, requested);
  if (requested !== undefined && scopes.length === 0) {
    throw new OAuthError('invalid_scope', 'none of the requested scopes is allowed for this client');
  }
  const issued = await issueAccessToken(
    settings.keys,
    { issuer: settings.issuer, ttlSeconds: settings.accessTokenTtlSeconds },
    {
      credentialId: row.id,
      subject: row.lookup,
      tenantId: row.tenant_id,
      scopes,
      extra: await request.claims?.({
        credential,
        clientId: request.clientId,
        scopes,
        grant: 'client_credentials',
      }),
    },
    now,
  );
  return {
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: settings.accessTokenTtlSeconds,
    scope: scopes.join(' '),
  };
}
