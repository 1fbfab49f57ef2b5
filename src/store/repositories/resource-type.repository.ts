import type { ResourceType } from '../../core/model/resource-type.js';
import {
  resourceTypeChangesToRow,
  resourceTypeFromRow,
  resourceTypeToRow,
  type ResourceTypeChanges,
} from '../codecs/resource-type.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const resourceTypeFields: FieldMap = {
  id: { column: 'resource_types.id', type: 'string', sortable: true },
  name: { column: 'resource_types.name', type: 'string', sortable: true },
  description: { column: 'resource_types.description', type: 'string' },
  createdAt: { column: 'resource_types.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'resource_types.updated_at', type: 'instant', sortable: true },
  version: { column: 'resource_types.version', type: 'number' },
};

const resourceTypesOf = (db: Executor, tenantId: string) =>
  db
    .selectFrom('resource_types')
    .selectAll('resource_types')
    .where('resource_types.tenant_id', '=', tenantId);

export async function findResourceType(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ResourceType | undefined> {
  const row = await resourceTypesOf(db, tenantId).where('resource_types.id', '=', id).executeTakeFirst();
  return row && resourceTypeFromRow(row);
}

/** The tenant's resource types among `ids`, in no particular order; one query per chunk of ids. */
export async function findResourceTypes(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<ResourceType[]> {
  const rows = await inChunks(ids, (chunk) =>
    resourceTypesOf(db, tenantId).where('resource_types.id', 'in', chunk).execute(),
  );
  return rows.map(resourceTypeFromRow);
}

export async function listResourceTypes(
  db: Executor,
  tenantId: string,
  params: ListParams,
): Promise<Page<ResourceType>> {
  const page = await listPage(resourceTypesOf(db, tenantId), resourceTypeFields, params, 'name');
  return { ...page, rows: page.rows.map(resourceTypeFromRow) };
}

export async function insertResourceType(db: Executor, type: ResourceType): Promise<void> {
  await db.insertInto('resource_types').values(resourceTypeToRow(type)).execute();
}

export async function updateResourceType(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: ResourceTypeChanges,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'resource_types',
    { tenantId, id },
    expectedVersion,
    resourceTypeChangesToRow(changes),
  );
}

export async function deleteResourceType(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'resource_types', { tenantId, id }, expectedVersion);
}
