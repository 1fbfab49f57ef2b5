import type { Insertable, Updateable } from 'kysely';
import type { Group } from '../../core/model/user.js';
import type { GroupTable } from '../tables/group.table.js';

/** What a write may change of a group; members are replaced as a whole. */
export type GroupChanges = Partial<
  Pick<Group, 'name' | 'description' | 'provider' | 'sid' | 'memberIds' | 'updatedAt'>
>;

/** A group from its row and its members' ids (which live in group_members). */
export function groupFromRow(row: GroupTable, memberIds: string[]): Group {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    provider: row.provider,
    sid: row.sid,
    memberIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The group's own row; its members are rows of group_members. */
export function groupToRow(group: Group): Insertable<GroupTable> {
  return {
    id: group.id,
    tenant_id: group.tenantId,
    name: group.name,
    description: group.description,
    provider: group.provider,
    sid: group.sid,
    created_at: group.createdAt,
    updated_at: group.updatedAt,
    version: group.version,
  };
}

/** The columns of the fields given (members aside); an absent field leaves its column alone. */
export function groupChangesToRow(changes: GroupChanges): Updateable<GroupTable> {
  return {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.provider !== undefined && { provider: changes.provider }),
    ...(changes.sid !== undefined && { sid: changes.sid }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
