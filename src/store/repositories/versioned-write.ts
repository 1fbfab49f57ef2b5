import type { Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { DB } from '../schema.js';

/** The tables whose rows carry a version (their ETag) and are written under optimistic locking. */
export type VersionedTable = 'tenants' | 'users' | 'groups' | 'profiles' | 'assignments';

/**
 * The row a versioned write aims at: by id, and inside its tenant for tenant-owned rows, so
 * that another tenant's row is simply not matched. Tenants themselves have no owning tenant
 * (the caller scopes them by path before writing).
 */
export type VersionedRowKey<T extends VersionedTable> = T extends 'tenants'
  ? { id: string }
  : { tenantId: string; id: string };

// Every versioned table has `id` and `version`, the tenant-owned ones `tenant_id` too; Kysely
// cannot type one query over a union of tables, so the queries are written against one of them.
type AnyVersioned = 'users';

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
  const result = await query
    .where('id', '=', key.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
