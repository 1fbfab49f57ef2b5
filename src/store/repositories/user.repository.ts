import type { User } from '../../core/model/user.js';
import { userChangesToRow, userFromRow, userToRow, type UserChanges } from '../codecs/user.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { listOffsetPage, type OffsetListParams, type OffsetPage } from '../query/offset-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const userFields: FieldMap = {
  id: { column: 'users.id', type: 'string', sortable: true },
  username: { column: 'users.username', type: 'string', sortable: true },
  email: { column: 'users.email', type: 'string', sortable: true, sortsNullAs: '' },
  displayName: { column: 'users.display_name', type: 'string', sortable: true, sortsNullAs: '' },
  employeeId: { column: 'users.employee_id', type: 'string' },
  givenName: { column: 'users.given_name', type: 'string', sortable: true, sortsNullAs: '' },
  familyName: { column: 'users.family_name', type: 'string', sortable: true, sortsNullAs: '' },
  nickname: { column: 'users.nickname', type: 'string', sortable: true, sortsNullAs: '' },
  role: { column: 'users.role', type: 'string', sortable: true, sortsNullAs: '' },
  locale: { column: 'users.locale', type: 'string' },
  enabled: { column: 'users.enabled', type: 'boolean' },
  'directory.provider': { column: 'users.directory_provider', type: 'string' },
  'directory.sid': { column: 'users.directory_sid', type: 'string' },
  createdAt: { column: 'users.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'users.updated_at', type: 'instant', sortable: true },
};

export async function findUser(db: Executor, tenantId: string, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && userFromRow(row);
}

/** The users among `ids` that exist in the tenant. */
export async function findUsers(db: Executor, tenantId: string, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return rows.map(userFromRow);
}

/** The ids among `ids` of the tenant's users, in one query per chunk of ids whatever their number. */
export async function findUserIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await inChunks(ids, (chunk) =>
    db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', 'in', chunk).execute(),
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * The tenant's account whose directory entry has this stable id (entryUUID, objectGUID) or this
 * SID; of two (two directories), the first by id.
 */
export async function findUserByDirectoryRef(
  db: Executor,
  tenantId: string,
  ref: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('directory_external_id', '=', ref), eb('directory_sid', '=', ref)]))
    .orderBy('id')
    .executeTakeFirst();
  return row && userFromRow(row);
}

export async function findUserByUsername(
  db: Executor,
  tenantId: string,
  username: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
  return row && userFromRow(row);
}

const usersOf = (db: Executor, tenantId: string) =>
  db.selectFrom('users').selectAll('users').where('users.tenant_id', '=', tenantId);

export async function listUsers(db: Executor, tenantId: string, params: ListParams): Promise<Page<User>> {
  const page = await listPage(usersOf(db, tenantId), userFields, params, 'username');
  return { ...page, rows: page.rows.map(userFromRow) };
}

/** The same list paged by offset, for APIs that page by index (Visier's `start`). */
export async function listUsersByOffset(
  db: Executor,
  tenantId: string,
  params: OffsetListParams,
): Promise<OffsetPage<User>> {
  const page = await listOffsetPage(usersOf(db, tenantId), userFields, params, 'username');
  return { ...page, rows: page.rows.map(userFromRow) };
}

/** Inserts many users in one statement (callers keep a batch under the bound-parameter limits). */
export async function insertUsers(db: Executor, many: readonly User[]): Promise<void> {
  if (many.length > 0) await db.insertInto('users').values(many.map(userToRow)).execute();
}

export async function insertUser(db: Executor, user: User): Promise<void> {
  await db.insertInto('users').values(userToRow(user)).execute();
}

export async function updateUser(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: UserChanges,
): Promise<boolean> {
  return updateAtVersion(db, 'users', { tenantId, id }, expectedVersion, userChangesToRow(changes));
}

export async function deleteUser(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'users', { tenantId, id }, expectedVersion);
}
