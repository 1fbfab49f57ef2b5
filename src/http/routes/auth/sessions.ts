import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import { revokeCredential } from '../../../auth/credential.service.js';
import { changeOwnPassword, signIn } from '../../../auth/password.service.js';
import { DomainError } from '../../../core/errors.js';
import type { RateLimit } from '../../plugins/rate-limit.js';
import { iso } from '../../representation.js';
import { errors, NullableInstant } from '../../schemas/common.js';
import { PasswordChange, PasswordChanged, ScopeList } from '../../schemas/credentials.js';

const tags = ['Authentication'];

const SignIn = Type.Object(
  {
    tenant: Type.String({ minLength: 1, maxLength: 100, description: 'Tenant code or id' }),
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    scopes: Type.Optional(ScopeList),
  },
  { additionalProperties: false },
);

const Session = Type.Object({
  token: Type.String({ description: 'Send as "Authorization: Bearer <token>"; shown this once' }),
  tokenType: Type.Literal('Bearer'),
  sessionId: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  scopes: Type.Array(Type.String()),
});

const WhoAmI = Type.Object({
  credentialId: Type.String(),
  kind: Type.String(),
  principal: Type.String(),
  tenantId: Type.String(),
  actingTenantId: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  expiresAt: NullableInstant,
});

/** Sign-in sessions for users with a password, and the caller's own identity. */
export function sessionRoutes(settings: AuthSettings, limits: RateLimit): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/sessions',
      {
        config: { public: true },
        preHandler: limits.byAddressAndClient,
        schema: {
          tags,
          summary: 'Sign in with a password: a session token',
          security: [],
          body: SignIn,
          response: { 201: Session, ...errors(400, 401, 413, 415, 429) },
        },
      },
      async (request, reply) => {
        const issued = await signIn(request.core, settings, request.body);
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({
            token: issued.secret,
            tokenType: 'Bearer' as const,
            sessionId: issued.credential.id,
            expiresAt: iso(issued.credential.expiresAt!),
            scopes: issued.credential.scopes,
          });
      },
    );

    app.delete(
      '/v1/sessions/current',
      {
        config: { scope: null },
        schema: {
          tags,
          summary: 'Sign out: revoke the session this request presents',
          // 404: a Target-Tenant outside the subtree, as on every route that acts from a tenant.
          response: { 204: Type.Null(), ...errors(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const { principal } = request;
        if (principal.kind !== 'session') {
          throw new DomainError(
            'validation.failed',
            'this request presents no session (it uses another kind of credential)',
          );
        }
        await revokeCredential(request.core, principal.tenant, 'session', principal.credentialId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v1/whoami',
      {
        config: { scope: null },
        schema: {
          tags,
          summary: 'The credential this request presents: its tenant, user, scopes and expiry',
          response: { 200: WhoAmI, ...errors(401, 404) },
        },
      },
      async (request) => {
        const p = request.principal;
        return {
          credentialId: p.credentialId,
          kind: p.kind,
          principal: p.label,
          tenantId: p.tenant.id,
          actingTenantId: request.acting.id,
          userId: p.userId,
          scopes: [...p.scopes],
          expiresAt: p.expiresAt === null ? null : iso(p.expiresAt),
        };
      },
    );

    app.put(
      '/v1/whoami/password',
      {
        config: { scope: null },
        preHandler: limits.byAddressAndClient,
        schema: {
          tags,
          summary: 'Change your own password; revokes all your sessions and their tokens, this one too',
          body: PasswordChange,
          response: { 200: PasswordChanged, ...errors(400, 401, 404, 413, 415, 429) },
        },
      },
      async (request) => changeOwnPassword(request.core, settings, request.principal, request.body),
    );
  };
}
