import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import { DomainError } from '../../../core/errors.js';
import { tenantCompliance } from '../../../core/services/compliance.service.js';
import { everyRow } from '../../../core/services/page.js';
import { listProfiles } from '../../../core/services/profile.service.js';
import { AdditionalProfileInformation, ProfileAssignment } from '../compliance.schemas.js';
import { armErrors } from '../errors.js';
import { ProfileIdQuery, ProfileIds } from '../profile.schemas.js';
import { armSecurity, PROFILES, tags, type ArmRoutes } from '../route-config.js';

/** How many accounts hold each profile now, and how many of them are not compliant. */
export function profileInformationRoutes(app: FastifyInstance, arm: ArmRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: armSecurity };

  api.post(
    `${PROFILES}/AdditionalProfileInformation`,
    {
      config: arm.config('profiles:read'),
      schema: {
        ...schema,
        summary: 'Assigned and non-compliant account counts per profile ([] asks for every profile)',
        description: 'A profile id the tenant does not have is a 404 naming it: no counts are answered.',
        body: ProfileIds,
        response: { 200: AdditionalProfileInformation, ...armErrors(404) },
      },
    },
    async (request) => {
      const { core, acting, body } = request;
      const [profiles, report] = await Promise.all([
        everyRow((cursor) => listProfiles(core, acting, { cursor, limit: 500, sort: 'name' })),
        tenantCompliance(core, acting),
      ]);
      const known = new Set(profiles.map((p) => p.id));
      const unknown = body.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw new DomainError('profile.not_found', `profile ${body[unknown]} does not exist`, [
          { pointer: `/body/${unknown}`, detail: 'no such profile' },
        ]);
      }
      const counts: Static<typeof AdditionalProfileInformation> = {};
      for (const id of body.length === 0 ? known : body) {
        counts[id] = { AssignedAccountsCount: 0, NonCompliantAccountsCount: 0 };
      }
      for (const account of report.accounts) {
        for (const id of account.profileIds) {
          const count = counts[id];
          if (!count) continue;
          count.AssignedAccountsCount += 1;
          if (!account.compliant) count.NonCompliantAccountsCount += 1;
        }
      }
      return counts;
    },
  );

  api.get(
    `${PROFILES}/AssignmentsByProfileId`,
    {
      config: arm.config('assignments:read'),
      schema: {
        ...schema,
        summary: 'The accounts holding a profile now, each with whether it is compliant',
        querystring: ProfileIdQuery,
        response: { 200: Type.Array(ProfileAssignment), ...armErrors(404) },
      },
    },
    async (request) => {
      const { profileId } = request.query;
      const report = await tenantCompliance(request.core, request.acting, { profileId });
      return report.accounts.map((account) => ({
        ProfileId: profileId,
        UserId: account.user.id,
        Fqdn: account.user.directory.fqdn,
        UserName: account.user.username,
        IsNonCompliant: !account.compliant,
      }));
    },
  );
}
