import type { CompatDependencies } from '../kit/compat-api.js';
import { authenticatedBy, authorizationToken, tokenCookie } from '../kit/presenters.js';

/** The cookie POST /api/v1/session/login sets; its value is the SessionId. */
export const SESSION_COOKIE = 'ARM.SessionId';

/**
 * ARM's web API session: the SessionId of a login, sent back as the `ARM.SessionId` cookie (as a
 * browser does) or as `Authorization: Bearer <SessionId>` (as scripts do). The SessionId is a
 * profiled session token, so an API key or an access token works as a bearer token too. A header
 * is tried first: a script that sends one means it, whatever cookie its jar still holds.
 */
export const armAuthenticator = (deps: Pick<CompatDependencies, 'db' | 'auth' | 'now'>) =>
  authenticatedBy(
    deps,
    [authorizationToken(['Bearer']), tokenCookie(SESSION_COOKIE)],
    `sign in: POST /api/v1/session/login, then send the ${SESSION_COOKIE} cookie or Authorization: Bearer <SessionId>`,
  );
