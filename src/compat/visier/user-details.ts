import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { User } from '../../core/model/user.js';
import { localProfilesHeld } from '../../core/services/assigned-profiles.service.js';
import { groupsOfUser, lastLogins } from '../../core/services/user-listing.service.js';
import { toUserGet, type UserExtras } from './user.mapper.js';

export interface DetailFlags {
  assignedProfiles?: boolean | undefined;
  assignedPermissions?: boolean | undefined;
  assignedUserGroups?: boolean | undefined;
}

/**
 * Users in UserGetAPIResponseDTO, with what the query flags ask for. Profiles (and the
 * permissions they carry) are the tenant profiles assigned in this very tenant, as
 * `GET /v1/admin/users/{userId}/profiles` shows them.
 */
export async function toUserDetails(
  core: CoreContext,
  tenant: ActingTenant,
  users: readonly User[],
  flags: DetailFlags,
) {
  const logins = await lastLogins(
    core,
    tenant,
    users.map((u) => u.id),
  );
  const details = [];
  for (const user of users) {
    const extras: UserExtras = { lastLogin: logins.get(user.id) };
    if (flags.assignedProfiles || flags.assignedPermissions) {
      const held = await localProfilesHeld(core, tenant, user.id);
      if (flags.assignedProfiles) extras.profiles = held;
      if (flags.assignedPermissions) extras.permissions = held;
    }
    if (flags.assignedUserGroups) extras.groups = await groupsOfUser(core, tenant, user.id);
    details.push(toUserGet(user, extras));
  }
  return details;
}
