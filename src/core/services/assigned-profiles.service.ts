import { listAssignments } from '../../store/repositories/assignment.repository.js';
import { findProfiles } from '../../store/repositories/profile.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Assignment } from '../model/assignment.js';
import type { Profile, ProfileAudience } from '../model/profile.js';
import { everyRow } from './page.js';
import { getProfile, listProfiles } from './profile.service.js';
import { getUser } from './user.service.js';
import { DomainError } from '../errors.js';

const PAGE = 200;

/** Every profile of the tenant meant for one audience, by name. */
export async function profilesOfAudience(
  ctx: CoreContext,
  tenant: ActingTenant,
  audience: ProfileAudience,
): Promise<Profile[]> {
  return everyRow((cursor) =>
    listProfiles(ctx, tenant, { filter: `audience eq "${audience}"`, cursor, limit: PAGE, sort: 'name' }),
  );
}

/** A profile of the tenant meant for this audience; a profile for another audience is not found. */
export async function profileOfAudience(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  audience: ProfileAudience,
): Promise<Profile> {
  const profile = await getProfile(ctx, tenant, id);
  if (profile.audience !== audience)
    throw new DomainError('profile.not_found', `profile ${id} does not exist`);
  return profile;
}

export interface AssignedProfile {
  assignment: Assignment;
  profile: Profile;
}

/** The user's assignments in this tenant of profiles meant for the audience, with each profile. */
export async function assignedProfiles(
  ctx: CoreContext,
  tenant: ActingTenant,
  userId: string,
  audience: ProfileAudience,
): Promise<AssignedProfile[]> {
  await getUser(ctx, tenant, userId);
  const assignments = await everyRow((cursor) =>
    listAssignments(ctx.db, tenant.id, { userId }, { cursor, limit: PAGE, sort: 'createdAt' }),
  );
  const ids = [...new Set(assignments.map((a) => a.profileId))];
  const profiles = new Map(
    (await findProfiles(ctx.db, tenant.id, ids)).filter((p) => p.audience === audience).map((p) => [p.id, p]),
  );
  return assignments.flatMap((assignment) => {
    const profile = profiles.get(assignment.profileId);
    return profile ? [{ assignment, profile }] : [];
  });
}

/**
 * The user's tenant profiles held in the tenant itself (scoped to it, not to a tenant below): what
 * a vendor shows as "the user's profiles" of a tenant.
 */
export async function localProfilesHeld(
  ctx: CoreContext,
  tenant: ActingTenant,
  userId: string,
): Promise<AssignedProfile[]> {
  const held = await assignedProfiles(ctx, tenant, userId, 'tenant');
  return held.filter((h) => h.assignment.scopeTenantId === tenant.id);
}
