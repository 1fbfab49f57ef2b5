import { Type, type Static } from 'typebox';
import { Name, NullableName, StringList, Uuid, limits } from './common.js';

export const DirectoryAttribute = Type.Object(
  { name: Name, value: Type.String({ maxLength: limits.text }) },
  { additionalProperties: false },
);

export const DirectoryFacts = Type.Object(
  {
    provider: Type.Optional(NullableName),
    fqdn: Type.Optional(NullableName),
    sid: Type.Optional(NullableName),
    actualGroups: Type.Optional(StringList),
    actualAttributes: Type.Optional(Type.Array(DirectoryAttribute, { maxItems: limits.listItems })),
  },
  { additionalProperties: false },
);

const userFields = {
  username: Name,
  displayName: Type.Optional(NullableName),
  employeeId: Type.Optional(NullableName),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
  givenName: Type.Optional(NullableName),
  familyName: Type.Optional(NullableName),
  nickname: Type.Optional(NullableName),
  role: Type.Optional(NullableName),
  locale: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 35 }), Type.Null()])),
  enabled: Type.Optional(Type.Boolean()),
  directory: Type.Optional(DirectoryFacts),
};

export const UserCreate = Type.Object(userFields, { additionalProperties: false });
export type UserCreate = Static<typeof UserCreate>;

export const UserPatch = Type.Object(
  { ...userFields, username: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

const groupFields = {
  name: Name,
  description: Type.Optional(Type.Union([Type.String({ maxLength: limits.text }), Type.Null()])),
  provider: Type.Optional(NullableName),
  sid: Type.Optional(NullableName),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: limits.groupMembers, uniqueItems: true })),
};

export const GroupCreate = Type.Object(groupFields, { additionalProperties: false });
export type GroupCreate = Static<typeof GroupCreate>;

export const GroupPatch = Type.Object(
  { ...groupFields, name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type GroupPatch = Static<typeof GroupPatch>;
