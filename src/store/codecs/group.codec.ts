import type { Insertable, Updateable } from 'kysely';
import type { Group } from '../../core/model/user.js';
import type { GroupTable } from '../tables/group.table.js';

/** What a write may change of a group; members are replaced as a whole. */
export type GroupChanges = Partial<
  Pick<
    Group,
    | 'name'
    | 'description'
    | 'provider'
    | 'sid'
    | 'fqdn'
    | 'directoryId'
    | 'externalId'
    | 'vanishedAt'
    | 'memberIds'
    | 'updatedAt'
  >
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
    fqdn: row.directory_fqdn,
    directoryId: row.directory_id,
    externalId: row.directory_external_id,
    vanishedAt: row.directory_vanished_at,
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
    directory_fqdn: group.fqdn,
    directory_id: group.directoryId,
    directory_external_id: group.externalId,
    directory_vanished_at: group.vanishedAt,
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
    ...(changes.fqdn !== undefined && { directory_fqdn: changes.fqdn }),
    ...(changes.directoryId !== undefined && { directory_id: changes.directoryId }),
    ...(changes.externalId !== undefined && { directory_external_id: changes.externalId }),
    ...(changes.vanishedAt !== undefined && { directory_vanished_at: changes.vanishedAt }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
