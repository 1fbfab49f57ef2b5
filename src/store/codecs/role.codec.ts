import type { Insertable, Updateable } from 'kysely';
import type { Role, RoleKind } from '../../core/model/role.js';
import type { RoleTable } from '../tables/role.table.js';
import { parseJsonColumn, toJsonColumn } from './columns.js';

/** What a write may change of a role (never its name). */
export type RoleChanges = Partial<
  Pick<Role, 'kind' | 'description' | 'capabilities' | 'permissions' | 'updatedAt'>
>;

export function roleFromRow(row: RoleTable): Role {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind as RoleKind,
    description: row.description,
    capabilities: parseJsonColumn<string[]>(row.capabilities, 'roles.capabilities'),
    permissions: parseJsonColumn<string[]>(row.permissions, 'roles.permissions'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function roleToRow(role: Role): Insertable<RoleTable> {
  return {
    id: role.id,
    tenant_id: role.tenantId,
    name: role.name,
    kind: role.kind,
    description: role.description,
    capabilities: toJsonColumn(role.capabilities),
    permissions: toJsonColumn(role.permissions),
    created_at: role.createdAt,
    updated_at: role.updatedAt,
    version: role.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function roleChangesToRow(changes: RoleChanges): Updateable<RoleTable> {
  return {
    ...(changes.kind !== undefined && { kind: changes.kind }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.capabilities !== undefined && { capabilities: toJsonColumn(changes.capabilities) }),
    ...(changes.permissions !== undefined && { permissions: toJsonColumn(changes.permissions) }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
