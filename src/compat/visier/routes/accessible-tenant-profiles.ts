import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { profileOfAudience, profilesOfAudience } from '../../../core/services/assigned-profiles.service.js';
import {
  assignForTenants,
  revokeForTenants,
  type TenantTarget,
} from '../../../core/services/tenant-bulk.service.js';
import { parseEpoch } from '../epoch.js';
import { visierErrors } from '../errors.js';
import {
  toAccessibleAssignResponse,
  toAccessibleRemoveResponse,
  toVisierProfile,
} from '../profile.mapper.js';
import {
  AccessibleTenantProfileAssignmentRequestDTO,
  AccessibleTenantProfileAssignmentResponseDTO,
  AccessibleTenantProfileRevokeRequestDTO,
  AccessibleTenantProfileRevokeResponseDTO,
  ProfileGetAPIResponseDTO,
  ProfileIdParams,
  ProfilesGetAPIResponseDTO,
} from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';

const targetsOf = (codes: readonly { tenantCode: string; forAllChildren?: boolean | string | undefined }[]) =>
  codes.map((c): TenantTarget => ({
    tenant: c.tenantCode,
    includeDescendants: c.forAllChildren === true || c.forAllChildren === 'true',
  }));

/**
 * Analytic-tenant profiles: profiles of the administrating tenant meant for the tenants it
 * administers, assigned to its users for chosen tenants (and, with forAllChildren, those below).
 */
export function accessibleTenantProfileRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: visierSecurity };
  const own = { ownTenantOnly: true };

  const list = {
    config: visier.config('profiles:read', own),
    schema: {
      ...schema,
      summary: 'Retrieve a list of analytic tenant profiles',
      response: { 200: ProfilesGetAPIResponseDTO, ...visierErrors(404) },
    },
  };
  const listProfiles = async (request: FastifyRequest) => ({
    profiles: (await profilesOfAudience(request.core, request.acting, 'accessible-tenants')).map(
      toVisierProfile,
    ),
  });
  api.get('/v1/admin/profiles/accessible-tenants', list, listProfiles);
  // The path Visier's own code samples use.
  api.get('/v1/admin/accessible-tenants', list, listProfiles);

  api.get(
    '/v1/admin/profiles/accessible-tenants/:profileId',
    {
      config: visier.config('profiles:read', own),
      schema: {
        ...schema,
        summary: 'Retrieve the details of an analytic tenant profile',
        params: ProfileIdParams,
        response: { 200: ProfileGetAPIResponseDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) =>
      toVisierProfile(
        await profileOfAudience(request.core, request.acting, request.params.profileId, 'accessible-tenants'),
      ),
  );

  api.put(
    '/v1/admin/profiles/accessible-tenants/:profileId/assign',
    {
      config: visier.config('assignments:write', own),
      schema: {
        ...schema,
        summary: 'Assign an analytic tenant profile to administrating tenant users',
        description:
          'For each user and tenant code; forAllChildren also grants the tenants below. Unknown users go to badUserIds, unknown tenant codes to badTenantCodes; the rest are assigned. Setting validityEndTime in the past revokes.',
        params: ProfileIdParams,
        body: AccessibleTenantProfileAssignmentRequestDTO,
        response: {
          200: AccessibleTenantProfileAssignmentResponseDTO,
          ...visierErrors(400, 404, 413, 415),
        },
      },
    },
    async (request) => {
      const { core, acting, body } = request;
      const profileId = request.params.profileId;
      const validFrom = parseEpoch(body.validityStartTime, 'validityStartTime');
      const validUntil = parseEpoch(body.validityEndTime, 'validityEndTime');
      await profileOfAudience(core, acting, profileId, 'accessible-tenants');
      const outcome = await assignForTenants(core, acting, {
        profileId,
        userIds: body.targetUserIds,
        targets: targetsOf(body.targetTenantCodes),
        validFrom,
        validUntil,
      });
      return toAccessibleAssignResponse(outcome, request.id);
    },
  );

  api.delete(
    '/v1/admin/profiles/accessible-tenants/:profileId/remove',
    {
      config: visier.config('assignments:write', own),
      schema: {
        ...schema,
        summary: 'Remove an analytic tenant profile from administrating tenant users',
        params: ProfileIdParams,
        body: AccessibleTenantProfileRevokeRequestDTO,
        response: { 200: AccessibleTenantProfileRevokeResponseDTO, ...visierErrors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, body } = request;
      const profileId = request.params.profileId;
      await profileOfAudience(core, acting, profileId, 'accessible-tenants');
      const outcome = await revokeForTenants(core, acting, {
        profileId,
        userIds: body.targetUserIds,
        targets: targetsOf(body.targetTenantCodes),
      });
      return toAccessibleRemoveResponse(outcome);
    },
  );
}
