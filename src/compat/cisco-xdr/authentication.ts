import type { CompatDependencies } from '../kit/compat-api.js';
import { authenticatedBy, authorizationToken } from '../kit/presenters.js';

/**
 * Cisco's scheme: `Authorization: Bearer <access token>` from POST /iroh/oauth2/token. profiled's
 * own tokens and API keys are bearer tokens of the same installation, and work here too. Any
 * failure (malformed, expired, revoked) is a 401, upon which Cisco's clients mint a new token.
 */
export const ciscoAuthenticator = (deps: Pick<CompatDependencies, 'db' | 'auth' | 'now'>) =>
  authenticatedBy(
    deps,
    [authorizationToken(['Bearer'])],
    'send Authorization: Bearer <access token> (POST /iroh/oauth2/token)',
  );
