import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import { authenticate } from '../../../auth/authenticate.js';
import { OAuthError } from '../../../auth/oauth.service.js';
import { signIn } from '../../../auth/password.service.js';
import { allScopes, isScope, readOnlyScopes, type Scope } from '../../../auth/scopes.js';
import { clientSessionGrant, passwordGrant, refreshGrant } from '../../../auth/token-grants.js';
import { DomainError } from '../../../core/errors.js';
import type { RateLimit } from '../../../http/plugins/rate-limit.js';
import { clientCredentialsOf } from '../../../http/routes/auth/oauth.js';
import type { Executor } from '../../../store/executor.js';
import { apiKeyOf } from '../authentication.js';
import { visierErrors } from '../errors.js';

const tags = ['Visier: Authentication'];
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
export function scopesOf(text: string | undefined): Scope[] | undefined {
  const words = (text ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const scopes = words.flatMap((w): readonly Scope[] => {
    if (w === 'read') return readOnlyScopes;
    if (w === 'write') return allScopes;
    return isScope(w) ? [w] : [];
  });
  return [...new Set(scopes)];
}

/** The tenant a request names by its `apikey` header, if it sends one. */
async function apiKeyTenant(db: Executor, settings: AuthSettings, request: FastifyRequest) {
  const key = apiKeyOf(request);
  if (!key) return undefined;
  return (await authenticate(db, settings, { scheme: 'api_key', key }, request.core.now())).tenant;
}

/**
 * Visier's SDK sends the client id in the body as well as in HTTP Basic. RFC 6749 allows one
 * method only; the repeated id is accepted when it names the same client (a secret is not).
 */
function clientOf(
  request: FastifyRequest,
  body: { client_id?: string | undefined; client_secret?: string | undefined },
) {
  if (
    body.client_secret === undefined &&
    body.client_id !== undefined &&
    /^basic /i.test(request.headers.authorization ?? '')
  ) {
    const fromHeader = clientCredentialsOf(request, {});
    if (fromHeader.clientId !== body.client_id) {
      throw new OAuthError(
        'invalid_request',
        'client_id differs from the client of the Authorization header',
      );
    }
    return fromHeader;
  }
  return clientCredentialsOf(request, body);
}

const oauthStatus = (error: OAuthError, request: FastifyRequest) => ({
  localizedMessage: error.description,
  code: error.error,
  message: error.description,
  rci: request.id,
  userError: true,
});

/** Visier's two ways to get a token: a secure (ASID) token, and OAuth 2.0 tokens. */
export function tokenRoutes(app: FastifyInstance, settings: AuthSettings, limits: RateLimit): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v1/admin/visierSecureToken',
    {
      config: { public: true, source: 'visier' },
      preHandler: limits.byAddressAndClient,
      schema: {
        tags,
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
      const tenant = (await apiKeyTenant(core.db, settings, request))?.id ?? vanity;
      if (!tenant) {
        throw new DomainError(
          'validation.failed',
          'say which tenant: send the apikey header, or vanityName with your tenant code',
        );
      }
      const issued = await signIn(core, settings, { ...body, tenant });
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(issued.secret);
    },
  );

  api.post(
    '/v1/auth/oauth2/token',
    {
      config: { public: true, source: 'visier' },
      preHandler: limits.byAddressAndClient,
      schema: {
        tags,
        summary: 'Request a JSON Web Token (password, client_credentials, refresh_token, ASID token)',
        description:
          'Client authentication by HTTP Basic or client_id/client_secret. With an `apikey` header, the client must belong to its tenant.',
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequestBody,
        response: { 200: TokenResponse, ...visierErrors(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { core, body } = request;
      try {
        const client = { ...clientOf(request, body), scopes: scopesOf(body.scope) };
        const keyTenant = await apiKeyTenant(core.db, settings, request);
        const login = { ...client, ...(keyTenant && { tenantId: keyTenant.id }) };
        const need = (value: string | undefined, field: string) => {
          if (!value) throw new OAuthError('invalid_request', `${body.grant_type} needs ${field}`);
          return value;
        };
        const tokens = await (() => {
          switch (body.grant_type) {
            case 'password':
              return passwordGrant(core, settings, {
                ...login,
                username: need(body.username, 'username'),
                password: need(body.password, 'password'),
              });
            case 'client_credentials':
              return clientSessionGrant(core, settings, login);
            case 'refresh_token':
              return refreshGrant(core, settings, {
                ...login,
                refreshToken: need(body.refresh_token, 'refresh_token'),
              });
            case ASID_GRANT:
              return refreshGrant(core, settings, {
                ...login,
                refreshToken: need(body.asid_token, 'asid_token'),
              });
            default:
              throw new OAuthError(
                'unsupported_grant_type',
                `supported: password, client_credentials, refresh_token, ${ASID_GRANT}`,
              );
          }
        })();
        return reply.header('cache-control', 'no-store').send(tokens);
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        // Visier answers errors of its token endpoint in its Status shape (statuses declared above).
        return (reply as FastifyReply).code(error.status).send(oauthStatus(error, request));
      }
    },
  );
}
