import type { ListParams, Page } from '../../store/query/list-page.js';
import * as permissions from '../../store/repositories/catalog-permission.repository.js';
import { audited } from '../audit/audit.service.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { CatalogPermission, PermissionVersion } from '../model/catalog-permission.js';
import type { PermissionVersionCreate } from '../schemas/catalog-permission.schema.js';
import { getPermission, permissionTables } from './catalog-permission.service.js';
import { resolvePermissionVersion, versionVariables, type VersionRef } from './permission-version.js';
import { writeAtVersion } from './versioning.js';

/** The version of a permission that `requested` names (a number, its text, or `latest`); see resolvePermissionVersion. */
export async function getPermissionVersion(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  requested: VersionRef,
): Promise<PermissionVersion> {
  return resolvePermissionVersion(await getPermission(ctx, tenant, id), requested);
}

/** A page of a permission's versions, oldest first unless sorted otherwise; an unknown permission is a 404. */
export async function listPermissionVersions(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  params: ListParams,
): Promise<Page<PermissionVersion>> {
  await getPermission(ctx, tenant, id);
  return cachedRead(
    ctx,
    `permission-versions:${tenant.id}:${id}:${JSON.stringify(params)}`,
    permissionTables,
    () => permissions.listPermissionVersions(ctx.db, tenant.id, id, params),
  );
}

/**
 * Appends the next version (the newest plus one) declaring these variables. The permission's
 * record moves to its next version (its ETag), so `expectedVersion` is that of the record.
 */
export async function addPermissionVersion(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  input: PermissionVersionCreate,
  expectedVersion?: number,
): Promise<CatalogPermission> {
  const before = (tx: CoreContext) => getPermission(tx, tenant, id);
  return audited(ctx, tenant, { type: 'catalog_permission', id, verb: 'add_version', before }, async (tx) => {
    const variables = versionVariables(input.variables ?? []);
    await writeAtVersion(
      `permission ${id}`,
      () => getPermission(tx, tenant, id),
      expectedVersion,
      (permission, version) =>
        permissions.addPermissionVersion(tx.db, tenant.id, id, version, {
          version: (permission.versions.at(-1)?.version ?? 0) + 1,
          variables,
          createdAt: ctx.now(),
        }),
    );
    return getPermission(tx, tenant, id);
  });
}
