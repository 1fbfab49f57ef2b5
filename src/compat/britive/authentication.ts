import type { CompatDependencies } from '../kit/compat-api.js';
import { authenticatedBy, authorizationToken } from '../kit/presenters.js';

/**
 * Britive's scheme: `Authorization: TOKEN <api token>`. Its SDK sends tokens of 50 characters or
 * more as `Bearer` instead (and profiled's API keys are longer), so both words are taken for the
 * same credential. The tenant is the token's: Britive's SDK sends no tenant of its own.
 */
export const britiveAuthenticator = (deps: Pick<CompatDependencies, 'db' | 'auth' | 'now'>) =>
  authenticatedBy(
    deps,
    [authorizationToken(['TOKEN', 'Bearer'])],
    'send Authorization: TOKEN <api token> (POST /api/token, or profiled api-keys create)',
  );
