import { Type } from 'typebox';

export const KeyValue = Type.Object({ Key: Type.String(), Value: Type.String() });

const Nullable = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

const accountFields = {
  ResourceTypeGuid: Type.String({
    description:
      "The account's resource type: a name-based UUID of its provider, the same for every account of it",
  }),
  SerializedAccountId: Type.String({
    description:
      'The account id other calls take: the user or group id; for a desired group no group record has, its SID or name',
  }),
  UriKey: Nullable('The distinguished name (fqdn) the directory reports'),
  DisplayName: Type.String(),
  Provider: Nullable('The directory the account lives in (AD, LDAP, an IdP), as synced'),
  IsGroup: Type.Boolean(),
  Sid: Nullable('The security identifier the directory reports'),
  Guid: Nullable("The account's GUID: the directory's object GUID when synced, else profiled's id"),
  Description: Nullable("A group's description; null for a user"),
  Attributes: Type.Array(KeyValue, { description: "The directory attributes last synced (a user's)" }),
  ExtendedAttributes: Type.Array(KeyValue, {
    description:
      "What profiled knows besides the directory's attributes: a user's UserName, Email, GivenName, FamilyName",
  }),
};
const TypeId = Type.Integer({ description: '1 a user, 2 a group' });

export const AccountModel = Type.Object(
  {
    ...accountFields,
    Children: Type.Array(Type.Object({ ...accountFields, TypeId }), {
      description: 'Groups nested in a group: profiled groups hold users only, so always []',
    }),
    TypeId,
  },
  { description: 'An account (user or group) of a directory' },
);

/** `?accountId=&provider=`: both required, each missing one a 400 naming it. */
export const AccountQuery = Type.Object(
  {
    accountId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "The account's SerializedAccountId (its profiled id), its Guid or its Sid",
    }),
    provider: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Its provider; an account with another provider is not found',
    }),
  },
  { required: ['accountId', 'provider'], additionalProperties: false },
);
