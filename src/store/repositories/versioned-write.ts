import type { Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import { inChunks } from '../query/in-chunks.js';
import type { DB } from '../schema.js';

/** The tables whose rows carry a version (their ETag) and are written under optimistic locking. */
export type VersionedTable =
  | 'tenants'
  | 'users'
  | 'groups'
  | 'profiles'
  | 'assignments'
  | 'resource_types'
  | 'catalog_permissions'
  | 'labels'
  | 'roles'
  | 'directories';

/**
 * The row a versioned write aims at: by id, and inside its tenant for tenant-owned rows, so
 * that another tenant's row is simply not matched. Tenants themselves have no owning tenant
 * (the caller scopes them by path before writing).
 */
export type VersionedRowKey<T extends VersionedTable> = T extends 'tenants'
  ? { id: string }
  : T extends 'assignments'
    ? { tenantId: string; id: string; userId: string }
    : { tenantId: string; id: string };

// Every versioned table has `id` and `version`, the tenant-owned ones `tenant_id` too; Kysely
// cannot type one query over a union of tables, so the queries are written against one of them.
type AnyVersioned = 'users';
/** The column of a keyed table's key (see keyedTables), named as a column of AnyVersioned. */
const userColumn = 'user_id' as 'id';

/**
 * Updates the row only while it is still at `expectedVersion`, moving it to the next version.
 * Answers whether a row changed: false when it is gone, belongs to another tenant, or was
 * changed since the caller read it.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: VersionedRowKey<T>,
  expectedVersion: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  let query = db
    .updateTable(table as AnyVersioned)
    .set({ ...(changes as Updateable<DB[AnyVersioned]>), version: expectedVersion + 1 });
  if ('tenantId' in key) query = query.where('tenant_id', '=', key.tenantId);
  // An assignment's write names its user: read caches keep the other users' grants.
  if ('userId' in key) query = query.where(userColumn, '=', key.userId);
  const result = await query
    .where('id', '=', key.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes the row only while it is still at `expectedVersion`; answers whether a row went. */
export async function deleteAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: VersionedRowKey<T>,
  expectedVersion: number,
): Promise<boolean> {
  let query = db.deleteFrom(table as AnyVersioned);
  if ('tenantId' in key) query = query.where('tenant_id', '=', key.tenantId);
  if ('userId' in key) query = query.where(userColumn, '=', key.userId);
  const result = await query
    .where('id', '=', key.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The tables whose rows belong to a tenant, written many at a time. */
export type TenantOwnedVersionedTable = Exclude<VersionedTable, 'tenants'>;

/**
 * A row a write of many aims at: its id, and the version the caller read it at; for
 * assignments, its user (when all targets are of one user, the write names it, as updateAtVersion does).
 */
export interface VersionedTarget {
  id: string;
  version: number;
  userId?: string | undefined;
}

/** The one user all targets belong to, or undefined when they are of several (or not assignments). */
function oneUserOf(targets: readonly VersionedTarget[]): string | undefined {
  const first = targets[0]?.userId;
  return first !== undefined && targets.every((t) => t.userId === first) ? first : undefined;
}

/**
 * Runs `write` over the targets' ids a chunk at a time, and answers whether the rows it answered
 * (id and version) are exactly the targets, each at its version plus `step`.
 */
async function writeAtVersions(
  targets: readonly VersionedTarget[],
  step: number,
  write: (ids: readonly string[]) => Promise<{ id: string; version: number }[]>,
): Promise<boolean> {
  if (targets.length === 0) return true;
  const answered = await inChunks(
    targets.map((t) => t.id),
    write,
  );
  const expected = new Map(targets.map((t) => [t.id, t.version + step]));
  return answered.length === targets.length && answered.every((row) => expected.get(row.id) === row.version);
}

/**
 * Makes the same changes to many rows of one tenant (`targets`, distinct ids), moving each to
 * its next version, in one statement per chunk of ids. Answers whether every target was still at
 * the version given. When not, other rows may have been written too: the caller runs in a
 * transaction and rolls it back (a lost race, see ConcurrentWrite).
 */
export async function updateAtVersions<T extends TenantOwnedVersionedTable>(
  db: Executor,
  table: T,
  tenantId: string,
  targets: readonly VersionedTarget[],
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  const userId = oneUserOf(targets);
  return writeAtVersions(targets, 1, (ids) => {
    let query = db
      .updateTable(table as AnyVersioned)
      .set((eb) => ({ ...(changes as Updateable<DB[AnyVersioned]>), version: eb('version', '+', 1) }))
      .where('tenant_id', '=', tenantId);
    if (userId !== undefined) query = query.where(userColumn, '=', userId);
    return query.where('id', 'in', ids).returning(['id', 'version']).execute();
  });
}

/**
 * Deletes many rows of one tenant (`targets`, distinct ids) in one statement per chunk of ids.
 * Answers whether every target was there at the version given; when not, the caller rolls its
 * transaction back, as for updateAtVersions.
 */
export async function deleteAtVersions(
  db: Executor,
  table: TenantOwnedVersionedTable,
  tenantId: string,
  targets: readonly VersionedTarget[],
): Promise<boolean> {
  const userId = oneUserOf(targets);
  return writeAtVersions(targets, 0, (ids) => {
    let query = db.deleteFrom(table as AnyVersioned).where('tenant_id', '=', tenantId);
    if (userId !== undefined) query = query.where(userColumn, '=', userId);
    return query.where('id', 'in', ids).returning(['id', 'version']).execute();
  });
}
