import { listAssignments } from '../../store/repositories/assignment.repository.js';
import { findUsers } from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Assignment } from '../model/assignment.js';
import type { Profile } from '../model/profile.js';
import type { User } from '../model/user.js';
import { everyRow } from './page.js';
import { listProfiles } from './profile.service.js';
import { resolveTenantRef, tenantCodes } from './tenant.service.js';

const PAGE = 200;
/** Users are fetched by id in chunks, to stay under the databases' bound-parameter limits. */
const USER_CHUNK = 500;

/** One assignment with what a report shows beside it. */
export interface AssignmentFacts {
  assignment: Assignment;
  profile: Profile;
  user: User;
  /** The code of the tenant the assignment is scoped to. */
  scopeTenantCode: string;
}

export interface TenantAssignments {
  tenant: { id: string; code: string };
  assignments: AssignmentFacts[];
}

async function usersById(ctx: CoreContext, tenantId: string, ids: readonly string[]) {
  const users = new Map<string, User>();
  for (let i = 0; i < ids.length; i += USER_CHUNK) {
    for (const user of await findUsers(ctx.db, tenantId, ids.slice(i, i + USER_CHUNK))) {
      users.set(user.id, user);
    }
  }
  return users;
}

/**
 * Every assignment a tenant holds (its profiles given to its users, whatever their scope), with
 * the profile, the user and the scope's code. The tenant is the acting one, or one inside its
 * subtree named by id or code (outside: tenant.not_found).
 */
export async function tenantAssignments(
  ctx: CoreContext,
  acting: ActingTenant,
  tenantRef?: string,
): Promise<TenantAssignments> {
  const tenant = await resolveTenantRef(
    ctx,
    acting,
    tenantRef === undefined || tenantRef === '' ? acting.id : tenantRef,
  );
  const owner: ActingTenant = { id: tenant.id, path: tenant.path };
  const assignments = await everyRow((cursor) =>
    listAssignments(ctx.db, owner.id, {}, { cursor, limit: PAGE, sort: 'createdAt' }),
  );
  const profiles = new Map(
    (await everyRow((cursor) => listProfiles(ctx, owner, { cursor, limit: PAGE, sort: 'name' }))).map((p) => [
      p.id,
      p,
    ]),
  );
  const users = await usersById(ctx, owner.id, [...new Set(assignments.map((a) => a.userId))]);
  const codes = await tenantCodes(ctx, owner, [...new Set(assignments.map((a) => a.scopeTenantId))]);
  return {
    tenant: { id: tenant.id, code: tenant.code },
    assignments: assignments.flatMap((assignment) => {
      const profile = profiles.get(assignment.profileId);
      const user = users.get(assignment.userId);
      // Assignments go with their profile and user (foreign keys): a miss is a row deleted meanwhile.
      if (!profile || !user) return [];
      const scopeTenantCode = codes.get(assignment.scopeTenantId) ?? assignment.scopeTenantId;
      return [{ assignment, profile, user, scopeTenantCode }];
    }),
  };
}
