import type { FastifyRequest } from 'fastify';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { authenticate } from '../../auth/authenticate.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../core/errors.js';
import type { Executor } from '../../store/executor.js';

export const ASID_COOKIE = 'VisierASIDToken';

const rejected = (why: string) => new DomainError('auth.unauthenticated', why);

/** One cookie's value from a Cookie header (RFC 6265: `name=value; name2=value2`). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The `apikey` header, when the request sends one. */
export const apiKeyOf = (request: FastifyRequest) => headerText(request.headers.apikey) || undefined;

/**
 * Visier's scheme: every call sends `apikey` (an API key of the tenant) and a user's or client's
 * token, as the `VisierASIDToken` cookie or `Authorization: Bearer`. The apikey names the tenant;
 * the token says who acts, with its scopes. A key of another tenant than the token's is refused.
 */
export function visierAuthenticator(db: Executor, settings: AuthSettings, now: () => number) {
  return async (request: FastifyRequest): Promise<Principal> => {
    const key = apiKeyOf(request);
    if (!key) throw rejected('the apikey header is required (an API key of your tenant)');
    const tenantKey = await authenticate(db, settings, { scheme: 'api_key', key }, now());
    const authorization = headerText(request.headers.authorization);
    const bearer = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const token = cookieValue(request.headers.cookie, ASID_COOKIE) || bearer;
    if (!token) {
      throw rejected(
        `send a token: the ${ASID_COOKIE} cookie (POST /v1/admin/visierSecureToken) or Authorization: Bearer (POST /v1/auth/oauth2/token)`,
      );
    }
    const principal = await authenticate(db, settings, { scheme: 'bearer', token }, now());
    if (principal.tenant.id !== tenantKey.tenant.id) {
      throw rejected('the apikey and the token belong to different tenants');
    }
    return principal;
  };
}
