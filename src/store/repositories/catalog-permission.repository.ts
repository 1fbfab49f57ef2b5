import { sql, type SqlBool } from 'kysely';
import type { CatalogPermission, PermissionVersion } from '../../core/model/catalog-permission.js';
import {
  catalogPermissionChangesToRow,
  catalogPermissionFromRow,
  catalogPermissionToRow,
  permissionVersionFromRow,
  permissionVersionToRow,
  type CatalogPermissionChanges,
} from '../codecs/catalog-permission.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { CatalogPermissionTable } from '../tables/catalog-permission.table.js';
import { rowsByParent } from './rows-by-parent.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const permissionFields: FieldMap = {
  id: { column: 'catalog_permissions.id', type: 'string', sortable: true },
  name: { column: 'catalog_permissions.name', type: 'string', sortable: true },
  description: { column: 'catalog_permissions.description', type: 'string' },
  resourceTypeId: { column: 'catalog_permissions.resource_type_id', type: 'string', sortable: true },
  isDraft: { column: 'catalog_permissions.is_draft', type: 'boolean' },
  createdAt: { column: 'catalog_permissions.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'catalog_permissions.updated_at', type: 'instant', sortable: true },
  version: { column: 'catalog_permissions.version', type: 'number' },
};

/**
 * The list engine ends every sort in `id`: a version's number is its id within its permission.
 * (The permission is fixed by the query.)
 */
const versionFields: FieldMap = {
  id: { column: 'catalog_permission_versions.version', type: 'number', sortable: true },
  version: { column: 'catalog_permission_versions.version', type: 'number', sortable: true },
  createdAt: { column: 'catalog_permission_versions.created_at', type: 'instant', sortable: true },
};

/** The permissions of these rows, each with its versions oldest first, in one more query. */
async function withVersions(
  db: Executor,
  rows: readonly CatalogPermissionTable[],
): Promise<CatalogPermission[]> {
  const ids = rows.map((r) => r.id);
  const versionRows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('catalog_permission_versions')
          .selectAll()
          .where('permission_id', 'in', ids)
          .orderBy('permission_id')
          .orderBy('version')
          .execute();
  const versions = rowsByParent(ids, versionRows, (v) => v.permission_id);
  return rows.map((row) => catalogPermissionFromRow(row, versions.get(row.id) ?? []));
}

/** Which of the tenant's permissions a listing takes: all, or those of some resource types. */
export interface PermissionSelection {
  resourceTypeIds?: readonly string[] | undefined;
  /** Permissions to leave out (those a profile holds already, for its available permissions). */
  excludingIds?: readonly string[] | undefined;
}

function permissionsOf(
  db: Executor,
  tenantId: string,
  { resourceTypeIds, excludingIds }: PermissionSelection,
) {
  let base = db
    .selectFrom('catalog_permissions')
    .selectAll('catalog_permissions')
    .where('catalog_permissions.tenant_id', '=', tenantId);
  if (excludingIds !== undefined && excludingIds.length > 0) {
    base = base.where('catalog_permissions.id', 'not in', excludingIds);
  }
  if (resourceTypeIds === undefined) return base;
  // No resource type selects nothing; the filter and sort are still checked, as for any list.
  return resourceTypeIds.length === 0
    ? base.where(sql<SqlBool>`1 = 0`)
    : base.where('catalog_permissions.resource_type_id', 'in', resourceTypeIds);
}

export async function findCatalogPermission(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CatalogPermission | undefined> {
  const row = await permissionsOf(db, tenantId, {})
    .where('catalog_permissions.id', '=', id)
    .executeTakeFirst();
  return row && (await withVersions(db, [row]))[0];
}

export async function listCatalogPermissions(
  db: Executor,
  tenantId: string,
  selection: PermissionSelection,
  params: ListParams,
): Promise<Page<CatalogPermission>> {
  const page = await listPage(permissionsOf(db, tenantId, selection), permissionFields, params, 'name');
  return { ...page, rows: await withVersions(db, page.rows) };
}

/** Whether any permission of the tenant belongs to this resource type. */
export async function resourceTypeHasPermissions(
  db: Executor,
  tenantId: string,
  resourceTypeId: string,
): Promise<boolean> {
  const row = await permissionsOf(db, tenantId, { resourceTypeIds: [resourceTypeId] })
    .clearSelect()
    .select('catalog_permissions.id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A page of a permission's versions (the caller has found the permission in the tenant; the
 * join keeps another tenant's versions out all the same).
 */
export async function listPermissionVersions(
  db: Executor,
  tenantId: string,
  permissionId: string,
  params: ListParams,
): Promise<Page<PermissionVersion>> {
  const base = db
    .selectFrom('catalog_permission_versions')
    .innerJoin('catalog_permissions', 'catalog_permissions.id', 'catalog_permission_versions.permission_id')
    .selectAll('catalog_permission_versions')
    .where('catalog_permissions.tenant_id', '=', tenantId)
    .where('catalog_permission_versions.permission_id', '=', permissionId);
  const page = await listPage(base, versionFields, params, 'version');
  return { ...page, rows: page.rows.map(permissionVersionFromRow) };
}

/** Inserts the permission and its versions. */
export async function insertCatalogPermission(db: Executor, permission: CatalogPermission): Promise<void> {
  await db.insertInto('catalog_permissions').values(catalogPermissionToRow(permission)).execute();
  if (permission.versions.length === 0) return;
  await db
    .insertInto('catalog_permission_versions')
    .values(permission.versions.map((v) => permissionVersionToRow(permission.id, v)))
    .execute();
}

/** Changes the permission at `expectedVersion`; its versions stay as they are. */
export async function updateCatalogPermission(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: CatalogPermissionChanges,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'catalog_permissions',
    { tenantId, id },
    expectedVersion,
    catalogPermissionChangesToRow(changes),
  );
}

/**
 * Appends a version to the permission at `expectedVersion` (which moves on, so that two writers
 * cannot both add the same number); answers whether it was still there at that version.
 */
export async function addPermissionVersion(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  version: PermissionVersion,
): Promise<boolean> {
  const changed = await updateCatalogPermission(db, tenantId, id, expectedVersion, {
    updatedAt: version.createdAt,
  });
  if (changed)
    await db.insertInto('catalog_permission_versions').values(permissionVersionToRow(id, version)).execute();
  return changed;
}

export async function deleteCatalogPermission(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'catalog_permissions', { tenantId, id }, expectedVersion);
}
