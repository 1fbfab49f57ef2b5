import { Type } from 'typebox';
import { limits, Uuid } from '../../core/schemas/common.js';
import { ChangeResult } from './change-result.js';

export const AssignBody = Type.Object(
  {
    ProfileId: Uuid,
    AccountIds: Type.Array(Uuid, {
      minItems: 1,
      maxItems: limits.bulkUsers,
      description: "The users' SerializedAccountIds",
    }),
  },
  { additionalProperties: false },
);

export const AssignmentChanges = ChangeResult(
  Type.Array(
    Type.Object({
      AccountId: Type.String(),
      AssignmentIds: Type.Array(Type.String(), {
        description: 'The assignments made or updated (Assign), or removed (Unassign)',
      }),
    }),
  ),
  'Per account, the assignments changed',
);
