import { Type, type Static } from 'typebox';
import { DateTime, Name, NullableDateTime, Uuid } from '../schemas/common.js';
import { AssignmentCreate } from '../schemas/assignment.schema.js';
import { ProfileCreate } from '../schemas/profile.schema.js';
import { TenantCreate } from '../schemas/tenant.schema.js';
import { GroupCreate, UserCreate } from '../schemas/user.schema.js';

const stamps = { id: Uuid, createdAt: DateTime, updatedAt: DateTime, version: Type.Integer({ minimum: 1 }) };
const authored = { createdBy: Name, updatedBy: Name };
const strict = { additionalProperties: false } as const;

export const TenantDoc = Type.Object({ ...TenantCreate.properties, ...stamps }, strict);
export const UserDoc = Type.Object({ ...UserCreate.properties, ...stamps, tenantId: Uuid }, strict);
export const GroupDoc = Type.Object({ ...GroupCreate.properties, ...stamps, tenantId: Uuid }, strict);
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

/**
 * The complete state of an installation, as `profiled export` writes it and `profiled import`
 * reads it: parents before children, every id, timestamp and version kept.
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
  },
  strict,
);
export type TransferDocument = Static<typeof TransferDocument>;
export type TenantDoc = Static<typeof TenantDoc>;
export type UserDoc = Static<typeof UserDoc>;
export type GroupDoc = Static<typeof GroupDoc>;
export type ProfileDoc = Static<typeof ProfileDoc>;
export type AssignmentDoc = Static<typeof AssignmentDoc>;
