import type { ActingTenant, CoreContext } from '../context.js';
import { ConcurrentWrite, inTransaction, runAgainAfterLostRaces } from '../transaction.js';
import { DomainError, type DomainErrorCode } from '../errors.js';
import type { Assignment } from '../model/assignment.js';
import { assign, checkWindow, revoke, type AssignInput } from './assignment.service.js';
import { requireProfile } from './profile.service.js';

/**
 * Assigns or revokes one profile for many users in one scope, with a result per user and,
 * when asked, all or nothing. For a profile given across several tenant targets, see
 * tenant-targeted-assignment.service.ts.
 */

export type BulkItemResult<T> =
  | { userId: string; ok: true; value: T }
  | { userId: string; ok: false; error: { code: DomainErrorCode; message: string } };

export interface BulkOutcome<T> {
  /** false when `atomic` was asked and an item failed: nothing was written. */
  applied: boolean;
  results: BulkItemResult<T>[];
}

/**
 * Applies `item` to each user. Not atomic: one transaction per user, failures reported per user.
 * Atomic: one transaction for all; any failure rolls everything back and every result says why.
 */
async function forEachUser<T>(
  ctx: CoreContext,
  userIds: readonly string[],
  atomic: boolean,
  item: (tx: CoreContext, userId: string) => Promise<T>,
): Promise<BulkOutcome<T>> {
  const attempt = async (tx: CoreContext, userId: string): Promise<BulkItemResult<T>> => {
    try {
      return { userId, ok: true, value: await item(tx, userId) };
    } catch (error) {
      // A lost race is no item's failure: the transaction runs again (see inTransaction).
      if (!(error instanceof DomainError) || error instanceof ConcurrentWrite) throw error;
      return { userId, ok: false, error: { code: error.code, message: error.message } };
    }
  };
  const unique = [...new Set(userIds)];
  if (!atomic) {
    const results: BulkItemResult<T>[] = [];
    for (const userId of unique) {
      results.push(await inTransaction(ctx, (tx) => attempt(tx, userId)));
    }
    return { applied: results.some((r) => r.ok), results };
  }
  // One transaction for all; PostgreSQL aborts a transaction after an error, so each item runs
  // in a savepoint and the others are still tried, to report every failure at once. A lost race
  // runs the whole of it again.
  const results = await runAgainAfterLostRaces(async () => {
    const trx = await ctx.db.startTransaction().execute();
    const done: BulkItemResult<T>[] = [];
    try {
      for (const userId of unique) {
        const savepoint = await trx.savepoint('item').execute();
        const result = await attempt({ ...ctx, db: savepoint }, userId);
        if (result.ok) await savepoint.releaseSavepoint('item').execute();
        else await savepoint.rollbackToSavepoint('item').execute();
        done.push(result);
      }
    } catch (error) {
      await trx.rollback().execute();
      throw error;
    }
    if (done.every((r) => r.ok)) await trx.commit().execute();
    else await trx.rollback().execute();
    return done;
  });
  if (results.every((r) => r.ok)) return { applied: true, results };
  const notApplied = {
    code: 'precondition.failed' as const,
    message: 'not applied: another item failed and the request was atomic',
  };
  return {
    applied: false,
    results: results.map((r) => (r.ok ? { userId: r.userId, ok: false, error: notApplied } : r)),
  };
}

export interface BulkAssignInput extends Omit<AssignInput, 'userId'> {
  userIds: readonly string[];
  atomic?: boolean | undefined;
}

export async function bulkAssign(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: BulkAssignInput,
): Promise<BulkOutcome<{ assignment: Assignment; created: boolean }>> {
  // Request-wide problems are errors of the request, not of each user.
  checkWindow(input.validFrom ?? null, input.validUntil ?? null);
  await requireProfile(ctx, tenant, input.profileId);
  return forEachUser(ctx, input.userIds, input.atomic ?? false, (tx, userId) =>
    assign(tx, tenant, { ...input, userId }),
  );
}

export interface BulkRevokeInput {
  profileId: string;
  userIds: readonly string[];
  scopeTenantId?: string | undefined;
  atomic?: boolean | undefined;
}

export async function bulkRevoke(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: BulkRevokeInput,
): Promise<BulkOutcome<Assignment[]>> {
  await requireProfile(ctx, tenant, input.profileId);
  return forEachUser(ctx, input.userIds, input.atomic ?? false, async (tx, userId) => {
    const removed = await revoke(tx, tenant, {
      profileId: input.profileId,
      userId,
      scopeTenantId: input.scopeTenantId,
    });
    if (removed.length === 0) {
      throw new DomainError(
        'assignment.not_found',
        `user ${userId} has no assignment of profile ${input.profileId}`,
      );
    }
    return removed;
  });
}
