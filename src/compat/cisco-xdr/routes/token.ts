import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { clientCredentialsGrant, OAuthError } from '../../../auth/oauth.service.js';
import { refreshGrant } from '../../../auth/token-grants.js';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { grantField, sendOAuthError, tokenEndpoint } from '../../kit/token-endpoint.js';
import { ciscoClaims } from '../claims.js';
import { OAuthErrorAnswer, TokenAnswer, TokenRequest } from '../schemas.js';
import { ciscoWordsFor, scopesOfRequest } from '../scopes.js';
import { tags } from '../route-config.js';

type Body = Static<typeof TokenRequest>;

/**
 * POST /iroh/oauth2/token: client credentials by HTTP Basic (`client_id:client_password`), a
 * token of ACCESS_TOKEN_TTL_SECONDS (600 by default) with Cisco's claims; refresh tokens that
 * profiled issued to the client are taken too. Errors are RFC 6749's.
 */
export function tokenRoutes(app: FastifyInstance, deps: CompatDependencies): void {
  const { auth } = deps;
  const answer = (token: { access_token: string; expires_in: number }, scopes: readonly string[]) => ({
    access_token: token.access_token,
    token_type: 'bearer' as const,
    expires_in: token.expires_in,
    scope: ciscoWordsFor(scopes).join(' '),
  });
  tokenEndpoint(app, {
    url: '/iroh/oauth2/token',
    source: 'cisco-xdr',
    limits: deps.limits,
    sendError: (reply, error) => sendOAuthError(reply, error),
    refusalsAsOAuthErrors: true,
    schema: {
      tags: tags.authentication,
      summary: 'Request an access token (client credentials by HTTP Basic, or a refresh token)',
      description:
        "`scope` takes Cisco's words (see GET /iroh/profile/scopes) or profiled's scope names; none: every scope the client holds.",
      body: TokenRequest,
      response: {
        200: TokenAnswer,
        400: OAuthErrorAnswer,
        401: OAuthErrorAnswer,
        429: Type.Ref('CiscoXdrError'),
      },
    },
    grants: (request: FastifyRequest<{ Body: Body }>, client) => {
      const { core, body } = request;
      const claims = ciscoClaims(core);
      const scopes = scopesOfRequest(body.scope);
      return {
        client_credentials: async () => {
          if (scopes !== undefined && scopes.length === 0) {
            throw new OAuthError('invalid_scope', 'none of the requested scopes is known');
          }
          const token = await clientCredentialsGrant(
            core.db,
            auth,
            { ...client(), scope: scopes, claims },
            core.now(),
          );
          return answer(token, token.scope.split(' ').filter(Boolean));
        },
        refresh_token: async () => {
          const tokens = await refreshGrant(core, auth, {
            ...client(),
            refreshToken: grantField(body.grant_type, 'refresh_token', body.refresh_token),
            rotate: true,
            claims,
          });
          return {
            ...answer(tokens, tokens.scope.split(' ').filter(Boolean)),
            refresh_token: tokens.refresh_token,
          };
        },
      };
    },
  });
}
