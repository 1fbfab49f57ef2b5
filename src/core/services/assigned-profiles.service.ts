import { rowsFor } from '../../store/change-feed.js';
import { findAssignmentsOfUsers } from '../../store/repositories/assignment.repository.js';
import { findProfiles } from '../../store/repositories/profile.repository.js';
import { cachedRead } from '../cache/cached-read.js';
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

/**
 * Per user, their assignments in this tenant of profiles meant for the audience (only those
 * scoped to `scopeTenantId` when given), oldest first, each with its profile. A user holding none
 * (or not of the tenant) is absent. A constant number of queries, however many users.
 */
export async function assignedProfilesOfUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
  audience: ProfileAudience,
  scopeTenantId?: string,
): Promise<Map<string, AssignedProfile[]>> {
  const assignments = await findAssignmentsOfUsers(ctx.db, tenant.id, userIds, { scopeTenantId });
  const ids = [...new Set(assignments.map((a) => a.profileId))];
  const profiles = new Map(
    (await findProfiles(ctx.db, tenant.id, ids)).filter((p) => p.audience === audience).map((p) => [p.id, p]),
  );
  const held = new Map<string, AssignedProfile[]>();
  for (const assignment of assignments) {
    const profile = profiles.get(assignment.profileId);
    if (!profile) continue;
    const ofUser = held.get(assignment.userId);
    if (ofUser) ofUser.push({ assignment, profile });
    else held.set(assignment.userId, [{ assignment, profile }]);
  }
  return held;
}

/** The user's assignments in this tenant of profiles meant for the audience, with each profile. */
export async function assignedProfiles(
  ctx: CoreContext,
  tenant: ActingTenant,
  userId: string,
  audience: ProfileAudience,
): Promise<AssignedProfile[]> {
  await getUser(ctx, tenant, userId);
  return (await assignedProfilesOfUsers(ctx, tenant, [userId], audience)).get(userId) ?? [];
}

/**
 * Per user, their tenant profiles held in the tenant itself (scoped to it, not to a tenant
 * below): what a vendor shows as "the user's profiles" of a tenant.
 */
export async function localProfilesHeldByUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, AssignedProfile[]>> {
  return assignedProfilesOfUsers(ctx, tenant, userIds, 'tenant', tenant.id);
}

/** The user's tenant profiles held in the tenant itself; an unknown user is not found. */
export async function localProfilesHeld(
  ctx: CoreContext,
  tenant: ActingTenant,
  userId: string,
): Promise<AssignedProfile[]> {
  await getUser(ctx, tenant, userId);
  return cachedRead(
    ctx,
    `held:${tenant.id}:${userId}`,
    [rowsFor('assignments', userId), 'profiles', 'profile_capabilities'],
    async () => (await localProfilesHeldByUsers(ctx, tenant, [userId])).get(userId) ?? [],
  );
}
