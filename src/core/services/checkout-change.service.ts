import * as checkouts from '../../store/repositories/checkout.repository.js';
import { findAssignment } from '../../store/repositories/assignment.repository.js';
import type { CheckoutChanges } from '../../store/codecs/checkout.codec.js';
import { recordAudits } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { extensionDurationMs, isLive, type Checkout } from '../model/checkout.js';
import type { Profile } from '../model/profile.js';
import { LATEST_INSTANT, toIso, type Instant } from '../model/time.js';
import { inTransaction } from '../transaction.js';
import { moveAssignmentEnd } from './assignment.service.js';
import { allowingPolicy } from './checkout-eligibility.js';
import { checkoutAudit, visibleCheckout, type CheckoutActor } from './checkout.service.js';
import { getProfile } from './profile.service.js';

/** What a change of a live check-out does: its new fields, and where its assignment's window ends. */
interface LiveChange {
  changes: CheckoutChanges;
  endsAt: Instant;
}

/**
 * Changes a live check-out under the profile's lock (see checkout.service.ts): the actor must be
 * its holder or act for others; its assignment's window then ends at `endsAt`, both audited. An
 * assignment an administrator removed meanwhile is not made again.
 */
async function changeLive(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  ref: { profileId: string; id: string; verb: 'extend' | 'checkin' },
  change: (tx: CoreContext, profile: Profile, checkout: Checkout, now: Instant) => Promise<LiveChange>,
): Promise<Checkout> {
  return inTransaction(ctx, async (tx) => {
    await checkouts.lockProfileCheckouts(tx.db, tenant.id, ref.profileId, tx.now());
    const now = tx.now();
    const profile = await getProfile(tx, tenant, ref.profileId);
    const checkout = await visibleCheckout(tx, tenant, actor, ref.profileId, ref.id);
    if (checkout.userId !== actor.userId && !actor.actsForOthers) {
      throw new DomainError(
        'checkout.not_holder',
        `check-out ${checkout.id} is another user's: only its holder, or a credential that may write assignments, may change it`,
      );
    }
    if (!isLive(checkout, now)) {
      const how =
        checkout.checkedInAt === null
          ? `expired at ${toIso(checkout.expiresAt)}`
          : `was checked in at ${toIso(checkout.checkedInAt)}`;
      throw new DomainError('checkout.ended', `check-out ${checkout.id} ${how}`);
    }
    const { changes, endsAt } = await change(tx, profile, checkout, now);
    const assignment = await findAssignment(tx.db, tenant.id, checkout.assignmentId);
    if (!assignment && ref.verb === 'extend') {
      throw new DomainError(
        'checkout.ended',
        `the assignment of check-out ${checkout.id} was removed: there is nothing left to extend`,
      );
    }
    const assignmentAudits = assignment ? [await moveAssignmentEnd(tx, tenant, assignment, endsAt)] : [];
    const after = { ...checkout, ...changes };
    await checkouts.updateCheckout(tx.db, tenant.id, checkout.id, changes);
    await recordAudits(tx, tenant, [...assignmentAudits, checkoutAudit(ref.verb, checkout, after)]);
    return after;
  });
}

/**
 * Moves the end of a live check-out (and of its assignment's window) by the profile's extension
 * duration (or else its duration), when its check-outs are extendable, up to its extension limit
 * (none: no limit), and while its policies still allow the holder.
 */
export async function extendCheckout(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
  id: string,
): Promise<Checkout> {
  const ref = { profileId, id, verb: 'extend' as const };
  return changeLive(ctx, tenant, actor, ref, async (tx, profile, checkout, now) => {
    const settings = profile.checkout;
    if (!settings.extendable) {
      throw new DomainError(
        'checkout.not_extendable',
        `check-outs of profile ${profileId} are not extendable (its checkout.extendable is false)`,
      );
    }
    const used = checkout.extensionsUsed;
    if (settings.extensionLimit !== null && used >= settings.extensionLimit) {
      throw new DomainError(
        'checkout.extension_limit',
        `check-out ${id} was extended ${used} times, as many as profile ${profileId} allows (its checkout.extensionLimit)`,
      );
    }
    const expiresAt = checkout.expiresAt + extensionDurationMs(settings);
    if (expiresAt > LATEST_INSTANT) {
      throw new DomainError(
        'checkout.extension_limit',
        `check-out ${id} would end after ${toIso(LATEST_INSTANT)}`,
      );
    }
    await allowingPolicy(tx, tenant, profile, checkout.userId, now);
    return { changes: { expiresAt, extensionsUsed: used + 1 }, endsAt: expiresAt };
  });
}

/** Ends a live check-out now: its assignment's window ends now, so the access goes at once. */
export async function checkIn(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
  id: string,
): Promise<Checkout> {
  const ref = { profileId, id, verb: 'checkin' as const };
  return changeLive(ctx, tenant, actor, ref, async (_tx, _profile, _checkout, now) => ({
    changes: { checkedInAt: now },
    endsAt: now,
  }));
}
