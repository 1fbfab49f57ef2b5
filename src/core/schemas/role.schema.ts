import { Type, type Static } from 'typebox';
import { roleKinds } from '../model/role.js';
import { NullableText, StringList } from './common.js';

export const RoleName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'Unique in the tenant; what profiles name in `roles`. It never changes.',
});

export const RoleKind = Type.Union(
  roleKinds.map((k) => Type.Literal(k)),
  { description: 'Only `external-access` roles may be mapped to NAVER Cloud External Access profiles' },
);

const changeable = {
  kind: Type.Optional(RoleKind),
  description: Type.Optional(NullableText),
  capabilities: Type.Optional({ ...StringList, description: 'Capability names the role stands for' }),
  permissions: Type.Optional({ ...StringList, description: 'Permission names the role stands for' }),
};

export const RoleCreate = Type.Object(
  { name: RoleName, ...changeable, kind: Type.Optional({ ...RoleKind, default: 'external-access' }) },
  { additionalProperties: false },
);
export type RoleCreate = Static<typeof RoleCreate>;

export const RolePatch = Type.Object(changeable, { additionalProperties: false, minProperties: 1 });
export type RolePatch = Static<typeof RolePatch>;
