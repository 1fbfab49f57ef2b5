import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';
import type { GroupTable } from '../tables/group.table.js';

export type GroupRow = GroupTable;

export const groupFields: FieldMap = {
  id: { column: 'groups.id', type: 'string', sortable: true },
  name: { column: 'groups.name', type: 'string', sortable: true },
  provider: { column: 'groups.provider', type: 'string' },
  sid: { column: 'groups.sid', type: 'string' },
  createdAt: { column: 'groups.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'groups.updated_at', type: 'instant', sortable: true },
};

export async function findGroup(db: Executor, tenantId: string, id: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('groups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listGroups(
  db: Executor,
  tenantId: string,
  params: ListParams,
): Promise<Page<GroupRow>> {
  const base = db.selectFrom('groups').selectAll('groups').where('groups.tenant_id', '=', tenantId);
  return listPage(base, groupFields, params, 'name');
}

export async function insertGroup(db: Executor, row: Insertable<GroupTable>): Promise<void> {
  await db.insertInto('groups').values(row).execute();
}

export async function updateGroup(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Updateable<GroupTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'groups', { tenantId, id }, expectedVersion, changes);
}

export async function deleteGroup(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'groups', { tenantId, id }, expectedVersion);
}

/** Member ids per group, for the given groups (members are users of the group's tenant). */
export async function findGroupMembers(
  db: Executor,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return members;
  const rows = await db
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('user_id')
    .execute();
  for (const row of rows) members.get(row.group_id)?.push(row.user_id);
  return members;
}

export async function replaceGroupMembers(
  db: Executor,
  groupId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
}

/** The groups of the tenant that the user is a member of, by name. */
export async function findGroupsOfUser(db: Executor, tenantId: string, userId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('groups')
    .innerJoin('group_members', 'group_members.group_id', 'groups.id')
    .selectAll('groups')
    .where('groups.tenant_id', '=', tenantId)
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.name')
    .execute();
}
