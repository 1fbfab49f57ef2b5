import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { authenticate } from '../../auth/authenticate.js';
import {
  apiKeyHeader,
  authorizationToken,
  presentedBy,
  signedRequest,
  type Presenter,
} from '../../auth/presenters.js';
import type { Principal } from '../../auth/principal.js';
import type { Scope } from '../../auth/scopes.js';
import { DomainError } from '../../core/errors.js';
import type { Executor } from '../../store/executor.js';
import { problemRef } from '../schemas/common.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The scope a route needs; `null`: any authenticated caller. Every route but health, docs
     * and public keys must say (or be `public`): the app refuses to start otherwise.
     */
    scope?: Scope | null;
    /** Served without a credential (token endpoint, sign-in). */
    public?: boolean;
    /**
     * How this route's requests present a credential, where it is not the native API's way
     * (a vendor's headers and cookies). Answers the principal, or throws auth.unauthenticated.
     */
    authenticate?: (request: FastifyRequest) => Promise<Principal>;
  }
  interface FastifyRequest {
    /** Who the request acts as; set on every route that is not public. */
    principal: Principal;
  }
}

/** The ways a native API request may present a credential, tried in this order. */
export const nativePresenters: readonly Presenter[] = [
  authorizationToken(['Bearer']),
  apiKeyHeader('x-api-key'),
  signedRequest({
    accessKey: 'x-profiled-access-key',
    timestamp: 'x-profiled-timestamp',
    signature: 'x-profiled-signature',
  }),
];

/**
 * The only routes that may leave out a scope: operations, the documentation, the console's files
 * and the public keys. Every other route (native or a vendor's, under any path) must name its scope or say `public`.
 */
const openPath = /^\/(healthz|readyz|openapi\.json|docs|console|\.well-known)(\/|$)/;

const scopeNote = (scope: Scope | null) =>
  scope === null ? 'Needs any valid credential.' : `Needs the scope \`${scope}\`.`;

/**
 * Authenticates every non-public route before anything else runs (so a caller without a valid
 * credential learns nothing from validation or lookups), then checks the route's scope.
 */
export function registerAuthentication(
  app: FastifyInstance,
  options: { db: Executor; settings: AuthSettings; now: () => number },
): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRoute', (route) => {
    const config = route.config ?? {};
    if (config.scope === undefined) {
      if (!openPath.test(route.url) && config.public !== true) {
        throw new Error(`${route.method.toString()} ${route.url} declares neither a scope nor public`);
      }
      if (route.schema) route.schema.security ??= [];
      return;
    }
    // Every guarded route can answer 401 and 403; say so in its schema (and so in the OpenAPI).
    const schema = (route.schema ??= {});
    const response = (schema.response ??= {}) as Record<number, unknown>;
    response[401] ??= problemRef;
    response[403] ??= problemRef;
    // Fastify passes a GET route's schema again for its HEAD twin: add the note once.
    const note = scopeNote(config.scope);
    if (!schema.description?.includes(note)) {
      schema.description = [schema.description, note].filter(Boolean).join('\n\n');
    }
    // A hook of the guarded routes only, after every scope's own onRequest hooks (there are none
    // that need a principal): public routes are spared it, and it reads the route's config
    // directly rather than through request.routeOptions, which builds an object on every call.
    const hooks = [route.onRequest ?? []].flat();
    if (!hooks.some((hook) => authenticators.has(hook))) {
      route.onRequest = [...hooks, authenticator(config, options)];
    }
  });
}

/** The onRequest hooks authenticator() made (a HEAD twin may bring its GET route's along). */
const authenticators = new WeakSet<object>();

/** The hook that authenticates the requests of a route with `config`, then checks its scope. */
function authenticator(
  config: FastifyContextConfig,
  options: { db: Executor; settings: AuthSettings; now: () => number },
) {
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = config.authenticate
      ? await config.authenticate(request)
      : await nativePrincipal(request, reply, options);
    const needed = config.scope;
    if (needed !== null && needed !== undefined && !request.principal.scopes.includes(needed)) {
      throw new DomainError('auth.scope_missing', `this request needs the scope "${needed}"`);
    }
  };
  authenticators.add(hook);
  return hook;
}

/** The principal of a native API request: a bearer token, an API key or an HMAC signature. */
async function nativePrincipal(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { db: Executor; settings: AuthSettings; now: () => number },
): Promise<Principal> {
  try {
    const presented = presentedBy(nativePresenters, request);
    if (presented) return await authenticate(options.db, options.settings, presented, options.now());
  } catch (error) {
    void reply.header('www-authenticate', 'Bearer error="invalid_token"');
    throw error;
  }
  void reply.header('www-authenticate', 'Bearer');
  throw new DomainError(
    'auth.unauthenticated',
    'this request needs a credential: see /docs, "Authentication"',
  );
}
