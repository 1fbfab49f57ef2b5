import { findUsers } from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError, type DomainErrorCode } from '../errors.js';
import type { Instant } from '../model/time.js';
import { assign, checkWindow, revoke } from './assignment.service.js';
import { requireProfile } from './profile.service.js';
import { resolveTenantRef } from './tenant.service.js';

/**
 * Assigns or revokes one profile for many users in each of several tenant targets (a tenant,
 * with or without those below it), with a result per user and target. For many users in one
 * scope, see bulk-assignment.service.ts.
 */

/** A tenant a profile is given for: by id or code, with or without the tenants below it. */
export interface TenantTarget {
  tenant: string;
  includeDescendants: boolean;
}

export interface ItemError {
  code: DomainErrorCode;
  message: string;
}

export interface TargetedOutcome {
  /** Users that do not exist in the acting tenant: nothing was done for them. */
  badUsers: { userId: string; error: ItemError }[];
  /** Tenants that do not exist inside the acting subtree: nothing was done for them. */
  badTargets: { target: TenantTarget; error: ItemError }[];
  /** One result per good user and good target, each applied in a transaction of its own. */
  results: { userId: string; target: TenantTarget; error?: ItemError; changed: boolean }[];
}

const asItemError = (error: unknown): ItemError => {
  if (!(error instanceof DomainError)) throw error;
  return { code: error.code, message: error.message };
};

/** Splits users and targets into the good and the bad, before anything is written. */
async function sortOut(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
  targets: readonly TenantTarget[],
) {
  const unique = [...new Set(userIds)];
  const found = new Set((await findUsers(ctx.db, tenant.id, unique)).map((u) => u.id));
  const badUsers = unique
    .filter((id) => !found.has(id))
    .map((userId) => ({
      userId,
      error: { code: 'user.not_found' as const, message: `user ${userId} does not exist` },
    }));
  const goodTargets: { target: TenantTarget; tenantId: string }[] = [];
  const badTargets: TargetedOutcome['badTargets'] = [];
  for (const target of targets) {
    try {
      goodTargets.push({ target, tenantId: (await resolveTenantRef(ctx, tenant, target.tenant)).id });
    } catch (error) {
      badTargets.push({ target, error: asItemError(error) });
    }
  }
  return { users: unique.filter((id) => found.has(id)), goodTargets, badUsers, badTargets };
}

/** Runs `work` for each good user and target, each on its own, and reports every outcome. */
async function eachPair(
  sorted: Awaited<ReturnType<typeof sortOut>>,
  work: (userId: string, target: TenantTarget, tenantId: string) => Promise<boolean>,
): Promise<TargetedOutcome> {
  const results: TargetedOutcome['results'] = [];
  for (const userId of sorted.users) {
    for (const { target, tenantId } of sorted.goodTargets) {
      try {
        results.push({ userId, target, changed: await work(userId, target, tenantId) });
      } catch (error) {
        results.push({ userId, target, error: asItemError(error), changed: false });
      }
    }
  }
  return { badUsers: sorted.badUsers, badTargets: sorted.badTargets, results };
}

/**
 * Assigns a profile to each user for each target tenant (with or without its descendants), for
 * one window. Unknown users and tenants are reported and skipped; every other pair is applied in
 * its own transaction and reported, so one failure does not undo the others.
 */
export async function assignForTenants(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: {
    profileId: string;
    userIds: readonly string[];
    targets: readonly TenantTarget[];
    validFrom: Instant | null;
    validUntil: Instant | null;
  },
): Promise<TargetedOutcome> {
  checkWindow(input.validFrom, input.validUntil);
  await requireProfile(ctx, tenant, input.profileId);
  const sorted = await sortOut(ctx, tenant, input.userIds, input.targets);
  return eachPair(sorted, async (userId, target, tenantId) => {
    await assign(ctx, tenant, {
      profileId: input.profileId,
      userId,
      scopeTenantId: tenantId,
      includeDescendants: target.includeDescendants,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    });
    return true;
  });
}

/**
 * Removes a profile from each user for each target tenant. `changed` says whether the user had
 * the profile there; unknown users and tenants are reported and skipped.
 */
export async function revokeForTenants(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: { profileId: string; userIds: readonly string[]; targets: readonly TenantTarget[] },
): Promise<TargetedOutcome> {
  await requireProfile(ctx, tenant, input.profileId);
  const sorted = await sortOut(ctx, tenant, input.userIds, input.targets);
  return eachPair(sorted, async (userId, _target, tenantId) => {
    const removed = await revoke(ctx, tenant, {
      profileId: input.profileId,
      userId,
      scopeTenantId: tenantId,
    });
    return removed.length > 0;
  });
}
