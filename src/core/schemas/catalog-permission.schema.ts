import { Type, type Static } from 'typebox';
import { VARIABLE_NAME, VARIABLE_NAME_MAX_LENGTH } from '../model/catalog-permission.js';
import { Name, NullableText, Uuid, limits } from './common.js';

export const VariableType = Type.Union([Type.Literal('String'), Type.Literal('password')], {
  description: '`password`: the value bound to it is a secret (default String)',
});

export const CatalogVariable = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: VARIABLE_NAME_MAX_LENGTH,
      pattern: VARIABLE_NAME.source,
      description: 'A letter or `_`, then letters, digits, `_`, `.` or `-`; unique in the version',
    }),
    type: Type.Optional(VariableType),
  },
  { additionalProperties: false },
);

export const CatalogVariables = Type.Array(CatalogVariable, { maxItems: limits.permissionVariables });

export const PermissionVersionCreate = Type.Object(
  { variables: Type.Optional(CatalogVariables) },
  { additionalProperties: false },
);
export type PermissionVersionCreate = Static<typeof PermissionVersionCreate>;

const permissionFields = {
  name: Name,
  description: Type.Optional(NullableText),
  isDraft: Type.Optional(Type.Boolean({ description: 'Default false' })),
};

export const CatalogPermissionCreate = Type.Object(
  {
    resourceTypeId: Uuid,
    ...permissionFields,
    variables: Type.Optional({
      ...CatalogVariables,
      description: 'The variables of version 1 (default none)',
    }),
  },
  { additionalProperties: false },
);
export type CatalogPermissionCreate = Static<typeof CatalogPermissionCreate>;

/** A permission keeps its resource type; its versions are added, never changed. */
export const CatalogPermissionPatch = Type.Object(
  { ...permissionFields, name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type CatalogPermissionPatch = Static<typeof CatalogPermissionPatch>;
