import { Type } from 'typebox';
import { limits } from '../../core/schemas/common.js';

/** Visier's profile DTOs (servicing.*), field for field as in its Administration API. */

export const CapabilitiesDTO = Type.Object({
  capability: Type.String(),
  accessLevel: Type.String({ description: 'NoAccess, Read or Write' }),
  viewLevel: Type.String({ description: 'Simple or Detailed' }),
});

export const ProfileGetAPIResponseDTO = Type.Object({
  profileId: Type.String(),
  displayName: Type.String(),
  capabilities: Type.Array(CapabilitiesDTO),
  additionalCapabilities: Type.Array(Type.String()),
});

export const ProfilesGetAPIResponseDTO = Type.Object({ profiles: Type.Array(ProfileGetAPIResponseDTO) });

/**
 * One profile's details: the spec's object, plus the same profile in a `profiles` array, the
 * shape Visier's documented samples show. Clients are told to ignore unknown fields, so a script
 * written from either reads what it expects.
 */
export const ProfileDetailAnswer = Type.Object({
  ...ProfileGetAPIResponseDTO.properties,
  profiles: Type.Array(ProfileGetAPIResponseDTO, {
    description: 'The same profile, as Visier’s samples show it ({"profiles":[{...}]})',
  }),
});

const Epoch = Type.Union([Type.String({ maxLength: 25 }), Type.Integer()], {
  description: 'Epoch milliseconds as a string; "-9223372036854775808" / "9223372036854775807" for open ends',
});
/** A tenant profile's users, as many as a native bulk request takes. */
const UserIds = Type.Array(Type.String({ maxLength: 100 }), { maxItems: limits.bulkUsers });
/** An analytic-tenant profile's users: each is assigned for every tenant code, so fewer. */
const AccessibleUserIds = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 });
/** `forAllChildren` arrives as a boolean, and as "true"/"false" in Visier's own samples. */
const Flag = Type.Union([Type.Boolean(), Type.Union([Type.Literal('true'), Type.Literal('false')])]);

export const TargetTenantCodeDTO = Type.Object(
  { tenantCode: Type.String({ minLength: 1, maxLength: 200 }), forAllChildren: Type.Optional(Flag) },
  { additionalProperties: false },
);

export const LocalTenantProfileAssignmentRequestDTO = Type.Object(
  {
    targetUserIds: UserIds,
    validityStartTime: Type.Optional(Epoch),
    validityEndTime: Type.Optional(Epoch),
  },
  { additionalProperties: false },
);

export const AccessibleTenantProfileAssignmentRequestDTO = Type.Object(
  {
    targetUserIds: AccessibleUserIds,
    targetTenantCodes: Type.Array(TargetTenantCodeDTO, { maxItems: 1000 }),
    validityStartTime: Type.Optional(Epoch),
    validityEndTime: Type.Optional(Epoch),
  },
  { additionalProperties: false },
);

export const LocalTenantProfileRevokeRequestDTO = Type.Object(
  { targetUserIds: UserIds },
  { additionalProperties: false },
);

export const AccessibleTenantProfileRevokeRequestDTO = Type.Object(
  {
    targetUserIds: AccessibleUserIds,
    targetTenantCodes: Type.Array(TargetTenantCodeDTO, { maxItems: 1000 }),
  },
  { additionalProperties: false },
);

const ErrorDTO = Type.Object({
  rootCauseId: Type.String(),
  errorCode: Type.String(),
  errorMessage: Type.String(),
});
const ReducedErrorDTO = Type.Object({ errorMessage: Type.String() });
const UserIdErrorDTO = Type.Object({ userId: Type.String(), error: ErrorDTO });
const UserIdOnly = Type.Object({ userId: Type.String() });
const TenantCodeErrorDTO = Type.Object({
  tenantCode: Type.String(),
  forAllChildren: Type.Boolean(),
  error: ErrorDTO,
});
const UserTenant = Type.Object({
  userId: Type.String(),
  tenantCode: Type.String(),
  forAllChildren: Type.Boolean(),
});

export const LocalTenantProfileAssignmentResponseDTO = Type.Object({
  errors: Type.Boolean(),
  badUserIds: Type.Array(UserIdErrorDTO),
  failedAssignments: Type.Array(UserIdErrorDTO),
  successfulAssignments: Type.Array(UserIdOnly),
});

export const AccessibleTenantProfileAssignmentResponseDTO = Type.Object({
  errors: Type.Boolean(),
  badTenantCodes: Type.Array(TenantCodeErrorDTO),
  badUserIds: Type.Array(UserIdErrorDTO),
  failedAssignments: Type.Array(Type.Object({ ...UserTenant.properties, error: ErrorDTO })),
  successfulAssignments: Type.Array(UserTenant),
});

export const LocalTenantProfileRevokeResponseDTO = Type.Object({
  failed: Type.Array(Type.Object({ userId: Type.String(), message: Type.String() })),
  succeeded: Type.Array(UserIdOnly),
});

export const AccessibleTenantProfileRevokeResponseDTO = Type.Object({
  badTenantCodes: Type.Array(
    Type.Object({ tenantCode: Type.String(), forAllChildren: Type.Boolean(), error: ReducedErrorDTO }),
  ),
  badUserIds: Type.Array(Type.Object({ userId: Type.String(), error: ReducedErrorDTO })),
  unaffectedUsers: Type.Array(UserIdOnly),
  succeeded: Type.Array(UserIdOnly),
  failed: Type.Array(Type.Object({ userId: Type.String(), message: Type.String() }), {
    description:
      'Not in the schema, but in the answer Visier documents for this call: the users that could not be removed, and why',
  }),
});

export const ProfileAssignedForLocalTenantDTO = Type.Object({
  profileId: Type.String(),
  displayName: Type.String(),
  validityStartTime: Type.String(),
  validityEndTime: Type.String(),
  capabilities: Type.Array(CapabilitiesDTO),
  additionalCapabilities: Type.Object({ additionalCapabilities: Type.Array(Type.String()) }),
});

export const AllProfileAssignedForLocalTenantDTO = Type.Object({
  assignedProfiles: Type.Array(ProfileAssignedForLocalTenantDTO),
});

export const ProfileAssignedForAccessibleTenantDTO = Type.Object({
  profileId: Type.String(),
  displayName: Type.String(),
  tenantCode: Type.String(),
  forAllChildren: Type.Boolean(),
  validityStartTime: Type.String(),
  validityEndTime: Type.String(),
});

export const AllProfileAssignedForAccessibleTenantDTO = Type.Object({
  assignedProfilesForAccessibleTenant: Type.Array(ProfileAssignedForAccessibleTenantDTO),
});

export const ProfileIdParams = Type.Object({ profileId: Type.String({ minLength: 1, maxLength: 100 }) });
export const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) });
