import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { authenticate } from '../../../auth/authenticate.js';
import { signIn } from '../../../auth/password.service.js';
import { allScopes, readOnlyScopes } from '../../../auth/scopes.js';
import { clientSessionGrant, passwordGrant, refreshGrant } from '../../../auth/token-grants.js';
import { DomainError } from '../../../core/errors.js';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { scopeMap } from '../../kit/scope-map.js';
import { grantField, tokenEndpoint } from '../../kit/token-endpoint.js';
import { visierApiKey } from '../authentication.js';
import { visierErrors, visierStatus } from '../errors.js';
import { tags } from '../route-config.js';
const ASID_GRANT = 'urn:visier:params:oauth:grant-type:asid-token';

const AuthenticationRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    vanityName: Type.Optional(Type.String({ maxLength: 200, description: 'Your tenant code' })),
  },
  { additionalProperties: false },
);

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const TokenRequestBody = Type.Object(
  {
    grant_type: Type.String({
      maxLength: 200,
      description: `password, client_credentials, refresh_token or ${ASID_GRANT}`,
    }),
    client_id: Text(200),
    client_secret: Text(500),
    username: Text(200),
    password: Text(1024),
    refresh_token: Text(500),
    asid_token: Text(500),
    scope: Text(1000),
    redirect_uri: Text(2000),
    code: Text(2000),
    code_verifier: Text(200),
    assertion: Text(20_000),
  },
  { additionalProperties: false },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  id_token: Type.String(),
  token_type: Type.String(),
  expires_in: Type.Integer(),
});

/**
 * Visier asks for `read` and `write`; profiled's own scope names are understood too. `read`
 * grants every read scope and access checks; `write` everything.
 */
export const scopesOf = scopeMap({ read: readOnlyScopes, write: allScopes });

/** The tenant a request names by its `apikey` header, if it sends one. */
async function apiKeyTenant(deps: CompatDependencies, request: FastifyRequest) {
  const key = visierApiKey(request);
  return key && (await authenticate(deps.db, deps.auth, key, deps.now())).tenant;
}

/** Visier's two ways to get a token: a secure (ASID) token, and OAuth 2.0 tokens. */
export function tokenRoutes(app: FastifyInstance, deps: CompatDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v1/admin/visierSecureToken',
    {
      config: { public: true, source: 'visier' },
      preHandler: deps.limits.byAddressAndClient,
      schema: {
        tags: tags.authentication,
        summary: 'Request a Visier authentication token (sent back as the VisierASIDToken cookie)',
        description:
          'The tenant is the one of the `apikey` header when sent, else the tenant whose code is `vanityName` (form field or query parameter).',
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        querystring: Type.Object({
          vanityName: Type.Optional(Type.String({ maxLength: 200 })),
          vanityname: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        body: AuthenticationRequest,
        response: {
          200: { content: { 'text/plain': { schema: Type.String() } } },
          ...visierErrors(400, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const { core, body, query } = request;
      const vanity = body.vanityName ?? query.vanityName ?? query.vanityname;
      const tenant = (await apiKeyTenant(deps, request))?.id ?? vanity;
      if (!tenant) {
        throw new DomainError(
          'validation.failed',
          'say which tenant: send the apikey header, or vanityName with your tenant code',
        );
      }
      const issued = await signIn(core, deps.auth, { ...body, tenant });
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(issued.secret);
    },
  );

  const settings = deps.auth;
  tokenEndpoint(app, {
    url: '/v1/auth/oauth2/token',
    source: 'visier',
    limits: deps.limits,
    // Visier answers its token endpoint's errors in its Status shape, the OAuth error as code.
    sendError: visierStatus.sendOAuth,
    tolerateRepeatedClientId: true,
    schema: {
      tags: tags.authentication,
      summary: 'Request a JSON Web Token (password, client_credentials, refresh_token, ASID token)',
      description:
        'Client authentication by HTTP Basic or client_id/client_secret. With an `apikey` header, the client must belong to its tenant.',
      body: TokenRequestBody,
      response: { 200: TokenResponse, ...visierErrors(400, 413, 415, 429) },
    },
    grants: (request: FastifyRequest<{ Body: Static<typeof TokenRequestBody> }>, client) => {
      const { core, body } = request;
      const field = (name: string, value: string | undefined) => grantField(body.grant_type, name, value);
      const login = async () => {
        const keyTenant = await apiKeyTenant(deps, request);
        return { ...client(), scopes: scopesOf(body.scope), ...(keyTenant && { tenantId: keyTenant.id }) };
      };
      return {
        password: async () =>
          passwordGrant(core, settings, {
            ...(await login()),
            username: field('username', body.username),
            password: field('password', body.password),
          }),
        client_credentials: async () => clientSessionGrant(core, settings, await login()),
        refresh_token: async () =>
          refreshGrant(core, settings, {
            ...(await login()),
            refreshToken: field('refresh_token', body.refresh_token),
            rotate: true,
          }),
        [ASID_GRANT]: async () =>
          refreshGrant(core, settings, {
            ...(await login()),
            refreshToken: field('asid_token', body.asid_token),
            // The ASID token is the session cookie itself: exchanging it must not end it. It was
            // signed in without a client, so any client of the tenant may exchange it.
            rotate: false,
            anyClient: true,
          }),
      };
    },
  });
}
