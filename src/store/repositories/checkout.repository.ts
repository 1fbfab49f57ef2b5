import type { Checkout } from '../../core/model/checkout.js';
import {
  checkoutChangesToRow,
  checkoutFromRow,
  checkoutToRow,
  type CheckoutChanges,
} from '../codecs/checkout.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';

const checkoutFields: FieldMap = {
  id: { column: 'checkouts.id', type: 'string', sortable: true },
  userId: { column: 'checkouts.user_id', type: 'string' },
  assignmentId: { column: 'checkouts.assignment_id', type: 'string' },
  policyId: { column: 'checkouts.policy_id', type: 'string' },
  checkedOutAt: { column: 'checkouts.checked_out_at', type: 'instant', sortable: true },
  expiresAt: { column: 'checkouts.expires_at', type: 'instant', sortable: true },
  extensionsUsed: { column: 'checkouts.extensions_used', type: 'number' },
  checkedInAt: { column: 'checkouts.checked_in_at', type: 'instant' },
};

/**
 * Makes the caller's transaction the only one writing check-outs of the profile until it ends,
 * by writing the profile's lock row (made on first use). Call it first in the transaction.
 *
 * Why a lock row: whether a profile is held is a question about time (a check-out not checked in
 * and not yet expired), which no unique index can express, and a re-check alone is not enough on
 * PostgreSQL, where under READ COMMITTED two transactions both read "nobody holds it" and both
 * insert. Writing one row takes its lock: a second transaction waits at this statement until the
 * first commits or rolls back, and every statement it runs afterwards reads with a fresh snapshot
 * (READ COMMITTED takes one per statement), so it sees the first one's check-out. On SQLite one
 * transaction writes at a time anyway: Kysely runs one at a time on its one connection, and a
 * write as a transaction's first statement makes another process's transaction wait for the
 * write lock (busy_timeout) before it has read anything, not work from a stale snapshot. Every
 * check-out write takes the lock (check-out, extension, check-in), so two extensions at once
 * count two, and a check-in never races an extension.
 */
export async function lockProfileCheckouts(
  db: Executor,
  tenantId: string,
  profileId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('checkout_locks')
    .values({ tenant_id: tenantId, profile_id: profileId, locked_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'profile_id']).doUpdateSet({ locked_at: at }))
    .execute();
}

export async function findCheckout(
  db: Executor,
  tenantId: string,
  profileId: string,
  id: string,
): Promise<Checkout | undefined> {
  const row = await db
    .selectFrom('checkouts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && checkoutFromRow(row);
}

/** The profile's check-outs not checked in whose end is after `at`: those live at `at`. */
export async function findLiveCheckouts(
  db: Executor,
  tenantId: string,
  profileId: string,
  at: number,
): Promise<Checkout[]> {
  const rows = await db
    .selectFrom('checkouts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .where('checked_in_at', 'is', null)
    .where('expires_at', '>', at)
    .orderBy('checked_out_at')
    .orderBy('id')
    .execute();
  return rows.map(checkoutFromRow);
}

export interface CheckoutSelection {
  profileId: string;
  /** Only this user's check-outs; null: no user's (none at all). */
  userId?: string | null | undefined;
}

export async function listCheckouts(
  db: Executor,
  tenantId: string,
  selection: CheckoutSelection,
  params: ListParams,
): Promise<Page<Checkout>> {
  let base = db
    .selectFrom('checkouts')
    .selectAll('checkouts')
    .where('checkouts.tenant_id', '=', tenantId)
    .where('checkouts.profile_id', '=', selection.profileId);
  // user_id is never NULL: "is null" finds none, and the filter, sort and cursor are still checked.
  if (selection.userId !== undefined)
    base = base.where('checkouts.user_id', selection.userId === null ? 'is' : '=', selection.userId);
  const page = await listPage(base, checkoutFields, params, 'checkedOutAt');
  return { ...page, rows: page.rows.map(checkoutFromRow) };
}

export async function insertCheckout(db: Executor, checkout: Checkout): Promise<void> {
  await db.insertInto('checkouts').values(checkoutToRow(checkout)).execute();
}

/** Changes the check-out; answers whether it was found. Callers hold the profile's lock. */
export async function updateCheckout(
  db: Executor,
  tenantId: string,
  id: string,
  changes: CheckoutChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('checkouts')
    .set(checkoutChangesToRow(changes))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
