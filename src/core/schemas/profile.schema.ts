import { Type, type Static } from 'typebox';
import { FreeObject, Name, NullableName, NullableText, StringList, limits } from './common.js';
import { DirectoryAttribute } from './user.schema.js';

export const AccessLevel = Type.Union(
  [Type.Literal('NoAccess'), Type.Literal('Read'), Type.Literal('Write')],
  {
    description: 'NoAccess < Read < Write',
  },
);
export const ViewLevel = Type.Union([Type.Literal('Simple'), Type.Literal('Detailed')], {
  description: 'Simple < Detailed',
});

export const CapabilityGrant = Type.Object(
  { capability: Name, accessLevel: AccessLevel, viewLevel: ViewLevel },
  { additionalProperties: false },
);

export const DesiredGroup = Type.Object(
  { name: Name, provider: Type.Optional(NullableName), sid: Type.Optional(NullableName) },
  { additionalProperties: false },
);

export const PermissionVariable = Type.Object(
  {
    name: Name,
    value: Type.Optional(Type.Union([Type.String({ maxLength: limits.text }), Type.Null()])),
    isSystemDefined: Type.Optional(Type.Boolean()),
    promptAtCheckout: Type.Optional(Type.Boolean()),
    type: Type.Optional(Type.Union([Type.Literal('String'), Type.Literal('password')])),
    regexPattern: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 1000 }), Type.Null()])),
    description: Type.Optional(NullableText),
  },
  { additionalProperties: false },
);

export const ProfilePermission = Type.Object(
  {
    permissionId: Name,
    name: Name,
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    description: Type.Optional(NullableText),
    resourceTypeId: Type.Optional(NullableName),
    resourceType: Type.Optional(NullableName),
    variables: Type.Optional(Type.Array(PermissionVariable, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const PolicyMember = Type.Object(
  {
    id: Name,
    memberType: Type.Union([
      Type.Literal('User'),
      Type.Literal('Tag'),
      Type.Literal('ServiceIdentity'),
      Type.Literal('Token'),
    ]),
  },
  { additionalProperties: false },
);

const LabelValues = Type.Record(Type.String({ minLength: 1, maxLength: limits.name }), StringList, {
  maxProperties: 100,
});

const Milliseconds = Type.Union([Type.Integer({ minimum: 0, maximum: 31_536_000_000 }), Type.Null()]);

export const CheckoutSettings = Type.Object(
  {
    durationMs: Type.Optional(Milliseconds),
    extendable: Type.Optional(Type.Boolean()),
    extensionDurationMs: Type.Optional(Milliseconds),
    extensionLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1000 }), Type.Null()])),
    notifyBeforeExpiryMs: Type.Optional(Milliseconds),
    exclusive: Type.Optional(Type.Boolean()),
    delegationEnabled: Type.Optional(Type.Boolean()),
    policyOrderingEnabled: Type.Optional(Type.Boolean()),
  },
  {
    additionalProperties: false,
    description: 'How the profile is checked out; fields left out keep their value',
  },
);

export const ProfilePolicy = Type.Object(
  {
    id: Name,
    name: Name,
    description: Type.Optional(NullableText),
    isActive: Type.Optional(Type.Boolean()),
    isDraft: Type.Optional(Type.Boolean()),
    isReadOnly: Type.Optional(Type.Boolean()),
    accessType: Type.Optional(Type.Union([Type.Literal('Allow'), Type.Literal('Deny')])),
    condition: Type.Optional(Type.Union([FreeObject, Type.Null()])),
    members: Type.Optional(Type.Array(PolicyMember, { maxItems: limits.listItems })),
    resourceLabels: Type.Optional(LabelValues),
  },
  { additionalProperties: false },
);

const profileFields = {
  name: Name,
  description: Type.Optional(NullableText),
  enabled: Type.Optional(Type.Boolean()),
  audience: Type.Optional(Type.Union([Type.Literal('tenant'), Type.Literal('accessible-tenants')])),
  color: Type.Optional(Type.Union([Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }), Type.Null()])),
  initials: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 4 }), Type.Null()])),
  capabilities: Type.Optional(Type.Array(CapabilityGrant, { maxItems: 200 })),
  additionalCapabilities: Type.Optional(StringList),
  roles: Type.Optional(StringList),
  sessionDurationSeconds: Type.Optional(
    Type.Union([Type.Integer({ minimum: 60, maximum: 31_536_000 }), Type.Null()], {
      description: 'How long a session under this profile may last; null for the service default.',
    }),
  ),
  desiredGroups: Type.Optional(Type.Array(DesiredGroup, { maxItems: limits.listItems })),
  desiredLdapAttributes: Type.Optional(Type.Array(DirectoryAttribute, { maxItems: limits.listItems })),
  associations: Type.Optional(LabelValues),
  permissions: Type.Optional(Type.Array(ProfilePermission, { maxItems: limits.listItems })),
  policies: Type.Optional(Type.Array(ProfilePolicy, { maxItems: 200 })),
  advancedSettings: Type.Optional(FreeObject),
  checkout: Type.Optional(CheckoutSettings),
};

export const ProfileCreate = Type.Object(profileFields, { additionalProperties: false });
export type ProfileCreate = Static<typeof ProfileCreate>;

export const ProfilePatch = Type.Object(
  { ...profileFields, name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
);
export type ProfilePatch = Static<typeof ProfilePatch>;
