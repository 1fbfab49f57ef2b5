import type { FastifyRequest } from 'fastify';
import { authenticate } from '../../auth/authenticate.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../core/errors.js';
import type { CompatDependencies } from '../kit/compat-api.js';
import { apiKeyHeader, authorizationToken, presentedBy, tokenCookie } from '../kit/presenters.js';

export const ASID_COOKIE = 'VisierASIDToken';

const rejected = (why: string) => new DomainError('auth.unauthenticated', why);

/** The `apikey` header: an API key of the tenant, sent with every call. */
export const visierApiKey = apiKeyHeader('apikey');

/** Who acts: the ASID cookie (from visierSecureToken) first, else a bearer token. */
const visierToken = [tokenCookie(ASID_COOKIE), authorizationToken(['Bearer'])];

/**
 * Visier's scheme: every call sends `apikey` (an API key of the tenant) and a user's or client's
 * token, as the `VisierASIDToken` cookie or `Authorization: Bearer`. The apikey names the tenant;
 * the token says who acts, with its scopes. A key of another tenant than the token's is refused.
 */
export function visierAuthenticator({ db, auth, now }: Pick<CompatDependencies, 'db' | 'auth' | 'now'>) {
  return async (request: FastifyRequest): Promise<Principal> => {
    const key = visierApiKey(request);
    if (!key) throw rejected('the apikey header is required (an API key of your tenant)');
    const tenantKey = await authenticate(db, auth, key, now());
    const token = presentedBy(visierToken, request);
    if (!token) {
      throw rejected(
        `send a token: the ${ASID_COOKIE} cookie (POST /v1/admin/visierSecureToken) or Authorization: Bearer (POST /v1/auth/oauth2/token)`,
      );
    }
    const principal = await authenticate(db, auth, token, now());
    if (principal.tenant.id !== tenantKey.tenant.id) {
      throw rejected('the apikey and the token belong to different tenants');
    }
    return principal;
  };
}
