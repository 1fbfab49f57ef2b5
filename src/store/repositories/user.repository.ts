import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';
import type { UserTable } from '../tables/user.table.js';

export type UserRow = UserTable;

export const userFields: FieldMap = {
  id: { column: 'users.id', type: 'string', sortable: true },
  username: { column: 'users.username', type: 'string', sortable: true },
  email: { column: 'users.email', type: 'string' },
  displayName: { column: 'users.display_name', type: 'string' },
  employeeId: { column: 'users.employee_id', type: 'string' },
  givenName: { column: 'users.given_name', type: 'string' },
  familyName: { column: 'users.family_name', type: 'string' },
  nickname: { column: 'users.nickname', type: 'string' },
  role: { column: 'users.role', type: 'string' },
  locale: { column: 'users.locale', type: 'string' },
  enabled: { column: 'users.enabled', type: 'boolean' },
  'directory.provider': { column: 'users.directory_provider', type: 'string' },
  'directory.sid': { column: 'users.directory_sid', type: 'string' },
  createdAt: { column: 'users.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'users.updated_at', type: 'instant', sortable: true },
};

export async function findUser(db: Executor, tenantId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The users among `ids` that exist in the tenant. */
export async function findUsers(db: Executor, tenantId: string, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export async function findUserByUsername(
  db: Executor,
  tenantId: string,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function listUsers(db: Executor, tenantId: string, params: ListParams): Promise<Page<UserRow>> {
  const base = db.selectFrom('users').selectAll('users').where('users.tenant_id', '=', tenantId);
  return listPage(base, userFields, params, 'username');
}

export async function insertUser(db: Executor, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Updateable<UserTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'users', { tenantId, id }, expectedVersion, changes);
}

export async function deleteUser(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'users', { tenantId, id }, expectedVersion);
}

/**
 * `limit` users from position `start` in username order: offset paging, for APIs (Visier's)
 * that page by index. The id breaks no ties (usernames are unique per tenant) but keeps it total.
 */
export async function listUsersAt(
  db: Executor,
  tenantId: string,
  start: number,
  limit: number,
): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('username')
    .orderBy('id')
    .limit(limit)
    .offset(start)
    .execute();
}
