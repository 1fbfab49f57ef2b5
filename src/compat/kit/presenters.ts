import type { FastifyRequest } from 'fastify';
import { authenticate } from '../../auth/authenticate.js';
import { presentedBy, type Presenter } from '../../auth/presenters.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../../core/errors.js';
import type { CompatDependencies } from './compat-api.js';

/** The ways a credential can be presented, shared by the native API and every vendor's. */
export {
  apiKeyHeader,
  authorizationToken,
  cookieValue,
  headerValue,
  presentedBy,
  signedRequest,
  tokenCookie,
  type Presenter,
  type SignatureHeaders,
} from '../../auth/presenters.js';

/**
 * An API's `authenticate` (route config): the credential of the first of `presenters` the request
 * uses, authenticated; none at all is `auth.unauthenticated` with `missing` as the reason.
 */
export function authenticatedBy(
  deps: Pick<CompatDependencies, 'db' | 'auth' | 'now'>,
  presenters: readonly Presenter[],
  missing: string,
): (request: FastifyRequest) => Promise<Principal> {
  return async (request) => {
    const presented = presentedBy(presenters, request);
    if (!presented) throw new DomainError('auth.unauthenticated', missing);
    return authenticate(deps.db, deps.auth, presented, deps.now());
  };
}
