import type { Group } from '../../core/model/user.js';
import { groupChangesToRow, groupFromRow, groupToRow, type GroupChanges } from '../codecs/group.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { GroupTable } from '../tables/group.table.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const groupFields: FieldMap = {
  id: { column: 'groups.id', type: 'string', sortable: true },
  name: { column: 'groups.name', type: 'string', sortable: true },
  provider: { column: 'groups.provider', type: 'string' },
  sid: { column: 'groups.sid', type: 'string' },
  createdAt: { column: 'groups.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'groups.updated_at', type: 'instant', sortable: true },
};

/** Member ids per group, for the given groups (members are users of the group's tenant). */
async function findGroupMembers(db: Executor, groupIds: readonly string[]): Promise<Map<string, string[]>> {
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

/** The groups of these rows, each with its members, in one more query. */
async function withMembers(db: Executor, rows: readonly GroupTable[]): Promise<Group[]> {
  const members = await findGroupMembers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => groupFromRow(row, members.get(row.id) ?? []));
}

async function replaceGroupMembers(db: Executor, groupId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
}

export async function findGroup(db: Executor, tenantId: string, id: string): Promise<Group | undefined> {
  const row = await db
    .selectFrom('groups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (await withMembers(db, [row]))[0];
}

export async function listGroups(db: Executor, tenantId: string, params: ListParams): Promise<Page<Group>> {
  const base = db.selectFrom('groups').selectAll('groups').where('groups.tenant_id', '=', tenantId);
  const page = await listPage(base, groupFields, params, 'name');
  return { ...page, rows: await withMembers(db, page.rows) };
}

/** Inserts the group and its members. */
export async function insertGroup(db: Executor, group: Group): Promise<void> {
  await db.insertInto('groups').values(groupToRow(group)).execute();
  await replaceGroupMembers(db, group.id, group.memberIds);
}

/** Changes the group at `expectedVersion`; given member ids replace the members. */
export async function updateGroup(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: GroupChanges,
): Promise<boolean> {
  const changed = await updateAtVersion(
    db,
    'groups',
    { tenantId, id },
    expectedVersion,
    groupChangesToRow(changes),
  );
  if (changed && changes.memberIds !== undefined) await replaceGroupMembers(db, id, changes.memberIds);
  return changed;
}

export async function deleteGroup(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'groups', { tenantId, id }, expectedVersion);
}

/**
 * Per user, the groups of the tenant that the user is a member of, by name (ties by id); a user
 * of no group (or of another tenant) is absent. One query per chunk of ids whatever their number.
 */
export async function findGroupsOfUsers(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, Group[]>> {
  const rows = await inChunks(userIds, (chunk) =>
    db
      .selectFrom('groups')
      .innerJoin('group_members', 'group_members.group_id', 'groups.id')
      .selectAll('groups')
      .select('group_members.user_id as member_id')
      .where('groups.tenant_id', '=', tenantId)
      .where('group_members.user_id', 'in', chunk)
      .orderBy('groups.name')
      .orderBy('groups.id')
      .execute(),
  );
  // Each group once, with its members, however many of these users it holds.
  const unique = new Map(rows.map(({ member_id: _, ...group }) => [group.id, group]));
  const byId = new Map((await withMembers(db, [...unique.values()])).map((g) => [g.id, g]));
  const groups = new Map<string, Group[]>();
  for (const { member_id, id } of rows) {
    const group = byId.get(id)!;
    const held = groups.get(member_id);
    if (held) held.push(group);
    else groups.set(member_id, [group]);
  }
  return groups;
}
