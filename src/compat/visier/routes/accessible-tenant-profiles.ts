import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { profileOfAudience } from '../../../core/services/assigned-profiles.service.js';
import {
  assignForTenants,
  revokeForTenants,
  type TenantTarget,
} from '../../../core/services/tenant-targeted-assignment.service.js';
import { parseWindow } from '../epoch.js';
import { visierErrors } from '../errors.js';
import { toAccessibleAssignResponse, toAccessibleRemoveResponse } from '../profile.mapper.js';
import {
  AccessibleTenantProfileAssignmentRequestDTO,
  AccessibleTenantProfileAssignmentResponseDTO,
  AccessibleTenantProfileRevokeRequestDTO,
  AccessibleTenantProfileRevokeResponseDTO,
  ProfileIdParams,
} from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';
import { profileReadRoutes } from './profile-reads.js';

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

  profileReadRoutes(app, visier, {
    audience: 'accessible-tenants',
    // The second is the path Visier's own code samples use.
    listPaths: ['/v1/admin/profiles/accessible-tenants', '/v1/admin/accessible-tenants'],
    onePath: '/v1/admin/profiles/accessible-tenants/:profileId',
    ownTenantOnly: true,
    summaries: {
      list: 'Retrieve a list of analytic tenant profiles',
      one: 'Retrieve the details of an analytic tenant profile',
    },
  });

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
      const { validFrom, validUntil } = parseWindow(body);
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
