import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { issueCredential } from '../../../auth/credential.service.js';
import { toIso } from '../../../core/model/time.js';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { britiveErrors } from '../errors.js';
import { britiveSecurity, tags, type BritiveRoutes } from '../route-config.js';

const DAY_MS = 86_400_000;

const TokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    tokenExpirationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'Default 90' })),
  },
  { additionalProperties: false },
);

const TokenAnswer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  token: Type.String({ description: 'Send it as Authorization: TOKEN <token>; shown this once' }),
  status: Type.String(),
  tokenExpirationDays: Type.Integer(),
  createdOn: Type.String(),
  expiresOn: Type.String(),
});

/**
 * What Britive's SDK calls as it starts (HEAD /api/health, GET /api/features), and its API tokens:
 * profiled API keys of the caller's tenant, holding at most the caller's scopes.
 */
export function systemRoutes(app: FastifyInstance, britive: BritiveRoutes, deps: CompatDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/health',
    {
      config: { public: true, source: 'britive' },
      schema: {
        tags: tags.system,
        summary: 'Health (the SDK sends HEAD before anything else)',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/api/features',
    {
      config: britive.config(null),
      schema: {
        tags: tags.system,
        security: britiveSecurity,
        summary: 'The features this server offers, as Britive lists them',
        response: {
          200: Type.Array(Type.Object({ name: Type.String(), enabled: Type.Boolean() })),
          ...britiveErrors(),
        },
      },
    },
    // What profiled's Britive API serves: its resource manager, with check-outs behind it.
    async () => [
      { name: 'resource-manager', enabled: true },
      { name: 'resource-profile-checkout', enabled: true },
    ],
  );

  api.post(
    '/api/token',
    {
      config: britive.config('credentials:write'),
      schema: {
        tags: tags.system,
        security: britiveSecurity,
        summary: 'Create an API token of your tenant (a profiled API key)',
        description:
          "Any credential of the tenant that may create credentials may call it, a native bearer token included. The token holds the caller's scopes, never more.",
        body: TokenCreate,
        response: { 201: TokenAnswer, ...britiveErrors(400, 413, 415) },
      },
    },
    async (request, reply) => {
      const { core, principal, body } = request;
      const days = body.tokenExpirationDays ?? 90;
      const issued = await issueCredential(
        core,
        principal.tenant,
        'api_key',
        { name: body.name, scopes: [...principal.scopes], expiresAt: core.now() + days * DAY_MS },
        { settings: deps.auth, grantable: principal.scopes },
      );
      const { credential } = issued;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          id: credential.id,
          name: credential.name,
          token: issued.secret,
          status: 'Active',
          tokenExpirationDays: days,
          createdOn: toIso(credential.createdAt),
          expiresOn: toIso(credential.expiresAt!),
        });
    },
  );
}
