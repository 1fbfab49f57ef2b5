import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  assignedProfiles,
  localProfilesHeld,
  type AssignedProfile,
} from '../../../core/services/assigned-profiles.service.js';
import { representedOnce, sendSerializedOnce } from '../../kit/serialized-once.js';
import { tenantCodes } from '../../../core/services/tenant.service.js';
import { visierErrors } from '../errors.js';
import { toAssignedAccessibleProfile, toAssignedLocalProfile } from '../profile.mapper.js';
import {
  AllProfileAssignedForAccessibleTenantDTO,
  AllProfileAssignedForLocalTenantDTO,
  UserIdParams,
} from '../profile.schemas.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';

const localProfilesBody = (held: readonly AssignedProfile[]) => ({
  assignedProfiles: held.map(toAssignedLocalProfile),
});

/** The profiles a user holds: in the tenant itself, and for the tenants it administers. */
export function userProfileRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: visierSecurity, params: UserIdParams };

  api.get(
    '/v1/admin/users/:userId/profiles',
    {
      config: visier.config('assignments:read'),
      schema: {
        ...schema,
        summary: "Retrieve a user's profiles",
        response: { 200: AllProfileAssignedForLocalTenantDTO, ...visierErrors(400, 404) },
      },
    },
    async (request, reply) => {
      const held = await localProfilesHeld(request.core, request.acting, request.params.userId);
      // The read cache hands out the same list while nothing it was read from changes: its
      // answer (no instant in it) is mapped and serialized once.
      return sendSerializedOnce(reply, representedOnce(held, localProfilesBody));
    },
  );

  api.get(
    '/v1/admin/users/:userId/accessible-tenant-profiles',
    {
      config: visier.config('assignments:read', { ownTenantOnly: true }),
      schema: {
        ...schema,
        summary: "Retrieve an administrating tenant user's analytic tenant profiles",
        response: { 200: AllProfileAssignedForAccessibleTenantDTO, ...visierErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const held = await assignedProfiles(core, acting, request.params.userId, 'accessible-tenants');
      const codes = await tenantCodes(core, acting, [
        ...new Set(held.map((h) => h.assignment.scopeTenantId)),
      ]);
      return {
        assignedProfilesForAccessibleTenant: held.map((h) =>
          toAssignedAccessibleProfile(h, codes.get(h.assignment.scopeTenantId) ?? h.assignment.scopeTenantId),
        ),
      };
    },
  );
}
