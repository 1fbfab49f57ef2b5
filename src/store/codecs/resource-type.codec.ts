import type { Insertable, Updateable } from 'kysely';
import type { ResourceType } from '../../core/model/resource-type.js';
import type { ResourceTypeTable } from '../tables/resource-type.table.js';

/** What a write may change of a resource type. */
export type ResourceTypeChanges = Partial<Pick<ResourceType, 'name' | 'description' | 'updatedAt'>>;

export function resourceTypeFromRow(row: ResourceTypeTable): ResourceType {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function resourceTypeToRow(type: ResourceType): Insertable<ResourceTypeTable> {
  return {
    id: type.id,
    tenant_id: type.tenantId,
    name: type.name,
    description: type.description,
    created_at: type.createdAt,
    updated_at: type.updatedAt,
    version: type.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function resourceTypeChangesToRow(changes: ResourceTypeChanges): Updateable<ResourceTypeTable> {
  return {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
