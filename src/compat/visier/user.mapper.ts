import type { AssignedProfile } from '../../core/services/assigned-profiles.service.js';
import type { Instant } from '../../core/model/time.js';
import type { Group, User } from '../../core/model/user.js';
import type { UserCreate, UserPatch } from '../../core/schemas/user.schema.js';
import type { Static } from 'typebox';
import { toAssignedLocalProfile } from './profile.mapper.js';
import type {
  UserCreationAPIResponseDTO,
  UserGetAPIResponseDTO,
  UserUpdateAPIResponseDTO,
} from './user.schemas.js';

interface VisierUserFields {
  username?: string | undefined;
  displayName?: string | undefined;
  employeeId?: string | undefined;
  accountEnabled?: 'true' | 'false' | undefined;
  email?: string | undefined;
}

/** Visier clears a text field with an empty string; profiled stores that as null. */
const cleared = (text: string | undefined) => (text === undefined ? undefined : text === '' ? null : text);

export function toUserPatch(dto: VisierUserFields): UserPatch {
  const patch: UserPatch = {};
  if (dto.username !== undefined) patch.username = dto.username;
  if (dto.displayName !== undefined) patch.displayName = cleared(dto.displayName);
  if (dto.employeeId !== undefined) patch.employeeId = cleared(dto.employeeId);
  if (dto.email !== undefined) patch.email = dto.email;
  if (dto.accountEnabled !== undefined) patch.enabled = dto.accountEnabled === 'true';
  return patch;
}

export const toUserCreate = (dto: VisierUserFields & { username: string }): UserCreate => ({
  ...toUserPatch(dto),
  username: dto.username,
});

/** The fields every user DTO shares; absent rather than null where the user has no value. */
const common = (u: User) => ({
  username: u.username,
  displayName: u.displayName ?? undefined,
  employeeId: u.employeeId ?? undefined,
  email: u.email ?? undefined,
});

/** Creation and update answers write accountEnabled as a string, as the requests do. */
export const toUserCreationResponse = (u: User): Static<typeof UserCreationAPIResponseDTO> => ({
  userId: u.id,
  ...common(u),
  accountEnabled: String(u.enabled),
});

export const toUserUpdateResponse = (u: User): Static<typeof UserUpdateAPIResponseDTO> => ({
  ...common(u),
  accountEnabled: String(u.enabled),
});

/** What the query flags asked to add to a user; absent parts were not asked for. */
export interface UserExtras {
  profiles?: AssignedProfile[];
  /** The profiles whose permissions to show. */
  permissions?: AssignedProfile[];
  groups?: Group[];
  lastLogin?: Instant | undefined;
}

/** A user's tenant profiles' permissions, each once (the first profile naming it wins). */
function permissionsOf(held: readonly AssignedProfile[]) {
  const byId = new Map<string, { permissionId: string; displayName: string; description?: string }>();
  for (const { profile } of held) {
    for (const p of profile.permissions) {
      if (!byId.has(p.permissionId)) {
        byId.set(p.permissionId, {
          permissionId: p.permissionId,
          displayName: p.name,
          ...(p.description !== null && { description: p.description }),
        });
      }
    }
  }
  return [...byId.values()];
}

/** UserGetAPIResponseDTO: here, unlike in requests, accountEnabled is a boolean. */
export const toUserGet = (u: User, extras: UserExtras): Static<typeof UserGetAPIResponseDTO> => ({
  userId: u.id,
  ...common(u),
  accountEnabled: u.enabled,
  ...(extras.profiles && { profiles: { assignedProfiles: extras.profiles.map(toAssignedLocalProfile) } }),
  ...(extras.permissions && { permissions: { assignedPermissions: permissionsOf(extras.permissions) } }),
  ...(extras.groups && {
    userGroups: {
      assignedUserGroups: extras.groups.map((g) => ({ userGroupId: g.id, displayName: g.name })),
    },
  }),
  ...(extras.lastLogin !== undefined && { lastLogin: { timestamp: String(extras.lastLogin) } }),
});
