import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { bulkAssign, bulkRevoke } from '../../../core/services/bulk-assignment.service.js';
import { assignmentChanges } from '../assignment.mapper.js';
import { AssignBody, AssignmentChanges } from '../assignment.schemas.js';
import { changeResult } from '../change-result.js';
import { armErrors } from '../errors.js';
import { armSecurity, PROFILES, tags, type ArmRoutes } from '../route-config.js';

/**
 * Assigning a profile to accounts and taking it away, through core's bulk assignment (all the
 * accounts or none), so that the native API and effective access see it at once.
 */
export function assignmentRoutes(app: FastifyInstance, arm: ArmRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: armSecurity, body: AssignBody };
  const config = arm.config('assignments:write');
  const response = { 200: AssignmentChanges, ...armErrors(404) };

  api.post(
    `${PROFILES}/Assign`,
    {
      config,
      schema: {
        ...schema,
        summary:
          'Assign a profile to accounts, without end (an account holding it already keeps its one assignment)',
        response,
      },
    },
    async (request) => {
      const { ProfileId, AccountIds } = request.body;
      const outcome = await bulkAssign(request.core, request.acting, {
        profileId: ProfileId,
        userIds: AccountIds,
        atomic: true,
      });
      return changeResult(
        request,
        assignmentChanges(outcome, AccountIds, (v) => [v.assignment.id]),
      );
    },
  );

  api.post(
    `${PROFILES}/Unassign`,
    {
      config,
      schema: {
        ...schema,
        summary: 'Take a profile away from accounts: every assignment of it they hold (none held: 404)',
        response,
      },
    },
    async (request) => {
      const { ProfileId, AccountIds } = request.body;
      const outcome = await bulkRevoke(request.core, request.acting, {
        profileId: ProfileId,
        userIds: AccountIds,
        atomic: true,
      });
      return changeResult(
        request,
        assignmentChanges(outcome, AccountIds, (removed) => removed.map((a) => a.id)),
      );
    },
  );
}
