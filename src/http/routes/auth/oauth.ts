import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import { clientCredentialsGrant } from '../../../auth/oauth.service.js';
import { allScopes } from '../../../auth/scopes.js';
import type { RateLimit } from '../../plugins/rate-limit.js';
import { jwksRoute } from './jwks.js';
import { sendOAuthError, tokenEndpoint } from './token-endpoint.js';

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

/** The OAuth 2.0 token endpoint, the JWKS and the discovery document. */
export function oauthRoutes(settings: AuthSettings, limits: RateLimit): FastifyPluginAsyncTypebox {
  return async (app) => {
    tokenEndpoint(app, {
      url: '/oauth2/token',
      limits,
      refusalsAsOAuthErrors: true,
      sendError: sendOAuthError,
      schema: {
        tags: ['Authentication'],
        summary: 'Get an access token (client_credentials grant; form or JSON body)',
        body: TokenRequest,
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody, 429: Type.Ref('Problem') },
      },
      grants: (request: FastifyRequest<{ Body: Static<typeof TokenRequest> }>, client) => ({
        client_credentials: () =>
          clientCredentialsGrant(
            request.core.db,
            settings,
            { ...client(), scope: request.body.scope },
            request.core.now(),
          ),
      }),
    });

    jwksRoute(app, {
      url: '/.well-known/jwks.json',
      tags: ['Authentication'],
      summary: 'The public keys that verify access tokens (current and recently rotated)',
      keys: settings.keys,
    });

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
