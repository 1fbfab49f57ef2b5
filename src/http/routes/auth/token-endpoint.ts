import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import {
  clientCredentialsOf,
  dispatchGrant,
  type GrantHandler,
} from '../../../auth/client-authentication.js';
import { OAuthError } from '../../../auth/oauth.service.js';
import type { RateLimit } from '../../plugins/rate-limit.js';
import { RefusedRequest } from '../../problem.js';

/** The fields every token request body has; an API's body schema may add its own. */
export interface TokenRequestFields {
  grant_type: string;
  client_id?: string | undefined;
  client_secret?: string | undefined;
}

export interface TokenEndpoint<Body extends TokenRequestFields> {
  url: string;
  /** The route's schema: body, responses (the grant answer and the error statuses), docs. */
  schema: FastifySchema;
  /** The API the endpoint belongs to, as the audit trail records it. */
  source?: string;
  limits: RateLimit;
  /**
   * The grant types taken, each with its handler for this request. `client` authenticates the
   * request's OAuth client (HTTP Basic or body fields) when a grant needs one.
   */
  grants: (
    request: FastifyRequest<{ Body: Body }>,
    client: () => { clientId: string; clientSecret: string },
  ) => Readonly<Record<string, GrantHandler<object>>>;
  /** Writes an OAuth error in this API's shape. */
  sendError: (reply: FastifyReply, error: OAuthError, request: FastifyRequest) => FastifyReply;
  /**
   * A request the framework refuses (malformed body, missing field, media type) is an OAuth
   * `invalid_request` too (RFC 6749); otherwise the API's own error handler answers it.
   */
  refusalsAsOAuthErrors?: boolean;
  /** Accept a body client_id beside HTTP Basic naming the same client (see clientCredentialsOf). */
  tolerateRepeatedClientId?: boolean;
}

/** RFC 6749 section 5.2's error body, with WWW-Authenticate on an invalid client. */
export function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error.status === 401) void reply.header('www-authenticate', 'Basic realm="profiled"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({ error: error.error, error_description: error.description });
}

const refusedByFramework = (error: FastifyError) =>
  !(error instanceof RefusedRequest) &&
  (error.validation !== undefined ||
    (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500));

/**
 * An OAuth 2.0 token endpoint: public, rate-limited per address and client, dispatching on
 * `grant_type`, answering `no-store`; its OAuth errors in the API's shape.
 */
export function tokenEndpoint<Body extends TokenRequestFields>(
  app: FastifyInstance,
  spec: TokenEndpoint<Body>,
): void {
  app.post<{ Body: Body }>(
    spec.url,
    {
      config: { public: true, ...(spec.source !== undefined && { source: spec.source }) },
      preHandler: spec.limits.byAddressAndClient,
      schema: {
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        ...spec.schema,
      },
      errorHandler: (error: FastifyError | OAuthError, request, reply) => {
        if (error instanceof OAuthError) {
          void spec.sendError(reply, error, request);
          return;
        }
        if (spec.refusalsAsOAuthErrors && refusedByFramework(error)) {
          void spec.sendError(reply, new OAuthError('invalid_request', error.message), request);
          return;
        }
        // Anything else is the API's error handler's: a rate limit, a 500 with the request id.
        throw error;
      },
    },
    async (request, reply) => {
      const body = request.body as Body;
      const client = () =>
        clientCredentialsOf({
          authorization: request.headers.authorization,
          body,
          tolerateRepeatedId: spec.tolerateRepeatedClientId ?? false,
        });
      const answer = await dispatchGrant(body.grant_type, spec.grants(request, client));
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(answer);
    },
  );
}
