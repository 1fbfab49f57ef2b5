import { Type, type Static } from 'typebox';
import type { RoleKind as Kind } from '../model/role.js';
import { NullableText, StringList } from './common.js';

export const RoleName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'Unique in the tenant; what profiles name in `roles`. It never changes.',
});

export const RoleKind = Type.Union(
  [Type.Literal('external-access'), Type.Literal('server'), Type.Literal('service'), Type.Literal('user')],
  {
    description:
      'Default external-access on create. Only external-access roles may be mapped to NAVER Cloud External Access profiles',
  },
);

const changeable = {
  kind: Type.Optional(RoleKind),
  description: Type.Optional(NullableText),
  capabilities: Type.Optional({ ...StringList, description: 'Capability names the role stands for' }),
  permissions: Type.Optional({ ...StringList, description: 'Permission names the role stands for' }),
};

export const RoleCreate = Type.Object({ name: RoleName, ...changeable }, { additionalProperties: false });
export type RoleCreate = Static<typeof RoleCreate>;

// The schema's kinds are the model's, no more and no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<Static<typeof RoleKind>, Kind> = true;
void kindsMatch;

export const RolePatch = Type.Object(changeable, { additionalProperties: false, minProperties: 1 });
export type RolePatch = Static<typeof RolePatch>;
