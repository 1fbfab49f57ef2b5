import { sql } from 'kysely';
import type { Role } from '../../core/model/role.js';
import { roleChangesToRow, roleFromRow, roleToRow, type RoleChanges } from '../codecs/role.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const roleFields: FieldMap = {
  id: { column: 'roles.id', type: 'string', sortable: true },
  name: { column: 'roles.name', type: 'string', sortable: true },
  kind: { column: 'roles.kind', type: 'string', sortable: true },
  description: { column: 'roles.description', type: 'string' },
  createdAt: { column: 'roles.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'roles.updated_at', type: 'instant', sortable: true },
  version: { column: 'roles.version', type: 'number' },
};

const rolesOf = (db: Executor, tenantId: string) =>
  db.selectFrom('roles').selectAll('roles').where('roles.tenant_id', '=', tenantId);

export async function findRole(db: Executor, tenantId: string, id: string): Promise<Role | undefined> {
  const row = await rolesOf(db, tenantId).where('roles.id', '=', id).executeTakeFirst();
  return row && roleFromRow(row);
}

/** The tenant's roles among these ids, in no particular order. */
export async function findRolesById(db: Executor, tenantId: string, ids: readonly string[]): Promise<Role[]> {
  const rows = await inChunks(ids, (chunk) => rolesOf(db, tenantId).where('roles.id', 'in', chunk).execute());
  return rows.map(roleFromRow);
}

/** The tenant's roles among these names, in no particular order. */
export async function findRolesByName(
  db: Executor,
  tenantId: string,
  names: readonly string[],
): Promise<Role[]> {
  const rows = await inChunks(names, (chunk) =>
    rolesOf(db, tenantId).where('roles.name', 'in', chunk).execute(),
  );
  return rows.map(roleFromRow);
}

export async function listRoles(db: Executor, tenantId: string, params: ListParams): Promise<Page<Role>> {
  const page = await listPage(rolesOf(db, tenantId), roleFields, params, 'name');
  return { ...page, rows: page.rows.map(roleFromRow) };
}

export async function insertRole(db: Executor, role: Role): Promise<void> {
  await db.insertInto('roles').values(roleToRow(role)).execute();
}

export async function updateRole(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: RoleChanges,
): Promise<boolean> {
  return updateAtVersion(db, 'roles', { tenantId, id }, expectedVersion, roleChangesToRow(changes));
}

export async function deleteRole(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'roles', { tenantId, id }, expectedVersion);
}

/** `text` for a LIKE pattern that matches it literally (`\` escapes). */
const literalLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The profiles of the tenant whose `roles` name `roleName`, as id and name. Roles are a JSON list
 * on the profile: a LIKE on the quoted name narrows the tenant's profiles, and the parsed list
 * decides (a name inside another name, or escaped in the JSON, does not count).
 */
export async function profilesNamingRole(
  db: Executor,
  tenantId: string,
  roleName: string,
): Promise<{ id: string; name: string }[]> {
  const quoted = JSON.stringify(roleName);
  const rows = await db
    .selectFrom('profiles')
    .select(['id', 'name', 'roles'])
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`roles like ${`%${literalLike(quoted)}%`} escape '\\'`)
    .orderBy('name')
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.roles) as string[]).includes(roleName))
    .map(({ id, name }) => ({ id, name }));
}
