import { findUserIds } from '../../store/repositories/user.repository.js';
import { recordAudits, type AuditedChange } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Instant } from '../model/time.js';
import { inTransaction } from '../transaction.js';
import {
  assignmentsHeld,
  assignUsers,
  checkWindow,
  removalAudit,
  removeAssignments,
} from './assignment.service.js';
import { asItemError, type ItemError } from './bulk-assignment.service.js';
import { requireProfile } from './profile.service.js';
import { resolveTenantRef } from './tenant.service.js';
import { userNotFound } from './user.service.js';

/**
 * Assigns or revokes one profile for many users in each of several tenant targets (a tenant,
 * with or without those below it), with a result per user and target. For many users in one
 * scope, see bulk-assignment.service.ts. Like it, a request is one transaction of set
 * operations: unknown users and tenants are found before anything is written, and each target
 * is then written for all the other users at once.
 */

/** A tenant a profile is given for: by id or code, with or without the tenants below it. */
export interface TenantTarget {
  tenant: string;
  includeDescendants: boolean;
}

export interface TargetedOutcome {
  /** Users that do not exist in the acting tenant: nothing was done for them. */
  badUsers: { userId: string; error: ItemError }[];
  /** Tenants that do not exist inside the acting subtree: nothing was done for them. */
  badTargets: { target: TenantTarget; error: ItemError }[];
  /**
   * One result per good user and good target, users first, in the order asked: every such pair
   * is applied, and `changed` says whether a revoke found the profile there to remove.
   */
  results: { userId: string; target: TenantTarget; changed: boolean }[];
}

/** Splits users and targets into the good and the bad, before anything is written. */
async function sortOut(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
  targets: readonly TenantTarget[],
) {
  const unique = [...new Set(userIds)];
  const found = await findUserIds(ctx.db, tenant.id, unique);
  const badUsers = unique
    .filter((id) => !found.has(id))
    .map((userId) => ({ userId, error: asItemError(userNotFound(userId)) }));
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

type Sorted = Awaited<ReturnType<typeof sortOut>>;

/** What a write did for one user and target, and its audit events. */
interface PairWritten {
  changed: boolean;
  audit: AuditedChange[];
}

/**
 * Runs `write` for each good target, one after the other (a target named twice sees what the
 * first wrote), for all good users at once; reports each user and target, users first, and
 * records the audit events in that order, as single writes in that order would have.
 */
async function eachTarget(
  tx: CoreContext,
  tenant: ActingTenant,
  sorted: Sorted,
  write: (tenantId: string, target: TenantTarget) => Promise<Map<string, PairWritten>>,
): Promise<TargetedOutcome> {
  const written: Map<string, PairWritten>[] = [];
  for (const { target, tenantId } of sorted.goodTargets) written.push(await write(tenantId, target));
  const results: TargetedOutcome['results'] = [];
  const audit: AuditedChange[] = [];
  for (const userId of sorted.users) {
    sorted.goodTargets.forEach(({ target }, i) => {
      const done = written[i]!.get(userId)!;
      results.push({ userId, target, changed: done.changed });
      audit.push(...done.audit);
    });
  }
  await recordAudits(tx, tenant, audit);
  return { badUsers: sorted.badUsers, badTargets: sorted.badTargets, results };
}

/**
 * Assigns a profile to each user for each target tenant (with or without its descendants), for
 * one window. Unknown users and tenants are reported and skipped; every other pair is applied.
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
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    const sorted = await sortOut(tx, tenant, input.userIds, input.targets);
    return eachTarget(tx, tenant, sorted, async (tenantId, target) => {
      const terms = {
        profileId: input.profileId,
        scopeTenantId: tenantId,
        includeDescendants: target.includeDescendants,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
      };
      const done = await assignUsers(tx, tenant, terms, sorted.users);
      return new Map(done.map((d) => [d.userId, { changed: true, audit: [d.audit] }]));
    });
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
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    const sorted = await sortOut(tx, tenant, input.userIds, input.targets);
    return eachTarget(tx, tenant, sorted, async (tenantId) => {
      const held = await assignmentsHeld(tx, tenant, input.profileId, sorted.users, tenantId);
      await removeAssignments(tx, tenant, [...held.values()].flat());
      return new Map(
        sorted.users.map((userId) => {
          const removed = held.get(userId) ?? [];
          return [userId, { changed: removed.length > 0, audit: removed.map(removalAudit) }];
        }),
      );
    });
  });
}
