import { Type, type Static } from 'typebox';
import { Name, NullableText } from './common.js';

const resourceTypeFields = {
  name: Name,
  description: Type.Optional(NullableText),
};

export const ResourceTypeCreate = Type.Object(resourceTypeFields, { additionalProperties: false });
export type ResourceTypeCreate = Static<typeof ResourceTypeCreate>;

export const ResourceTypePatch = Type.Object(
  { ...resourceTypeFields, name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type ResourceTypePatch = Static<typeof ResourceTypePatch>;
