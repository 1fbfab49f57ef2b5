import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { revokeCredential } from '../../../auth/credential.service.js';
import { signIn } from '../../../auth/password.service.js';
import { DomainError } from '../../../core/errors.js';
import { toIso } from '../../../core/model/time.js';
import { getPlacedTenant, wholeInstallation } from '../../../core/services/tenant.service.js';
import { getUser } from '../../../core/services/user.service.js';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { userAccount } from '../account.mapper.js';
import { SESSION_COOKIE } from '../authentication.js';
import { armErrors } from '../errors.js';
import { loginOf } from '../login.js';
import { armSecurity, SESSION, tags, type ArmRoutes } from '../route-config.js';
import { LoggedOut, LoginBody, Session } from '../session.schemas.js';

/** The session cookie: for the browser only (HttpOnly), sent on top-level navigations too (Lax). */
const cookie = (value: string, maxAgeSeconds: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;

/** ARM's web API login and logout, over profiled's password sessions. */
export function sessionRoutes(app: FastifyInstance, arm: ArmRoutes, deps: CompatDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    `${SESSION}/login`,
    {
      config: { public: true, source: 'solarwinds-arm' },
      preHandler: deps.limits.byAddressAndClient,
      schema: {
        tags: tags.session,
        summary: 'Sign in with a password: a SessionId, also set as the ARM.SessionId cookie',
        description:
          '`domain` is the tenant (code or id); without it the username says it, as DOMAIN\\user or user@domain.',
        security: [],
        body: LoginBody,
        response: { 200: Session, ...armErrors(429) },
      },
    },
    async (request, reply) => {
      const { core, body } = request;
      const issued = await signIn(core, deps.auth, { ...loginOf(body), password: body.password });
      const { tenantId, userId, expiresAt } = issued.credential;
      const tenant = await getPlacedTenant(core, wholeInstallation, tenantId);
      const user = await getUser(core, tenant, userId!);
      return reply
        .header('cache-control', 'no-store')
        .header('set-cookie', cookie(issued.secret, deps.auth.sessionTtlSeconds))
        .send({ SessionId: issued.secret, User: userAccount(user), ExpiresAt: toIso(expiresAt!) });
    },
  );

  api.post(
    `${SESSION}/logout`,
    {
      config: arm.config(null),
      schema: {
        tags: tags.session,
        summary: 'Sign out: revoke the session this request presents, and clear its cookie',
        security: armSecurity,
        response: { 200: LoggedOut, ...armErrors() },
      },
    },
    async (request, reply) => {
      const { principal } = request;
      if (principal.kind !== 'session') {
        throw new DomainError(
          'validation.failed',
          'this request presents no session, but another credential',
        );
      }
      await revokeCredential(request.core, principal.tenant, 'session', principal.credentialId);
      return reply.header('set-cookie', cookie('', 0)).send({ Success: true as const });
    },
  );
}
