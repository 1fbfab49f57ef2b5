import { Type, type Static } from 'typebox';
import { DateTime, Name, NullableDateTime, NullableName, NullableText, Uuid } from '../schemas/common.js';
import { AssignmentCreate } from '../schemas/assignment.schema.js';
import { CatalogPermissionCreate, CatalogVariables } from '../schemas/catalog-permission.schema.js';
import { DirectoryCreate } from '../schemas/directory.schema.js';
import { LabelCreate } from '../schemas/label.schema.js';
import { ProfileCreate } from '../schemas/profile.schema.js';
import { ResourceTypeCreate } from '../schemas/resource-type.schema.js';
import { RoleCreate } from '../schemas/role.schema.js';
import { TenantCreate } from '../schemas/tenant.schema.js';
import { DirectoryFacts, GroupCreate, UserCreate } from '../schemas/user.schema.js';

const stamps = { id: Uuid, createdAt: DateTime, updatedAt: DateTime, version: Type.Integer({ minimum: 1 }) };
const authored = { createdBy: Name, updatedBy: Name };
const strict = { additionalProperties: false } as const;
const Count = Type.Integer({ minimum: 0 });
const { variables: _variables, ...permissionFields } = CatalogPermissionCreate.properties;
const { bindPassword: _bindPassword, ...directoryFields } = DirectoryCreate.properties;

/**
 * Which directory entry an account or a group was synced from. Absent (documents written before
 * directories were exported): left as the database has it.
 */
const directoryTie = {
  directoryId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  externalId: Type.Optional(NullableName),
  vanishedAt: Type.Optional(NullableDateTime),
};

export const TenantDoc = Type.Object(
  {
    ...TenantCreate.properties,
    ...stamps,
    // Absent (documents written before it was exported): the import draws a new one.
    accountNumber: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  },
  strict,
);
export const UserDoc = Type.Object(
  {
    ...UserCreate.properties,
    ...stamps,
    tenantId: Uuid,
    directory: Type.Optional(
      Type.Object({ ...DirectoryFacts.properties, ...directoryTie }, { additionalProperties: false }),
    ),
  },
  strict,
);
export const GroupDoc = Type.Object(
  {
    ...GroupCreate.properties,
    ...stamps,
    tenantId: Uuid,
    fqdn: Type.Optional(NullableName),
    ...directoryTie,
  },
  strict,
);
export const ProfileDoc = Type.Object(
  {
    ...ProfileCreate.properties,
    ...stamps,
    ...authored,
    tenantId: Uuid,
    lastAccessedAt: Type.Optional(NullableDateTime),
  },
  strict,
);
export const AssignmentDoc = Type.Object(
  { ...AssignmentCreate.properties, ...stamps, ...authored, tenantId: Uuid, scopeTenantId: Uuid },
  strict,
);
export const RoleDoc = Type.Object({ ...RoleCreate.properties, ...stamps, tenantId: Uuid }, strict);
export const ResourceTypeDoc = Type.Object(
  { ...ResourceTypeCreate.properties, ...stamps, tenantId: Uuid },
  strict,
);
export const PermissionVersionDoc = Type.Object(
  { version: Type.Integer({ minimum: 1 }), variables: CatalogVariables, createdAt: DateTime },
  strict,
);
/** A catalog permission with every version it has, oldest first (1, 2, ... without a gap). */
export const PermissionDoc = Type.Object(
  {
    ...permissionFields,
    ...stamps,
    tenantId: Uuid,
    versions: Type.Array(PermissionVersionDoc, { minItems: 1 }),
  },
  strict,
);
export const LabelDoc = Type.Object(
  {
    ...LabelCreate.properties,
    ...stamps,
    tenantId: Uuid,
    values: Type.Array(Type.Object({ id: Uuid, name: Name, description: NullableText }, strict)),
  },
  strict,
);
export const SyncReportDoc = Type.Object(
  {
    startedAt: DateTime,
    finishedAt: DateTime,
    accounts: Type.Object(
      { read: Count, created: Count, updated: Count, unchanged: Count, vanished: Count, failed: Count },
      strict,
    ),
    groups: Type.Object(
      { read: Count, created: Count, updated: Count, unchanged: Count, vanished: Count },
      strict,
    ),
    failures: Type.Array(
      Type.Object(
        {
          dn: Type.String(),
          kind: Type.Union([Type.Literal('account'), Type.Literal('group')]),
          reason: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);
/**
 * A directory's configuration without its bind password: the password is sealed with the
 * exporting installation's master key and stays there. An import makes a directory it creates
 * wait for its password (see ImportReport.notes); one that exists keeps its own.
 */
export const DirectoryDoc = Type.Object(
  {
    ...directoryFields,
    ...stamps,
    tenantId: Uuid,
    lastSync: Type.Optional(Type.Union([SyncReportDoc, Type.Null()])),
  },
  strict,
);
/**
 * A check-out: its assignment and policy are named as the database names them, without a
 * reference that must hold (an assignment may be removed, a policy changed, the history stays).
 */
export const CheckoutDoc = Type.Object(
  {
    id: Uuid,
    tenantId: Uuid,
    profileId: Uuid,
    userId: Uuid,
    assignmentId: Uuid,
    policyId: Name,
    checkedOutAt: DateTime,
    expiresAt: DateTime,
    extensionsUsed: Count,
    checkedInAt: NullableDateTime,
  },
  strict,
);

/**
 * The complete state of an installation, as `profiled export` writes it and `profiled import`
 * reads it: parents before children, every id, timestamp and version kept. The arrays after
 * `assignments` came later: a document without them (an older export) still reads, as having
 * none of them.
 */
export const TransferDocument = Type.Object(
  {
    format: Type.Literal('profiled'),
    formatVersion: Type.Literal(1),
    tenants: Type.Array(TenantDoc),
    users: Type.Array(UserDoc),
    groups: Type.Array(GroupDoc),
    profiles: Type.Array(ProfileDoc),
    assignments: Type.Array(AssignmentDoc),
    directories: Type.Optional(Type.Array(DirectoryDoc)),
    roles: Type.Optional(Type.Array(RoleDoc)),
    resourceTypes: Type.Optional(Type.Array(ResourceTypeDoc)),
    permissions: Type.Optional(Type.Array(PermissionDoc)),
    labels: Type.Optional(Type.Array(LabelDoc)),
    checkouts: Type.Optional(Type.Array(CheckoutDoc)),
  },
  strict,
);
export type TransferDocument = Static<typeof TransferDocument>;
export type TenantDoc = Static<typeof TenantDoc>;
export type UserDoc = Static<typeof UserDoc>;
export type GroupDoc = Static<typeof GroupDoc>;
export type ProfileDoc = Static<typeof ProfileDoc>;
export type AssignmentDoc = Static<typeof AssignmentDoc>;
export type RoleDoc = Static<typeof RoleDoc>;
export type ResourceTypeDoc = Static<typeof ResourceTypeDoc>;
export type PermissionDoc = Static<typeof PermissionDoc>;
export type LabelDoc = Static<typeof LabelDoc>;
export type DirectoryDoc = Static<typeof DirectoryDoc>;
export type CheckoutDoc = Static<typeof CheckoutDoc>;
export type SyncReportDoc = Static<typeof SyncReportDoc>;
