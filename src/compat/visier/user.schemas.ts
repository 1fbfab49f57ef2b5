import { Type } from 'typebox';
import { pagingQuery, UINT32_MAX } from './paging.js';
import { AllProfileAssignedForLocalTenantDTO } from './profile.schemas.js';
import { TenantCodeQuery } from './tenant-code.js';

/** Visier's user DTOs (servicing.*), field for field as in its Administration API. */

/** In requests and in the creation answer Visier writes accountEnabled as a string. */
const AccountEnabledText = Type.Union([Type.Literal('true'), Type.Literal('false')], {
  description: 'A string, "true" or "false" (a boolean only in UserGetAPIResponseDTO)',
});
const Text = Type.String({ maxLength: 200, description: 'An empty string clears the field' });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Username = Type.String({ minLength: 1, maxLength: 200 });

export const UserCreationAPIRequestDTO = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(Text),
    employeeId: Type.Optional(Text),
    accountEnabled: Type.Optional(AccountEnabledText),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);

/** What every user answer shows; a field the user has no value for is absent. */
const shownFields = {
  username: Type.String(),
  displayName: Type.Optional(Type.String()),
  employeeId: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
};

export const UserCreationAPIResponseDTO = Type.Object({
  userId: Type.String(),
  ...shownFields,
  accountEnabled: Type.String(),
});

export const UserUpdateAPIRequestDTO = Type.Object(
  {
    displayName: Type.Optional(Text),
    employeeId: Type.Optional(Text),
    accountEnabled: Type.Optional(AccountEnabledText),
    email: Type.Optional(Email),
    username: Type.Optional(Username),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** The answer to an update: the same DTO, filled from the user as it now is. */
export const UserUpdateAPIResponseDTO = Type.Object({ ...shownFields, accountEnabled: Type.String() });

const AllPermissionsAssignedForLocalTenantDTO = Type.Object({
  assignedPermissions: Type.Array(
    Type.Object({
      permissionId: Type.String(),
      displayName: Type.String(),
      description: Type.Optional(Type.String()),
    }),
  ),
});

const AllUserGroupsAssignedForLocalTenantDTO = Type.Object({
  assignedUserGroups: Type.Array(Type.Object({ userGroupId: Type.String(), displayName: Type.String() })),
});

export const UserGetAPIResponseDTO = Type.Object({
  userId: Type.String(),
  ...shownFields,
  accountEnabled: Type.Boolean(),
  profiles: Type.Optional(AllProfileAssignedForLocalTenantDTO),
  permissions: Type.Optional(AllPermissionsAssignedForLocalTenantDTO),
  userGroups: Type.Optional(AllUserGroupsAssignedForLocalTenantDTO),
  lastLogin: Type.Optional(
    Type.Object({ timestamp: Type.String({ description: 'Epoch milliseconds: the newest sign-in' }) }),
  ),
});

export const AllUsersGetAPIResponseDTO = Type.Object({
  users: Type.Array(UserGetAPIResponseDTO),
  limit: Type.Integer(),
  start: Type.Integer(),
});

export const DeleteUserResponse = Type.Object({});

const Flags = {
  assignedProfiles: Type.Optional(Type.Boolean()),
  assignedPermissions: Type.Optional(Type.Boolean()),
  assignedUserGroups: Type.Optional(Type.Boolean()),
};

export const UserQuery = Type.Object({ ...TenantCodeQuery, ...Flags });
export const UsersQuery = Type.Object({ ...TenantCodeQuery, ...Flags, ...pagingQuery(UINT32_MAX) });
export const TenantCodeOnlyQuery = Type.Object(TenantCodeQuery);
