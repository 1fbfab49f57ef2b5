import * as checkouts from '../../store/repositories/checkout.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Profile, ProfilePolicy } from '../model/profile.js';
import { toIso, type Instant } from '../model/time.js';
import { assignmentsHeld } from './assignment.service.js';
import { decideCheckout, namesGroups } from './checkout-policy.js';
import { groupsOfUsers } from './user-listing.service.js';
import { getUser } from './user.service.js';

// Whether a user may hold a profile now: what its policies say, and what the user holds already.

const notAllowed = (why: string) => new DomainError('checkout.not_allowed', why);

/**
 * The policy that lets the user hold the profile at `at`; refuses (checkout.not_allowed, saying
 * why) a disabled profile, a user that is not an enabled user of the acting tenant, a Deny
 * policy, and a profile none of whose policies allows the user.
 */
export async function allowingPolicy(
  tx: CoreContext,
  tenant: ActingTenant,
  profile: Profile,
  userId: string,
  at: Instant,
): Promise<ProfilePolicy> {
  if (!profile.enabled) throw notAllowed(`profile ${profile.id} is disabled`);
  const user = await getUser(tx, tenant, userId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'user.not_found') {
      throw notAllowed(
        `user ${userId} is not a user of the tenant acted from: check out in the user's own tenant`,
      );
    }
    throw error;
  });
  if (!user.enabled) throw notAllowed(`user ${userId} is disabled`);
  const groupIds = new Set<string>();
  if (namesGroups(profile.policies)) {
    for (const group of (await groupsOfUsers(tx, tenant, [userId])).get(userId) ?? []) groupIds.add(group.id);
  }
  const ordered = profile.checkout.policyOrderingEnabled;
  const decision = decideCheckout(profile.policies, ordered, { userId, groupIds }, at);
  if (decision.allowed) return decision.policy;
  if (decision.policy === null) {
    throw notAllowed(`no active policy of profile ${profile.id} allows user ${userId} now`);
  }
  const { name, id } = decision.policy;
  throw notAllowed(
    `policy "${name}" (${id}) of profile ${profile.id} denies user ${userId}${ordered ? ' (the first that matches, in order)' : ''}`,
  );
}

/**
 * Refuses a second hold: the user's own live check-out of the profile, another user's of an
 * exclusive profile, and an assignment of the profile to the user in the acting tenant whose
 * window has not ended (the check-out would change that assignment's window).
 */
export async function refuseSecondHold(
  tx: CoreContext,
  tenant: ActingTenant,
  profile: Profile,
  userId: string,
  at: Instant,
): Promise<void> {
  const live = await checkouts.findLiveCheckouts(tx.db, tenant.id, profile.id, at);
  const own = live.find((c) => c.userId === userId);
  if (own) {
    throw new DomainError(
      'checkout.already_held',
      `user ${userId} holds profile ${profile.id} already: check-out ${own.id}, until ${toIso(own.expiresAt)}`,
    );
  }
  if (profile.checkout.exclusive && live.length > 0) {
    const until = Math.max(...live.map((c) => c.expiresAt));
    throw new DomainError(
      'checkout.held_by_another',
      `profile ${profile.id} is checked out exclusively by another user, until ${toIso(until)} at the latest`,
    );
  }
  const [assigned] = (await assignmentsHeld(tx, tenant, profile.id, [userId], tenant.id)).get(userId) ?? [];
  if (assigned && (assigned.validUntil === null || assigned.validUntil > at)) {
    throw new DomainError(
      'checkout.already_held',
      `user ${userId} is assigned profile ${profile.id} already (assignment ${assigned.id}), for a window that has not ended`,
    );
  }
}
