import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';
import type { TenantTable } from '../tables/tenant.table.js';

export type TenantRow = TenantTable;

export const tenantFields: FieldMap = {
  id: { column: 'tenants.id', type: 'string', sortable: true },
  code: { column: 'tenants.code', type: 'string', sortable: true },
  name: { column: 'tenants.name', type: 'string', sortable: true },
  parentId: { column: 'tenants.parent_id', type: 'string' },
  enabled: { column: 'tenants.enabled', type: 'boolean' },
  createdAt: { column: 'tenants.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'tenants.updated_at', type: 'instant', sortable: true },
  version: { column: 'tenants.version', type: 'number' },
};

/**
 * Tenants are scoped by subtree: `rootPath` is the path of the tenant the caller acts from,
 * and only tenants whose path starts with it exist for the caller.
 */
export async function findTenant(db: Executor, rootPath: string, id: string): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', id)
    .where('path', 'like', `${rootPath}%`)
    .executeTakeFirst();
}

export async function findTenantByCode(
  db: Executor,
  rootPath: string,
  code: string,
): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants')
    .selectAll()
    .where('code', '=', code)
    .where('path', 'like', `${rootPath}%`)
    .executeTakeFirst();
}

/**
 * The tenant named by id or code inside the subtree at `rootPath`, in one query. Should one
 * tenant's id be another's code, the id wins, as it always has.
 */
export async function findTenantByRef(
  db: Executor,
  rootPath: string,
  ref: string,
): Promise<TenantRow | undefined> {
  const rows = await db
    .selectFrom('tenants')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
    .where('path', 'like', `${rootPath}%`)
    .execute();
  return namedBy(rows, ref);
}

/** Of the tenants an id-or-code query found, the one `ref` names: by id first, as it always was. */
const namedBy = <Row extends { id: string }>(rows: Row[], ref: string): Row | undefined =>
  rows.find((r) => r.id === ref) ?? rows[0];

/** A tenant with whether it, or a tenant above it, is disabled. */
export interface TenantReachRow {
  id: string;
  path: string;
  /** The tenant or one of its ancestors (inside or outside the caller's subtree) is disabled. */
  disabledOnPath: boolean;
}

/**
 * The tenant named by id or code inside the subtree at `rootPath`, and whether anything on its
 * path is disabled, in one query: the disabled tenants are few and indexed by themselves
 * (tenants_disabled_idx), and each is on the path when its id is one of the path's segments.
 */
/**
 * Whether a tenant on the path in column `pathColumn` (the tenant itself or an ancestor) is
 * disabled: a disabled tenant disables everything below it. PostgreSQL answers a boolean,
 * SQLite 0 or 1.
 */
export const disabledOnPath = (pathColumn: string) =>
  // 0 as a literal, not a parameter: only then may SQLite use the partial index of disabled tenants.
  sql<boolean>`exists (select 1 from tenants d where d.enabled = 0 and ${sql.ref(pathColumn)} like '%/' || d.id || '/%')`;

export async function findTenantReach(
  db: Executor,
  rootPath: string,
  ref: string,
): Promise<TenantReachRow | undefined> {
  const rows = await db
    .selectFrom('tenants as t')
    .select(['t.id', 't.path', disabledOnPath('t.path').as('disabled_on_path')])
    .where((eb) => eb.or([eb('t.id', '=', ref), eb('t.code', '=', ref)]))
    .where('t.path', 'like', `${rootPath}%`)
    .execute();
  const row = namedBy(rows, ref);
  // PostgreSQL answers exists() as a boolean, SQLite as 0 or 1.
  return row && { id: row.id, path: row.path, disabledOnPath: Boolean(row.disabled_on_path) };
}

/** Unscoped: used to resolve the tenant a request acts from, before any scope exists. */
export async function findTenantAnywhere(db: Executor, idOrCode: string): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

/** The oldest tenant without a parent. */
export async function findFirstRootTenant(db: Executor): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants')
    .selectAll()
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** These tenants, wherever they are: the caller keeps to its subtree by their paths. */
export async function findTenantsByIds(db: Executor, ids: readonly string[]): Promise<TenantRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tenants').selectAll().where('id', 'in', ids).execute();
}

export async function listTenants(
  db: Executor,
  rootPath: string,
  params: ListParams,
): Promise<Page<TenantRow>> {
  const base = db.selectFrom('tenants').selectAll('tenants').where('tenants.path', 'like', `${rootPath}%`);
  return listPage(base, tenantFields, params, 'code');
}

export async function insertTenant(db: Executor, row: Insertable<TenantTable>): Promise<void> {
  await db.insertInto('tenants').values(row).execute();
}

/** Updates when the stored version is `expectedVersion`; answers whether a row changed. */
export async function updateTenant(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Updateable<TenantTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'tenants', { id }, expectedVersion, changes);
}

/** Rewrites the path prefix of every tenant below `oldPath` (a move keeps the subtree together). */
export async function reparentSubtree(db: Executor, oldPath: string, newPath: string): Promise<void> {
  const rows = await db
    .selectFrom('tenants')
    .select(['id', 'path'])
    .where('path', 'like', `${oldPath}%`)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('tenants')
      .set({ path: newPath + row.path.slice(oldPath.length) })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function countChildren(db: Executor, id: string): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteTenant(db: Executor, id: string, expectedVersion: number): Promise<boolean> {
  return deleteAtVersion(db, 'tenants', { id }, expectedVersion);
}

/** `limit` tenants strictly below `rootPath`, from position `start` in code order (offset paging). */
export async function listDescendantsAt(
  db: Executor,
  rootPath: string,
  start: number,
  limit: number,
): Promise<TenantRow[]> {
  return db
    .selectFrom('tenants')
    .selectAll()
    .where('path', 'like', `${rootPath}%`)
    .where('path', '<>', rootPath)
    .orderBy('code')
    .orderBy('id')
    .limit(limit)
    .offset(start)
    .execute();
}

/** Those of `ids` that have at least one child tenant. */
export async function findParentsAmong(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('tenants')
    .select('parent_id')
    .distinct()
    .where('parent_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.parent_id).filter((id): id is string => id !== null));
}
