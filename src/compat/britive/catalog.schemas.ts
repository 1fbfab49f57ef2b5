import { Type } from 'typebox';

const Text = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ minLength: 1, maxLength: 200 });

export const ResourceTypeBody = Type.Object(
  {
    name: Name,
    description: Text(4000),
    // The SDK's `fields` go here: resource parameters profiled does not keep.
    parameters: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const ResourceTypePatchBody = Type.Object(
  { ...ResourceTypeBody.properties, name: Type.Optional(Name) },
  { additionalProperties: false },
);

export const ResourceTypeDto = Type.Object({
  resourceTypeId: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  createdOn: Type.String(),
  modifiedOn: Type.String(),
});

/** The resource types: the SDK's `types.list()` reads `['data']` itself, so the answer is not an inline page. */
export const ResourceTypeList = Type.Object({
  count: Type.Integer(),
  page: Type.Integer(),
  data: Type.Array(ResourceTypeDto),
});

const Variable = Type.Union([
  Type.String({ minLength: 1, maxLength: 120, description: '`name`, or `name:password` for a secret' }),
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100 }),
      type: Type.Optional(Type.Union([Type.Literal('String'), Type.Literal('password')])),
    },
    { additionalProperties: true },
  ),
]);

export const PermissionBody = Type.Object(
  {
    name: Name,
    resourceTypeId: Id,
    description: Text(4000),
    isDraft: Type.Optional(Type.Boolean()),
    variables: Type.Optional(Type.Array(Variable, { maxItems: 100 })),
  },
  // The SDK's file fields (checkinFileName, checkoutTimeLimit, inlineFileExists...) are taken and not kept.
  { additionalProperties: true, maxProperties: 30 },
);

export const PermissionPatchBody = Type.Object(
  { ...PermissionBody.properties, name: Type.Optional(Name), resourceTypeId: Type.Optional(Id) },
  { additionalProperties: true, maxProperties: 30 },
);

export const CatalogVariableDto = Type.Object({ name: Type.String(), type: Type.String() });

export const PermissionDto = Type.Object({
  permissionId: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  resourceTypeId: Type.String(),
  resourceTypeName: Type.Optional(Type.String()),
  isDraft: Type.Boolean(),
  version: Type.String({ description: 'The newest version' }),
  versionCount: Type.Integer(),
  variables: Type.Array(CatalogVariableDto),
  createdOn: Type.String(),
});

export const PermissionVersionDto = Type.Object({
  permissionId: Type.String(),
  version: Type.String(),
  variables: Type.Array(CatalogVariableDto),
  createdOn: Type.String(),
});

const LabelValue = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), description: Text(4000) },
  { additionalProperties: true },
);

export const LabelBody = Type.Object(
  {
    keyName: Name,
    description: Text(4000),
    values: Type.Optional(Type.Array(LabelValue, { maxItems: 500 })),
  },
  { additionalProperties: false },
);

export const LabelPatchBody = Type.Object(
  { ...LabelBody.properties, keyName: Type.Optional(Name) },
  { additionalProperties: false },
);

export const LabelDto = Type.Object({
  keyId: Type.String(),
  keyName: Type.String(),
  description: Type.Optional(Type.String()),
  values: Type.Array(
    Type.Object({ valueId: Type.String(), name: Type.String(), description: Type.Optional(Type.String()) }),
  ),
});

export const IdParams = Type.Object({ id: Id });
export const VersionParams = Type.Object({ id: Id, version: Type.String({ minLength: 1, maxLength: 40 }) });
