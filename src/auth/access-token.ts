import { SignJWT } from 'jose';
import { compactHeader, verifiedPayload } from './compact-jws.js';
import { randomHex } from './secrets.js';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys.js';

export interface AccessTokenClaims {
  /** The credential the token stands for: an OAuth client or a sign-in session. */
  credentialId: string;
  /** The OAuth client id, or the user id for a session. */
  subject: string;
  tenantId: string;
  scopes: readonly string[];
  /**
   * More claims, as a vendor's clients read them (Cisco's `https://schemas.cisco.com/...`). They
   * never replace the claims above or the registered ones, which verification relies on.
   */
  extra?: Readonly<Record<string, unknown>> | undefined;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

export interface TokenSettings {
  issuer: string;
  ttlSeconds: number;
}

/** A JWT access token (RFC 9068 profile) signed with the current key. */
export async function issueAccessToken(
  keys: SigningKeys,
  settings: TokenSettings,
  claims: AccessTokenClaims,
  now: number,
): Promise<IssuedToken> {
  const { kid, key } = await keys.current();
  const issuedAt = Math.floor(now / 1000);
  const expiresAtSeconds = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({
    ...claims.extra,
    cid: claims.credentialId,
    tid: claims.tenantId,
    scope: claims.scopes.join(' '),
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
    .setIssuer(settings.issuer)
    .setSubject(claims.subject)
    .setAudience(settings.issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .setJti(randomHex(16))
    .sign(key);
  return { token, expiresAt: expiresAtSeconds * 1000 };
}

export interface VerifiedToken extends AccessTokenClaims {
  expiresAt: number;
}

/** `at+jwt`, compared as media types are: case-insensitively, `application/` optional (RFC 9068 §4). */
const isAccessTokenType = (typ: unknown) =>
  typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === 'at+jwt';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Verifies signature, algorithm, type, issuer, audience and expiry; answers undefined for any
 * failure. A header with `crit` is refused: this verifier understands no extension.
 */
export async function verifyAccessToken(
  keys: SigningKeys,
  issuer: string,
  token: string,
  now: number,
): Promise<VerifiedToken | undefined> {
  const header = compactHeader(token);
  if (
    !header ||
    header.alg !== SIGNING_ALGORITHM ||
    !isAccessTokenType(header.typ) ||
    header.crit !== undefined ||
    typeof header.kid !== 'string'
  ) {
    return undefined;
  }
  const key = await keys.verificationKey(header.kid);
  const payload = key && verifiedPayload(token, key);
  if (!payload) return undefined;
  const { iss, aud, exp, nbf, iat, cid, tid, scope, sub } = payload;
  const nowSeconds = Math.floor(now / 1000);
  const audienceOk = aud === issuer || (Array.isArray(aud) && aud.includes(issuer));
  if (
    iss !== issuer ||
    !audienceOk ||
    !isNumber(exp) ||
    exp <= nowSeconds ||
    (nbf !== undefined && (!isNumber(nbf) || nbf > nowSeconds)) ||
    (iat !== undefined && !isNumber(iat)) ||
    typeof cid !== 'string' ||
    typeof tid !== 'string' ||
    typeof scope !== 'string' ||
    typeof sub !== 'string' ||
    sub === ''
  ) {
    return undefined;
  }
  return {
    credentialId: cid,
    subject: sub,
    tenantId: tid,
    scopes: scope === '' ? [] : scope.split(' '),
    expiresAt: exp * 1000,
  };
}

/**
 * An OpenID Connect ID token: who signed in (`sub`), for which client (`aud`). Clients that
 * expect one beside the access token (as some vendors' SDKs do) get it; profiled itself never
 * accepts it as a credential (its `typ` is not `at+jwt`).
 */
export async function issueIdToken(
  keys: SigningKeys,
  settings: TokenSettings,
  claims: { subject: string; audience: string },
  now: number,
): Promise<string> {
  const { kid, key } = await keys.current();
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setSubject(claims.subject)
    .setAudience(claims.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.ttlSeconds)
    .sign(key);
}
