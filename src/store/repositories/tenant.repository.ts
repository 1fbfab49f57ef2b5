import { sql } from 'kysely';
import type { PlacedTenant } from '../../core/model/tenant.js';
import {
  tenantChangesToRow,
  tenantFromRow,
  tenantToRow,
  type TenantChanges,
} from '../codecs/tenant.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { listOffsetPage, type OffsetListParams, type OffsetPage } from '../query/offset-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const tenantFields: FieldMap = {
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
export async function findTenant(
  db: Executor,
  rootPath: string,
  id: string,
): Promise<PlacedTenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', id)
    .where('path', 'like', `${rootPath}%`)
    .executeTakeFirst();
  return row && tenantFromRow(row);
}

export async function findTenantByCode(
  db: Executor,
  rootPath: string,
  code: string,
): Promise<PlacedTenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('code', '=', code)
    .where('path', 'like', `${rootPath}%`)
    .executeTakeFirst();
  return row && tenantFromRow(row);
}

/**
 * The tenant named by id or code inside the subtree at `rootPath`, in one query. Should one
 * tenant's id be another's code, the id wins, as it always has.
 */
export async function findTenantByRef(
  db: Executor,
  rootPath: string,
  ref: string,
): Promise<PlacedTenant | undefined> {
  const rows = await db
    .selectFrom('tenants')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
    .where('path', 'like', `${rootPath}%`)
    .execute();
  const row = namedBy(rows, ref);
  return row && tenantFromRow(row);
}

/** Of the tenants an id-or-code query found, the one `ref` names: by id first, as it always was. */
const namedBy = <Row extends { id: string }>(rows: Row[], ref: string): Row | undefined =>
  rows.find((r) => r.id === ref) ?? rows[0];

/** A tenant with whether it, or a tenant above it, is disabled. */
export interface TenantReach {
  id: string;
  path: string;
  /** The tenant or one of its ancestors (inside or outside the caller's subtree) is disabled. */
  disabledOnPath: boolean;
}

/**
 * Whether a tenant on the path in column `pathColumn` (the tenant itself or an ancestor) is
 * disabled: a disabled tenant disables everything below it. PostgreSQL answers a boolean,
 * SQLite 0 or 1.
 */
export const disabledOnPath = (pathColumn: string) =>
  // 0 as a literal, not a parameter: only then may SQLite use the partial index of disabled tenants.
  sql<boolean>`exists (select 1 from tenants d where d.enabled = 0 and ${sql.ref(pathColumn)} like '%/' || d.id || '/%')`;

/**
 * The tenant named by id or code inside the subtree at `rootPath`, and whether anything on its
 * path is disabled, in one query: the disabled tenants are few and indexed by themselves
 * (tenants_disabled_idx), and each is on the path when its id is one of the path's segments.
 */
export async function findTenantReach(
  db: Executor,
  rootPath: string,
  ref: string,
): Promise<TenantReach | undefined> {
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
export async function findTenantAnywhere(db: Executor, idOrCode: string): Promise<PlacedTenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  return row && tenantFromRow(row);
}

/** The oldest tenant without a parent. */
export async function findFirstRootTenant(db: Executor): Promise<PlacedTenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .selectAll()
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && tenantFromRow(row);
}

/** These tenants, wherever they are: the caller keeps to its subtree by their paths. */
export async function findTenantsByIds(db: Executor, ids: readonly string[]): Promise<PlacedTenant[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tenants').selectAll().where('id', 'in', ids).execute();
  return rows.map(tenantFromRow);
}

export async function listTenants(
  db: Executor,
  rootPath: string,
  params: ListParams,
): Promise<Page<PlacedTenant>> {
  const base = db.selectFrom('tenants').selectAll('tenants').where('tenants.path', 'like', `${rootPath}%`);
  const page = await listPage(base, tenantFields, params, 'code');
  return { ...page, rows: page.rows.map(tenantFromRow) };
}

export async function insertTenant(db: Executor, tenant: PlacedTenant): Promise<void> {
  await db.insertInto('tenants').values(tenantToRow(tenant)).execute();
}

/** Updates when the stored version is `expectedVersion`; answers whether a row changed. */
export async function updateTenant(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: TenantChanges,
): Promise<boolean> {
  return updateAtVersion(db, 'tenants', { id }, expectedVersion, tenantChangesToRow(changes));
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

/** The tenants strictly below `rootPath`, paged by offset (Visier's analytic tenants, by `start`). */
export async function listDescendantsByOffset(
  db: Executor,
  rootPath: string,
  params: OffsetListParams,
): Promise<OffsetPage<PlacedTenant>> {
  const base = db
    .selectFrom('tenants')
    .selectAll('tenants')
    .where('tenants.path', 'like', `${rootPath}%`)
    .where('tenants.path', '<>', rootPath);
  const page = await listOffsetPage(base, tenantFields, params, 'code');
  return { ...page, rows: page.rows.map(tenantFromRow) };
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
