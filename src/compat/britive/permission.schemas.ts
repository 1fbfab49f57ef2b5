import { Type } from 'typebox';
import { PageOf } from './paging.js';

const Text = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

export const VariableBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    value: Text(4000),
    isSystemDefined: Type.Optional(Type.Boolean()),
    promptAtCheckout: Type.Optional(Type.Boolean()),
    type: Type.Optional(Type.String({ maxLength: 20, description: 'Ignored: the permission declares it' })),
    regexPattern: Text(1000),
    description: Text(1000),
  },
  { additionalProperties: false },
);

export const ProfilePermissionBody = Type.Object(
  {
    permissionId: Type.String({ minLength: 1, maxLength: 200 }),
    version: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Integer({ minimum: 1 })], {
        description:
          'A version number (as a number or text), or latest (default): it then follows the newest',
      }),
    ),
    permissionName: Text(200),
    resourceTypeId: Text(200),
    resourceTypeName: Text(200),
    description: Text(4000),
    variables: Type.Optional(Type.Array(VariableBody, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const VariablesBody = Type.Object(
  { variables: Type.Array(VariableBody, { maxItems: 100 }) },
  { additionalProperties: false },
);

export const VariableValues = Type.Object({
  name: Type.String(),
  value: Type.Optional(Type.String()),
  isSystemDefined: Type.Boolean(),
  promptAtCheckout: Type.Boolean(),
  type: Type.String(),
  regexPattern: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
});

export const ProfilePermissionDto = Type.Object({
  permissionId: Type.String(),
  version: Type.String(),
  permissionName: Type.String(),
  description: Type.Optional(Type.String()),
  resourceTypeId: Type.String(),
  resourceTypeName: Type.String(),
  variables: Type.Array(VariableValues),
});

export const ResourcePermissionDetailsDto = Type.Object({
  permissionId: Type.String(),
  name: Type.String(),
  resourceTypeName: Type.String(),
  isDraft: Type.Boolean(),
  createdOn: Type.String(),
  versionCount: Type.Integer(),
  version: Type.String(),
});

export const ProfilePermissionSummary = PageOf(ProfilePermissionDto);
export const ResourcePermissionSummary = PageOf(ResourcePermissionDetailsDto);

export const ProfilePermissionParams = Type.Object({
  profileId: Type.String({ minLength: 1, maxLength: 200 }),
  permissionId: Type.String({ minLength: 1, maxLength: 200 }),
});

export const SystemValuesQuery = Type.Object(
  { resourceTypeId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
