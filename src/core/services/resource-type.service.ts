import { isForeignKeyViolation } from '../../store/executor.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { resourceTypeHasPermissions } from '../../store/repositories/catalog-permission.repository.js';
import * as resourceTypes from '../../store/repositories/resource-type.repository.js';
import { audited } from '../audit/audit.service.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { ResourceType } from '../model/resource-type.js';
import type { ResourceTypeCreate, ResourceTypePatch } from '../schemas/resource-type.schema.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'resource_type.name_in_use' as const,
    message: `resource type name "${name}" is already in use in this tenant`,
  },
];

const hasPermissions = (id: string) =>
  new DomainError('resource_type.has_permissions', `resource type ${id} has permissions: delete them first`);

export const resourceTypeNotFound = (id: string) =>
  new DomainError('resource_type.not_found', `resource type ${id} does not exist`);

export async function getResourceType(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
): Promise<ResourceType> {
  const type = await cachedRead(ctx, `resource-type:${tenant.id}:${id}`, ['resource_types'], () =>
    resourceTypes.findResourceType(ctx.db, tenant.id, id),
  );
  if (!type) throw resourceTypeNotFound(id);
  return type;
}

/** The resource types among `ids` of the tenant, in the order asked; unknown ids (and repeats) are left out. */
export async function findResourceTypesById(
  ctx: CoreContext,
  tenant: ActingTenant,
  ids: readonly string[],
): Promise<ResourceType[]> {
  const wanted = [...new Set(ids)];
  const found = new Map(
    (await resourceTypes.findResourceTypes(ctx.db, tenant.id, wanted)).map((r) => [r.id, r]),
  );
  return wanted.flatMap((id) => found.get(id) ?? []);
}

export async function listResourceTypes(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<ResourceType>> {
  return cachedRead(ctx, `resource-types:${tenant.id}:${JSON.stringify(params)}`, ['resource_types'], () =>
    resourceTypes.listResourceTypes(ctx.db, tenant.id, params),
  );
}

export async function createResourceType(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: ResourceTypeCreate,
  id: string = newId(),
): Promise<ResourceType> {
  return audited(ctx, tenant, { type: 'resource_type', id, verb: 'create' }, async (tx) => {
    const now = ctx.now();
    await withUniqueRules(
      () =>
        resourceTypes.insertResourceType(tx.db, {
          id,
          tenantId: tenant.id,
          name: input.name,
          description: input.description ?? null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      nameInUse(input.name),
    );
    return getResourceType(tx, tenant, id);
  });
}

export async function updateResourceType(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: ResourceTypePatch,
  expectedVersion?: number,
): Promise<ResourceType> {
  const before = (tx: CoreContext) => getResourceType(tx, tenant, id);
  return audited(ctx, tenant, { type: 'resource_type', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `resource type ${id}`,
      () => getResourceType(tx, tenant, id),
      expectedVersion,
      (type, version) =>
        withUniqueRules(
          () =>
            resourceTypes.updateResourceType(tx.db, tenant.id, id, version, {
              ...patch,
              updatedAt: ctx.now(),
            }),
          nameInUse(patch.name ?? type.name),
        ),
    );
    return getResourceType(tx, tenant, id);
  });
}

/** Deletes a resource type without permissions; one with permissions is a 409. */
export async function deleteResourceType(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getResourceType(tx, tenant, id);
  await audited(ctx, tenant, { type: 'resource_type', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `resource type ${id}`,
      () => getResourceType(tx, tenant, id),
      expectedVersion,
      async (_type, version) => {
        if (await resourceTypeHasPermissions(tx.db, tenant.id, id)) throw hasPermissions(id);
        try {
          return await resourceTypes.deleteResourceType(tx.db, tenant.id, id, version);
        } catch (error) {
          // A permission of it committed after the check above: the foreign key refuses the delete.
          if (isForeignKeyViolation(error)) throw hasPermissions(id);
          throw error;
        }
      },
    );
  });
}
