import { Type } from 'typebox';
import { DirectoryAttribute } from '../../core/schemas/user.schema.js';
import { Address } from '../../core/schemas/tenant.schema.js';
import { VariableType } from '../../core/schemas/catalog-permission.schema.js';
import { CapabilityGrant, PolicyMember } from '../../core/schemas/profile.schema.js';
import { RoleKind } from '../../core/schemas/role.schema.js';
import { Instant, NullableInstant } from './common.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Obj = Type.Object({}, { additionalProperties: true });

export const TenantSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    parentId: NullableString,
    enabled: Type.Boolean(),
    address: Type.Union([Address, Type.Null()]),
    settings: Obj,
    accountNumber: Type.String({
      description: 'Given once, unique in the installation: the account in NAVER Cloud NRNs',
    }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'Tenant' },
);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    username: Type.String(),
    displayName: NullableString,
    employeeId: NullableString,
    email: NullableString,
    givenName: NullableString,
    familyName: NullableString,
    nickname: NullableString,
    role: NullableString,
    locale: NullableString,
    enabled: Type.Boolean(),
    directory: Type.Object({
      provider: NullableString,
      fqdn: NullableString,
      sid: NullableString,
      actualGroups: Type.Array(Type.String()),
      actualAttributes: Type.Array(DirectoryAttribute),
      directoryId: Type.Union([Type.String(), Type.Null()], {
        description: 'The directory the account is synced from; null: kept by hand',
      }),
      externalId: Type.Union([Type.String(), Type.Null()], {
        description: "The directory's stable id of the entry (entryUUID, objectGUID)",
      }),
      vanishedAt: Type.Union([Instant, Type.Null()], {
        description: 'When a sync last found the entry gone from its directory; null: present',
      }),
    }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'User' },
);

export const GroupSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    description: NullableString,
    provider: NullableString,
    sid: NullableString,
    fqdn: Type.Union([Type.String(), Type.Null()], { description: "The group's DN, when synced" }),
    directoryId: NullableString,
    externalId: NullableString,
    vanishedAt: NullableInstant,
    memberIds: Type.Array(Type.String(), {
      description: 'For a synced group: every account in it, directly or through nested groups',
    }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'Group' },
);

export const CapabilitySchema = Type.Object(
  { name: Type.String(), displayName: Type.String(), description: Type.String() },
  { $id: 'Capability' },
);

const PermissionSchema = Type.Object({
  permissionId: Type.String(),
  name: Type.String(),
  version: Type.String(),
  description: NullableString,
  resourceTypeId: NullableString,
  resourceType: NullableString,
  variables: Type.Array(
    Type.Object({
      name: Type.String(),
      value: NullableString,
      isSystemDefined: Type.Boolean(),
      promptAtCheckout: Type.Boolean(),
      type: Type.String(),
      regexPattern: NullableString,
      description: NullableString,
    }),
  ),
});

export const ProfileSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    description: NullableString,
    enabled: Type.Boolean(),
    audience: Type.String(),
    color: NullableString,
    initials: NullableString,
    capabilities: Type.Array(CapabilityGrant),
    additionalCapabilities: Type.Array(Type.String()),
    roles: Type.Array(Type.String()),
    sessionDurationSeconds: Type.Union([Type.Integer(), Type.Null()]),
    desiredGroups: Type.Array(
      Type.Object(
        { name: Type.String(), provider: NullableString, sid: NullableString },
        { additionalProperties: false },
      ),
    ),
    desiredLdapAttributes: Type.Array(DirectoryAttribute),
    associations: Type.Record(Type.String(), Type.Array(Type.String())),
    permissions: Type.Array(PermissionSchema),
    policies: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        description: NullableString,
        isActive: Type.Boolean(),
        isDraft: Type.Boolean(),
        isReadOnly: Type.Boolean(),
        accessType: Type.String(),
        condition: Type.Union([Obj, Type.Null()]),
        members: Type.Array(PolicyMember),
        resourceLabels: Type.Record(Type.String(), Type.Array(Type.String())),
      }),
    ),
    advancedSettings: Obj,
    checkout: Type.Object({
      durationMs: Type.Union([Type.Integer(), Type.Null()]),
      extendable: Type.Boolean(),
      extensionDurationMs: Type.Union([Type.Integer(), Type.Null()]),
      extensionLimit: Type.Union([Type.Integer(), Type.Null()]),
      notifyBeforeExpiryMs: Type.Union([Type.Integer(), Type.Null()]),
      exclusive: Type.Boolean(),
      delegationEnabled: Type.Boolean(),
      policyOrderingEnabled: Type.Boolean(),
    }),
    createdAt: Instant,
    createdBy: Type.String(),
    updatedAt: Instant,
    updatedBy: Type.String(),
    lastAccessedAt: NullableInstant,
    version: Type.Integer(),
  },
  { $id: 'Profile' },
);

export const AssignmentSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    profileId: Type.String(),
    userId: Type.String(),
    scopeTenantId: Type.String(),
    includeDescendants: Type.Boolean(),
    validFrom: NullableInstant,
    validUntil: NullableInstant,
    createdAt: Instant,
    createdBy: Type.String(),
    updatedAt: Instant,
    updatedBy: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'Assignment' },
);

export const CheckoutSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    profileId: Type.String(),
    userId: Type.String({ description: 'The holder' }),
    assignmentId: Type.String({ description: 'The assignment that gives the holder the profile' }),
    policyId: Type.String({ description: 'The policy that allowed the check-out' }),
    status: Type.Union([Type.Literal('checkedOut'), Type.Literal('checkedIn'), Type.Literal('expired')], {
      description: 'At the time of the answer',
    }),
    checkedOutAt: Instant,
    expiresAt: { ...Instant, description: 'Exclusive; moved by each extension' },
    extensionsUsed: Type.Integer(),
    checkedInAt: NullableInstant,
  },
  { $id: 'Checkout' },
);

export const ResourceTypeSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    description: NullableString,
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'ResourceType' },
);

export const PermissionVersionSchema = Type.Object(
  {
    version: Type.Integer({ description: 'From 1; the newest is the highest' }),
    variables: Type.Array(Type.Object({ name: Type.String(), type: VariableType })),
    createdAt: Instant,
  },
  { $id: 'PermissionVersion' },
);

export const CatalogPermissionSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    resourceTypeId: Type.String(),
    name: Type.String(),
    description: NullableString,
    isDraft: Type.Boolean(),
    versions: Type.Array(Type.Ref('PermissionVersion'), { description: 'Oldest first' }),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer({ description: "The record's own version (its ETag), not a catalog version" }),
  },
  { $id: 'CatalogPermission' },
);

export const LabelSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    keyName: Type.String(),
    description: NullableString,
    values: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), description: NullableString })),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'Label' },
);

export const RoleSchema = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    name: Type.String(),
    kind: RoleKind,
    description: NullableString,
    capabilities: Type.Array(Type.String()),
    permissions: Type.Array(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'Role' },
);
