import { Type, type Static } from 'typebox';
import { NullableDateTime, Uuid, limits } from './common.js';

const windowFields = {
  validFrom: Type.Optional(NullableDateTime),
  validUntil: Type.Optional(NullableDateTime),
};

export const AssignmentCreate = Type.Object(
  {
    profileId: Uuid,
    userId: Uuid,
    scopeTenantId: Type.Optional(Uuid),
    includeDescendants: Type.Optional(Type.Boolean()),
    ...windowFields,
  },
  { additionalProperties: false },
);
export type AssignmentCreate = Static<typeof AssignmentCreate>;

export const AssignmentPatch = Type.Object(
  { includeDescendants: Type.Optional(Type.Boolean()), ...windowFields },
  { additionalProperties: false, minProperties: 1 },
);
export type AssignmentPatch = Static<typeof AssignmentPatch>;

/** The users of a bulk request: up to limits.bulkUsers ids, a repeated one counted once. */
const BulkUserIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: limits.bulkUsers,
  description: `Up to ${limits.bulkUsers.toLocaleString('en')} user ids; an id repeated is one user.`,
});

export const BulkAssign = Type.Object(
  {
    profileId: Uuid,
    userIds: BulkUserIds,
    scopeTenantId: Type.Optional(Uuid),
    includeDescendants: Type.Optional(Type.Boolean()),
    ...windowFields,
    atomic: Type.Optional(
      Type.Boolean({
        description:
          'true: all or nothing: when a user fails, nothing is written and every result says why; false (default): every user that can be assigned is.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkAssign = Static<typeof BulkAssign>;

export const BulkRevoke = Type.Object(
  {
    profileId: Uuid,
    userIds: BulkUserIds,
    scopeTenantId: Type.Optional(Uuid),
    atomic: Type.Optional(
      Type.Boolean({
        description:
          'true: all or nothing: when a user fails, nothing is removed and every result says why; false (default): every user that holds the profile loses it.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkRevoke = Static<typeof BulkRevoke>;
