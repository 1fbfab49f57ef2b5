import { isForeignKeyViolation } from '../../store/executor.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import * as permissions from '../../store/repositories/catalog-permission.repository.js';
import { findResourceType } from '../../store/repositories/resource-type.repository.js';
import { audited } from '../audit/audit.service.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { CatalogPermission } from '../model/catalog-permission.js';
import { limits } from '../schemas/common.js';
import type {
  CatalogPermissionCreate,
  CatalogPermissionPatch,
} from '../schemas/catalog-permission.schema.js';
import { versionVariables } from './permission-version.js';
import { getResourceType } from './resource-type.service.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'permission.name_in_use' as const,
    message: `permission name "${name}" is already in use in its resource type`,
  },
];

const noSuchResourceType = (id: string) =>
  new DomainError('reference.not_found', `resource type ${id} does not exist in this tenant`, [
    { pointer: '/resourceTypeId', detail: 'no such resource type' },
  ]);

/** What a permission is read from: its row and its versions. */
export const permissionTables = ['catalog_permissions', 'catalog_permission_versions'] as const;

export async function getPermission(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
): Promise<CatalogPermission> {
  const permission = await cachedRead(ctx, `permission:${tenant.id}:${id}`, permissionTables, () =>
    permissions.findCatalogPermission(ctx.db, tenant.id, id),
  );
  if (!permission) throw new DomainError('permission.not_found', `permission ${id} does not exist`);
  return permission;
}

/** The tenant's permissions, of every resource type. */
export async function listPermissions(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<CatalogPermission>> {
  return listPermissionsOfResourceTypes(ctx, tenant, undefined, params);
}

/** The permissions of one resource type of the tenant; an unknown resource type is a 404. */
export async function listPermissionsOfResourceType(
  ctx: CoreContext,
  tenant: ActingTenant,
  resourceTypeId: string,
  params: ListParams,
): Promise<Page<CatalogPermission>> {
  await getResourceType(ctx, tenant, resourceTypeId);
  return listPermissionsOfResourceTypes(ctx, tenant, [resourceTypeId], params);
}

/** Refuses more resource types than one listing selects (the bound on one `in` list). */
function selectionOf(
  resourceTypeIds: readonly string[] | undefined,
  excludingIds: readonly string[] = [],
): permissions.PermissionSelection {
  if (resourceTypeIds !== undefined && resourceTypeIds.length > limits.resourceTypesPerListing) {
    throw new DomainError(
      'validation.failed',
      `a listing selects at most ${limits.resourceTypesPerListing} resource types, not ${resourceTypeIds.length}`,
    );
  }
  if (excludingIds.length > limits.listItems) {
    throw new DomainError(
      'validation.failed',
      `a listing leaves out at most ${limits.listItems} permissions`,
    );
  }
  return {
    resourceTypeIds: resourceTypeIds && [...new Set(resourceTypeIds)].sort(),
    excludingIds: [...new Set(excludingIds)].sort(),
  };
}

/**
 * The permissions of these resource types (all of the tenant's: undefined), paged with the
 * native filter, sort and cursor: what a profile drawing on those types may take. Ids the
 * tenant has no resource type of select nothing.
 */
export async function listPermissionsOfResourceTypes(
  ctx: CoreContext,
  tenant: ActingTenant,
  resourceTypeIds: readonly string[] | undefined,
  params: ListParams,
  /** Permissions to leave out, by id (a profile's own, for the permissions it may still add). */
  excludingIds?: readonly string[],
): Promise<Page<CatalogPermission>> {
  const selection = selectionOf(resourceTypeIds, excludingIds);
  const key = `permissions:${tenant.id}:${JSON.stringify([selection.resourceTypeIds ?? null, selection.excludingIds, params])}`;
  return cachedRead(ctx, key, permissionTables, () =>
    permissions.listCatalogPermissions(ctx.db, tenant.id, selection, params),
  );
}

/** A new permission of a resource type of the tenant, with version 1 declaring the variables given. */
export async function createPermission(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: CatalogPermissionCreate,
  id: string = newId(),
): Promise<CatalogPermission> {
  return audited(ctx, tenant, { type: 'catalog_permission', id, verb: 'create' }, async (tx) => {
    if (!(await findResourceType(tx.db, tenant.id, input.resourceTypeId)))
      throw noSuchResourceType(input.resourceTypeId);
    const now = ctx.now();
    const permission: CatalogPermission = {
      id,
      tenantId: tenant.id,
      resourceTypeId: input.resourceTypeId,
      name: input.name,
      description: input.description ?? null,
      isDraft: input.isDraft ?? false,
      versions: [{ version: 1, variables: versionVariables(input.variables ?? []), createdAt: now }],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await withUniqueRules(
        () => permissions.insertCatalogPermission(tx.db, permission),
        nameInUse(input.name),
      );
    } catch (error) {
      // The resource type was deleted after the check above.
      if (isForeignKeyViolation(error)) throw noSuchResourceType(input.resourceTypeId);
      throw error;
    }
    return getPermission(tx, tenant, id);
  });
}

export async function updatePermission(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: CatalogPermissionPatch,
  expectedVersion?: number,
): Promise<CatalogPermission> {
  const before = (tx: CoreContext) => getPermission(tx, tenant, id);
  return audited(ctx, tenant, { type: 'catalog_permission', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `permission ${id}`,
      () => getPermission(tx, tenant, id),
      expectedVersion,
      (permission, version) =>
        withUniqueRules(
          () =>
            permissions.updateCatalogPermission(tx.db, tenant.id, id, version, {
              ...patch,
              updatedAt: ctx.now(),
            }),
          nameInUse(patch.name ?? permission.name),
        ),
    );
    return getPermission(tx, tenant, id);
  });
}

/** Deletes a permission with all its versions. */
export async function deletePermission(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getPermission(tx, tenant, id);
  await audited(ctx, tenant, { type: 'catalog_permission', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `permission ${id}`,
      () => getPermission(tx, tenant, id),
      expectedVersion,
      (_permission, version) => permissions.deleteCatalogPermission(tx.db, tenant.id, id, version),
    );
  });
}
