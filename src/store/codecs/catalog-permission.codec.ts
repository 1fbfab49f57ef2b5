import type { Insertable, Updateable } from 'kysely';
import type {
  CatalogPermission,
  CatalogVariable,
  PermissionVersion,
} from '../../core/model/catalog-permission.js';
import type {
  CatalogPermissionTable,
  CatalogPermissionVersionTable,
} from '../tables/catalog-permission.table.js';
import { fromFlag, parseJsonColumn, toFlag, toJsonColumn } from './columns.js';

/** What a write may change of a permission; versions are added, never changed. */
export type CatalogPermissionChanges = Partial<
  Pick<CatalogPermission, 'name' | 'description' | 'isDraft' | 'updatedAt'>
>;

export function permissionVersionFromRow(row: CatalogPermissionVersionTable): PermissionVersion {
  return {
    version: row.version,
    variables: parseJsonColumn<CatalogVariable[]>(row.variables, 'catalog_permission_versions.variables'),
    createdAt: row.created_at,
  };
}

export function permissionVersionToRow(
  permissionId: string,
  version: PermissionVersion,
): CatalogPermissionVersionTable {
  return {
    permission_id: permissionId,
    version: version.version,
    variables: toJsonColumn(version.variables),
    created_at: version.createdAt,
  };
}

/** A permission from its row and its versions' rows (which live in catalog_permission_versions). */
export function catalogPermissionFromRow(
  row: CatalogPermissionTable,
  versions: readonly CatalogPermissionVersionTable[],
): CatalogPermission {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    resourceTypeId: row.resource_type_id,
    name: row.name,
    description: row.description,
    isDraft: fromFlag(row.is_draft),
    versions: versions.map(permissionVersionFromRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The permission's own row; its versions are rows of catalog_permission_versions. */
export function catalogPermissionToRow(permission: CatalogPermission): Insertable<CatalogPermissionTable> {
  return {
    id: permission.id,
    tenant_id: permission.tenantId,
    resource_type_id: permission.resourceTypeId,
    name: permission.name,
    description: permission.description,
    is_draft: toFlag(permission.isDraft),
    created_at: permission.createdAt,
    updated_at: permission.updatedAt,
    version: permission.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function catalogPermissionChangesToRow(
  changes: CatalogPermissionChanges,
): Updateable<CatalogPermissionTable> {
  return {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.isDraft !== undefined && { is_draft: toFlag(changes.isDraft) }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
