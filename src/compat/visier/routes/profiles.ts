import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { profileOfAudience } from '../../../core/services/assigned-profiles.service.js';
import { bulkAssign, bulkRevoke } from '../../../core/services/bulk-assignment.service.js';
import { parseWindow } from '../epoch.js';
import { visierErrors } from '../errors.js';
import { errorDto, revokeFailure } from '../profile.mapper.js';
import {
  LocalTenantProfileAssignmentRequestDTO,
  LocalTenantProfileAssignmentResponseDTO,
  LocalTenantProfileRevokeRequestDTO,
  LocalTenantProfileRevokeResponseDTO,
  ProfileIdParams,
} from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';
import { profileReadRoutes } from './profile-reads.js';

/** Tenant profiles: those of the tenant the request acts on (TargetTenantID, or the caller's own). */
export function profileRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: visierSecurity };

  profileReadRoutes(app, visier, {
    audience: 'tenant',
    listPaths: ['/v1/admin/profiles'],
    onePath: '/v1/admin/profiles/:profileId',
    summaries: { list: 'Retrieve a list of all profiles', one: 'Retrieve the details of a profile' },
  });

  api.put(
    '/v1/admin/profiles/:profileId/assign',
    {
      config: visier.config('assignments:write'),
      schema: {
        ...schema,
        summary: 'Assign a profile to a list of users',
        description:
          'Unknown user ids are reported in badUserIds; the other users are assigned. Setting validityEndTime in the past revokes.',
        params: ProfileIdParams,
        body: LocalTenantProfileAssignmentRequestDTO,
        response: { 200: LocalTenantProfileAssignmentResponseDTO, ...visierErrors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, body } = request;
      const profileId = request.params.profileId;
      const { validFrom, validUntil } = parseWindow(body);
      await profileOfAudience(core, acting, profileId, 'tenant');
      const outcome = await bulkAssign(core, acting, {
        profileId,
        userIds: body.targetUserIds,
        scopeTenantId: acting.id,
        validFrom,
        validUntil,
      });
      const failures = outcome.results.flatMap((r) =>
        r.ok ? [] : [{ userId: r.userId, error: errorDto(r.error, request.id), code: r.error.code }],
      );
      const strip = ({ userId, error }: (typeof failures)[number]) => ({ userId, error });
      return {
        errors: failures.length > 0,
        badUserIds: failures.filter((f) => f.code === 'user.not_found').map(strip),
        failedAssignments: failures.filter((f) => f.code !== 'user.not_found').map(strip),
        successfulAssignments: outcome.results.filter((r) => r.ok).map((r) => ({ userId: r.userId })),
      };
    },
  );

  api.delete(
    '/v1/admin/profiles/:profileId/remove',
    {
      config: visier.config('assignments:write'),
      schema: {
        ...schema,
        summary: 'Remove a profile from a list of users',
        params: ProfileIdParams,
        body: LocalTenantProfileRevokeRequestDTO,
        response: { 200: LocalTenantProfileRevokeResponseDTO, ...visierErrors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const profileId = request.params.profileId;
      await profileOfAudience(core, acting, profileId, 'tenant');
      const outcome = await bulkRevoke(core, acting, {
        profileId,
        userIds: request.body.targetUserIds,
        scopeTenantId: acting.id,
      });
      return {
        failed: outcome.results.flatMap((r) =>
          r.ok ? [] : [{ userId: r.userId, message: revokeFailure(r.error) }],
        ),
        succeeded: outcome.results.filter((r) => r.ok).map((r) => ({ userId: r.userId })),
      };
    },
  );
}
