import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import { assumeProfile } from '../../../auth/profile-session.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { iso } from '../../representation.js';
import { errors, IdParams, Instant } from '../../schemas/common.js';

const AssumedProfile = Type.Object({
  accessToken: Type.String({ description: 'A bearer token; it grants no scope of profiled' }),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: "Seconds: the profile's session duration (default 3600)" }),
  expiresAt: Instant,
  sessionId: Type.String({ description: 'The session (a credential) the token stands for' }),
  profileId: Type.String(),
  profileNrn: Type.String(),
  roleNrnList: Type.Array(Type.String(), { description: "The NRNs of the profile's catalog roles" }),
});

/** Temporary credentials of an assumed profile (NAVER Cloud External Access). */
export function profileSessionRoutes(settings: AuthSettings): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/profiles/:id/sessions',
      {
        config: { scope: 'profiles:assume' },
        schema: {
          tags: ['Profiles'],
          summary: 'Assume a profile: a short-lived token carrying its role NRNs',
          description:
            "The token lives the profile's `sessionDurationSeconds` (3600 when unset) and carries the " +
            'NRNs of its catalog roles in `roles` (and `profile`), and no scope. A disabled profile is a 403 ' +
            '(`profile.disabled`); disabling or deleting the profile later stops its tokens at once.',
          params: IdParams,
          response: { 201: AssumedProfile, ...errors(400, 403, 404) },
        },
      },
      async (request, reply) => {
        const assumed = await assumeProfile(
          request.core,
          settings,
          request.principal,
          tenantOf(request),
          request.params.id,
        );
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({
            accessToken: assumed.accessToken,
            tokenType: 'Bearer' as const,
            expiresIn: assumed.durationSeconds,
            expiresAt: iso(assumed.expiresAt),
            sessionId: assumed.sessionId,
            profileId: assumed.profileId,
            profileNrn: assumed.profileNrn,
            roleNrnList: assumed.roleNrnList,
          });
      },
    );
  };
}
