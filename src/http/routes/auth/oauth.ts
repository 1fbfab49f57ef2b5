import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import { clientCredentialsGrant, OAuthError } from '../../../auth/oauth.service.js';
import { allScopes } from '../../../auth/scopes.js';
import type { RateLimit } from '../../plugins/rate-limit.js';

const TokenRequest = Type.Object({
  grant_type: Type.String({ maxLength: 100, description: 'client_credentials' }),
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  client_secret: Type.Optional(Type.String({ maxLength: 500 })),
  scope: Type.Optional(
    Type.String({ maxLength: 1000, description: 'Space-separated scopes (default: all allowed)' }),
  ),
});

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

const OAuthErrorBody = Type.Object({ error: Type.String(), error_description: Type.String() });

/** Client credentials from HTTP Basic (RFC 6749 2.3.1: form-encoded id and secret) or the body. */
export function clientCredentialsOf(
  request: FastifyRequest,
  body: { client_id?: string | undefined; client_secret?: string | undefined },
): { clientId: string; clientSecret: string } {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^basic /i.test(header)) {
    if (body.client_id !== undefined || body.client_secret !== undefined) {
      throw new OAuthError('invalid_request', 'use one client authentication method, not two');
    }
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'malformed Basic credentials', 401);
    try {
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    } catch {
      throw new OAuthError('invalid_client', 'malformed Basic credentials: bad percent-encoding', 401);
    }
  }
  if (!body.client_id || !body.client_secret) {
    throw new OAuthError(
      'invalid_client',
      'client authentication is required (HTTP Basic or client_id and client_secret)',
      401,
    );
  }
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

export function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error.status === 401) void reply.header('www-authenticate', 'Basic realm="profiled"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({ error: error.error, error_description: error.description });
}

/**
 * Errors of the token endpoint in RFC 6749's shape: a request the framework refuses (no or a
 * malformed body, a missing field, an unsupported media type) is `invalid_request`.
 */
function oauthErrorHandler(
  error: FastifyError | OAuthError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof OAuthError) {
    void sendOAuthError(reply, error);
    return;
  }
  const status = error.statusCode ?? 500;
  // Anything but a refused request is the app's error handler's (a 500 with the request id).
  if (!error.validation && (status < 400 || status >= 500)) throw error;
  void sendOAuthError(reply, new OAuthError('invalid_request', error.message));
}

/** The OAuth 2.0 token endpoint, the JWKS and the discovery document. */
export function oauthRoutes(settings: AuthSettings, limits: RateLimit): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/oauth2/token',
      {
        config: { public: true },
        preHandler: limits.byAddressAndClient,
        errorHandler: oauthErrorHandler,
        schema: {
          tags: ['Authentication'],
          summary: 'Get an access token (client_credentials grant; form or JSON body)',
          security: [],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenRequest,
          response: {
            200: TokenResponse,
            400: OAuthErrorBody,
            401: OAuthErrorBody,
            429: Type.Ref('Problem'),
          },
        },
      },
      async (request, reply) => {
        if (request.body.grant_type !== 'client_credentials') {
          throw new OAuthError('unsupported_grant_type', 'the supported grant_type is client_credentials');
        }
        const client = clientCredentialsOf(request, request.body);
        const answer = await clientCredentialsGrant(
          request.core.db,
          settings,
          { ...client, scope: request.body.scope },
          request.core.now(),
        );
        return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(answer);
      },
    );

    app.get(
      '/.well-known/jwks.json',
      {
        schema: {
          tags: ['Authentication'],
          summary: 'The public keys that verify access tokens (current and recently rotated)',
          response: {
            200: Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) }),
          },
        },
      },
      async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=60').send(await settings.keys.jwks()),
    );

    app.get(
      '/.well-known/openid-configuration',
      {
        schema: {
          tags: ['Authentication'],
          summary: 'Authorization server metadata (RFC 8414 / OpenID discovery)',
          response: { 200: Type.Object({}, { additionalProperties: true }) },
        },
      },
      async () => ({
        issuer: settings.issuer,
        token_endpoint: `${settings.issuer}/oauth2/token`,
        jwks_uri: `${settings.issuer}/.well-known/jwks.json`,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        response_types_supported: ['token'],
        scopes_supported: [...allScopes],
        id_token_signing_alg_values_supported: ['ES256'],
        subject_types_supported: ['public'],
      }),
    );
  };
}
