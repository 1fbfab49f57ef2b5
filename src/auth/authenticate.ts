import { findProfileEnabled } from '../store/repositories/profile.repository.js';
import { cachedRead } from '../core/cache/cached-read.js';
import { DomainError } from '../core/errors.js';
import type { Executor } from '../store/executor.js';
import * as repo from '../store/repositories/credential.repository.js';
import { claimSignature } from '../store/repositories/used-signature.repository.js';
import { verifyAccessToken } from './access-token.js';
import type { AuthSettings } from './auth-settings.js';
import { credentialFromRow, isUsable } from './credential.mapper.js';
import { tokenPrefix } from './credential.service.js';
import { requestSignature, SIGNATURE_WINDOW_MS } from './hmac-signature.js';
import type { Principal } from './principal.js';
import { isScope, type Scope } from './scopes.js';
import { constantTimeEqual, sha256 } from './secrets.js';

/** A credential as a request presents it, whatever header carried it. */
export type Presented =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'api_key'; key: string }
  | {
      scheme: 'hmac';
      accessKey: string;
      timestamp: string;
      signature: string;
      method: string;
      url: string;
    };

const rejected = (why: string) => new DomainError('auth.unauthenticated', why);

/** The credential of a row, made once per row read (a cached row serves many requests). */
const credentials = new WeakMap<repo.PresentedCredentialRow, ReturnType<typeof credentialFromRow>>();
function credentialOf(row: repo.PresentedCredentialRow) {
  let credential = credentials.get(row);
  if (!credential) {
    credential = credentialFromRow(row);
    credentials.set(row, credential);
  }
  return credential;
}

const labels: Record<repo.CredentialKind, string> = {
  oauth_client: 'client',
  api_key: 'api-key',
  access_key: 'access-key',
  session: 'session',
};

/**
 * The principal of a credential row just read (with its tenant: the join finds none for a deleted
 * tenant), if it is still usable. The row comes through the read cache, which drops it with the
 * next committed write: a revocation, a disabled user or tenant, narrowed scopes take effect on
 * the very next request in this process, and in others as soon as they hear of the commit.
 */
function principalOf(
  db: Executor,
  settings: AuthSettings,
  row: repo.PresentedCredentialRow,
  now: number,
  token?: TokenClaims,
): Principal {
  if (!isUsable(row, now)) throw rejected('the credential is revoked or expired');
  // A disabled tenant (or one above it) and a disabled user hold nothing, credentials included.
  if (Boolean(row.tenant_disabled) || row.user_enabled === 0) {
    throw rejected("the credential's tenant or user is disabled");
  }
  settings.lastUse.record(db, row.id, now);
  return principalMadeOf(row, token);
}

type TokenClaims = { scopes: readonly string[]; expiresAt: number };

/**
 * The principal of a row and a token's claims, made once per pair: both are the same objects on
 * every request while the caches hold them (the row until a write to its tables, the claims until
 * the token expires), and nobody changes a principal.
 */
const principals = new WeakMap<repo.PresentedCredentialRow, WeakMap<TokenClaims, Principal>>();
const withoutToken: TokenClaims = { scopes: [], expiresAt: Infinity };
function principalMadeOf(row: repo.PresentedCredentialRow, token: TokenClaims | undefined): Principal {
  let byToken = principals.get(row);
  if (!byToken) principals.set(row, (byToken = new WeakMap()));
  let principal = byToken.get(token ?? withoutToken);
  if (!principal) {
    const credential = credentialOf(row);
    // A token carries the scopes granted when it was issued; narrowing the credential since then wins.
    const scopes: Scope[] = token
      ? token.scopes.filter((s): s is Scope => isScope(s) && credential.scopes.includes(s))
      : credential.scopes;
    const ends = [row.expires_at, token?.expiresAt ?? null].filter((t): t is number => t !== null);
    principal = {
      credentialId: row.id,
      kind: row.kind,
      label: `${labels[row.kind]}:${row.lookup}`,
      tenant: { id: row.tenant_id, path: row.tenant_path },
      userId: row.user_id,
      scopes,
      expiresAt: ends.length > 0 ? Math.min(...ends) : null,
    };
    byToken.set(token ?? withoutToken, principal);
  }
  return principal;
}

const keyShape = (prefix: string) => new RegExp(`^${prefix}_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$`);
const generatedKeyShape = { api_key: keyShape(tokenPrefix.api_key), session: keyShape(tokenPrefix.session) };

/** `pk_<lookup>_<secret>` or `ps_<lookup>_<secret>`: found by lookup, compared by hash. */
async function byGeneratedKey(
  db: Executor,
  settings: AuthSettings,
  kind: 'api_key' | 'session',
  key: string,
  now: number,
) {
  const match = generatedKeyShape[kind].exec(key);
  if (!match) throw rejected(`malformed ${kind === 'api_key' ? 'API key' : 'session token'}`);
  const row = await credentialByLookup(db, settings, kind, match[1]!);
  if (!row?.secret_hash || !constantTimeEqual(row.secret_hash, sha256(key))) {
    throw rejected('unknown or wrong credential');
  }
  await assumedProfileHolds(db, settings, row);
  return principalOf(db, settings, row, now);
}

/**
 * A session standing for an assumed profile works while the profile is enabled: disabling it
 * stops its tokens on the next request (the read is dropped with the profile's write); deleting
 * it deletes the session.
 */
async function assumedProfileHolds(db: Executor, settings: AuthSettings, row: repo.PresentedCredentialRow) {
  const profileId = row.assumed_profile_id;
  if (profileId === null) return;
  const enabled = await cachedRead(
    { db, reads: settings.reads },
    `profile-enabled:${profileId}`,
    ['profiles'],
    () => findProfileEnabled(db, profileId),
  );
  if (enabled !== true) throw rejected('the profile this session assumed is disabled or deleted');
}

/** What a presented credential row is read from: the credential, its tenant (and its path), its user. */
const credentialTables = ['credentials', 'tenants', 'users'] as const;

const credentialByLookup = (
  db: Executor,
  settings: AuthSettings,
  kind: repo.CredentialKind,
  lookup: string,
) =>
  cachedRead(
    { db, reads: settings.reads },
    `credential:${kind}:${lookup}`,
    credentialTables,
    () => repo.findCredentialByLookup(db, kind, lookup),
    // Only credentials that exist: made-up keys must not push the real ones out.
    { keep: (row) => row !== undefined },
  );

/** The claims of a token whose signature was verified before (and has not expired), or of this one now. */
async function verified(settings: AuthSettings, token: string, now: number) {
  const known = settings.verifiedTokens.get(token);
  if (known && known.expiresAt > now) return known;
  const claims = await verifyAccessToken(settings.keys, settings.issuer, token, now);
  if (claims) settings.verifiedTokens.set(token, claims);
  else settings.verifiedTokens.delete(token);
  return claims;
}

async function byAccessToken(db: Executor, settings: AuthSettings, token: string, now: number) {
  const claims = await verified(settings, token, now);
  if (!claims) throw rejected('the access token is malformed, expired or not signed by this installation');
  const row = await cachedRead(
    { db, reads: settings.reads },
    `credential:${claims.credentialId}`,
    credentialTables,
    () => repo.findCredentialById(db, claims.credentialId),
  );
  if (!row || row.tenant_id !== claims.tenantId || (row.kind !== 'oauth_client' && row.kind !== 'session')) {
    throw rejected('the access token names no credential');
  }
  await assumedProfileHolds(db, settings, row);
  return principalOf(db, settings, row, now, claims);
}

async function bySignature(
  db: Executor,
  settings: AuthSettings,
  presented: Extract<Presented, { scheme: 'hmac' }>,
  now: number,
) {
  const at = Number(presented.timestamp);
  if (!Number.isSafeInteger(at) || Math.abs(now - at) > SIGNATURE_WINDOW_MS) {
    throw rejected('the signature timestamp is missing or more than 5 minutes from the server clock');
  }
  const row = await credentialByLookup(db, settings, 'access_key', presented.accessKey);
  if (!row?.sealed_secret) throw rejected('unknown or wrong credential');
  const secretKey = settings.sealer.open(row.sealed_secret, `access-key:${row.id}`);
  if (!constantTimeEqual(requestSignature(secretKey, presented), presented.signature)) {
    throw rejected('unknown or wrong credential');
  }
  // Recorded only once verified: without the key, nobody can fill the store.
  const first = await claimSignature(db, {
    credentialId: row.id,
    signatureHash: sha256(presented.signature),
    expiresAt: at + SIGNATURE_WINDOW_MS,
  });
  if (!first) throw rejected('this signature was used before: sign each request anew');
  return principalOf(db, settings, row, now);
}

/**
 * Establishes who presented a credential, or throws `auth.unauthenticated`. The reason given
 * never says whether an identifier exists.
 */
export async function authenticate(
  db: Executor,
  settings: AuthSettings,
  presented: Presented,
  now: number,
): Promise<Principal> {
  switch (presented.scheme) {
    case 'api_key':
      return byGeneratedKey(db, settings, 'api_key', presented.key, now);
    case 'hmac':
      return bySignature(db, settings, presented, now);
    case 'bearer': {
      const { token } = presented;
      if (token.startsWith(`${tokenPrefix.api_key}_`))
        return byGeneratedKey(db, settings, 'api_key', token, now);
      if (token.startsWith(`${tokenPrefix.session}_`))
        return byGeneratedKey(db, settings, 'session', token, now);
      return byAccessToken(db, settings, token, now);
    }
  }
}
