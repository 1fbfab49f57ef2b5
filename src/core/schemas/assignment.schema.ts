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

export const BulkAssign = Type.Object(
  {
    profileId: Uuid,
    userIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: limits.bulkUsers,
    }),
    scopeTenantId: Type.Optional(Uuid),
    includeDescendants: Type.Optional(Type.Boolean()),
    ...windowFields,
    atomic: Type.Optional(
      Type.Boolean({
        description: 'true: all or nothing in one transaction; false (default): one transaction per user.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkAssign = Static<typeof BulkAssign>;

export const BulkRevoke = Type.Object(
  {
    profileId: Uuid,
    userIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: limits.bulkUsers,
    }),
    scopeTenantId: Type.Optional(Uuid),
    atomic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BulkRevoke = Static<typeof BulkRevoke>;
