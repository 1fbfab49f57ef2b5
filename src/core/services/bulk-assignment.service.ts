import { findUserIds } from '../../store/repositories/user.repository.js';
import { recordAudits, type AuditedChange } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { ConcurrentWrite, inTransaction } from '../transaction.js';
import { DomainError, type DomainErrorCode } from '../errors.js';
import type { Assignment } from '../model/assignment.js';
import {
  assignmentsHeld,
  assignUsers,
  checkWindow,
  removalAudit,
  removeAssignments,
  type AssignInput,
  type AssignOutcome,
} from './assignment.service.js';
import { requireProfile } from './profile.service.js';
import type { PlacedTenant } from '../model/tenant.js';
import { getPlacedTenant } from './tenant.service.js';
import { userNotFound } from './user.service.js';

/**
 * Assigns or revokes one profile for many users in one scope, with a result per user and,
 * when asked, all or nothing. For a profile given across several tenant targets, see
 * tenant-targeted-assignment.service.ts.
 *
 * A request is one transaction of set operations, whatever its number of users: it reads all
 * its users and their assignments at once, decides each user's outcome from them by the rules
 * of a single assign or revoke, and writes the users that succeed with one statement per chunk
 * of rows, their audit events too. Every failure is known before anything is written, so an
 * atomic request with a failure writes nothing, and one that is not writes the others at once.
 */

/** Why one item of a bulk request failed. */
export interface ItemError {
  code: DomainErrorCode;
  message: string;
}

export type BulkItemResult<T> =
  { userId: string; ok: true; value: T } | { userId: string; ok: false; error: ItemError };

export interface BulkOutcome<T> {
  /** false when `atomic` was asked and an item failed: nothing was written. */
  applied: boolean;
  results: BulkItemResult<T>[];
}

/** A DomainError as the failure of one item; anything else (a lost race included) is no item's. */
export function asItemError(error: unknown): ItemError {
  if (!(error instanceof DomainError) || error instanceof ConcurrentWrite) throw error;
  return { code: error.code, message: error.message };
}

/**
 * The users of the request that cannot be items of it, and why: those that are not users of the
 * acting tenant, then, when the scope asked for is not in the acting subtree, every other one
 * (the order in which a single assign or revoke checks them). Answers the scope found too.
 */
async function checkUsers(
  tx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
  scopeTenantId: string | undefined,
): Promise<{ scope: PlacedTenant | undefined; failures: Map<string, ItemError> }> {
  const found = await findUserIds(tx.db, tenant.id, userIds);
  let scope: PlacedTenant | undefined;
  let scopeFailure: ItemError | undefined;
  if (scopeTenantId !== undefined) {
    scope = await getPlacedTenant(tx, tenant, scopeTenantId).catch((error: unknown) => {
      scopeFailure = asItemError(error);
      return undefined;
    });
  }
  const failures = new Map<string, ItemError>();
  for (const userId of userIds) {
    const failure = found.has(userId) ? scopeFailure : asItemError(userNotFound(userId));
    if (failure) failures.set(userId, failure);
  }
  return { scope, failures };
}

const notApplied: ItemError = {
  code: 'precondition.failed',
  message: 'not applied: another item failed and the request was atomic',
};

/**
 * Ends a bulk request whose failures are all known. Atomic with a failure: nothing is written,
 * every failure is reported and every other user is "not applied". Otherwise `write` applies the
 * other users at once, answering each one's value, and their audit events (in the users' order)
 * are recorded in one write per chunk.
 */
async function settle<T>(
  tx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
  failures: ReadonlyMap<string, ItemError>,
  atomic: boolean,
  write: (good: string[]) => Promise<{ values: Map<string, T>; audit: AuditedChange[] }>,
): Promise<BulkOutcome<T>> {
  if (atomic && failures.size > 0) {
    return {
      applied: false,
      results: userIds.map((userId) => ({ userId, ok: false, error: failures.get(userId) ?? notApplied })),
    };
  }
  const { values, audit } = await write(userIds.filter((userId) => !failures.has(userId)));
  await recordAudits(tx, tenant, audit);
  const results = userIds.map((userId): BulkItemResult<T> => {
    const failure = failures.get(userId);
    return failure ? { userId, ok: false, error: failure } : { userId, ok: true, value: values.get(userId)! };
  });
  return { applied: results.some((r) => r.ok), results };
}

export interface BulkAssignInput extends Omit<AssignInput, 'userId'> {
  userIds: readonly string[];
  atomic?: boolean | undefined;
}

export async function bulkAssign(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: BulkAssignInput,
): Promise<BulkOutcome<AssignOutcome>> {
  const validFrom = input.validFrom ?? null;
  const validUntil = input.validUntil ?? null;
  // Request-wide problems are errors of the request, not of each user.
  checkWindow(validFrom, validUntil);
  const userIds = [...new Set(input.userIds)];
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    const { scope, failures } = await checkUsers(tx, tenant, userIds, input.scopeTenantId);
    return settle(tx, tenant, userIds, failures, input.atomic ?? false, async (good) => {
      const terms = {
        profileId: input.profileId,
        scopeTenantId: (scope ?? tenant).id,
        includeDescendants: input.includeDescendants,
        validFrom,
        validUntil,
      };
      const done = await assignUsers(tx, tenant, terms, good);
      return {
        values: new Map(done.map((d) => [d.userId, { assignment: d.assignment, created: d.created }])),
        audit: done.map((d) => d.audit),
      };
    });
  });
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
  const userIds = [...new Set(input.userIds)];
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    const { failures } = await checkUsers(tx, tenant, userIds, input.scopeTenantId);
    const candidates = userIds.filter((userId) => !failures.has(userId));
    const held = await assignmentsHeld(tx, tenant, input.profileId, candidates, input.scopeTenantId);
    for (const userId of candidates) {
      if (!held.has(userId)) {
        failures.set(userId, {
          code: 'assignment.not_found',
          message: `user ${userId} has no assignment of profile ${input.profileId}`,
        });
      }
    }
    return settle(tx, tenant, userIds, failures, input.atomic ?? false, async (good) => {
      const removed = good.flatMap((userId) => held.get(userId)!);
      await removeAssignments(tx, tenant, removed);
      return {
        values: new Map(good.map((userId) => [userId, held.get(userId)!])),
        audit: removed.map(removalAudit),
      };
    });
  });
}
