import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { User } from '../../core/model/user.js';
import { localProfilesHeldByUsers } from '../../core/services/assigned-profiles.service.js';
import { groupsOfUsers, lastLogins } from '../../core/services/user-listing.service.js';
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
  // One query per kind of detail for the whole page, never one per user.
  const ids = users.map((u) => u.id);
  const logins = await lastLogins(core, tenant, ids);
  const held =
    flags.assignedProfiles || flags.assignedPermissions
      ? await localProfilesHeldByUsers(core, tenant, ids)
      : undefined;
  const groups = flags.assignedUserGroups ? await groupsOfUsers(core, tenant, ids) : undefined;
  return users.map((user) => {
    const extras: UserExtras = { lastLogin: logins.get(user.id) };
    if (held) {
      const profiles = held.get(user.id) ?? [];
      if (flags.assignedProfiles) extras.profiles = profiles;
      if (flags.assignedPermissions) extras.permissions = profiles;
    }
    if (groups) extras.groups = groups.get(user.id) ?? [];
    return toUserGet(user, extras);
  });
}
