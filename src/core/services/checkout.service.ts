import * as checkouts from '../../store/repositories/checkout.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { recordAudits, type AuditedChange } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { checkoutDurationMs, type Checkout } from '../model/checkout.js';
import { inTransaction } from '../transaction.js';
import { assignUsers } from './assignment.service.js';
import { allowingPolicy, refuseSecondHold } from './checkout-eligibility.js';
import { getProfile, requireProfile } from './profile.service.js';

/**
 * Check-outs: a user takes a profile for a while, as the profile's policies allow, through an
 * assignment of the profile to the user in the acting tenant for that while. Every write of a
 * profile's check-outs (here, and extensions and check-ins in checkout-change.service.ts) runs
 * under that profile's lock (see lockProfileCheckouts), in one transaction with the assignment
 * it writes and the audit events of both.
 */

/** Who acts on check-outs: the user the credential acts as, and what it may do with other users'. */
export interface CheckoutActor {
  /** The user the credential acts as; null: none (it may not check out, and has none). */
  userId: string | null;
  /** May see every user's check-outs. */
  seesOthers: boolean;
  /** May extend and check in every user's check-outs. */
  actsForOthers: boolean;
}

export const checkoutAudit = (
  verb: string,
  before: Checkout | undefined,
  after: Checkout,
): AuditedChange => ({
  action: `checkout.${verb}`,
  targetType: 'checkout',
  targetId: after.id,
  before,
  after,
});

function actingUser(actor: CheckoutActor): string {
  if (actor.userId === null) {
    throw new DomainError(
      'checkout.user_required',
      "this credential acts as no user, and a check-out is a user's: sign in as the user, or use a client made for one",
    );
  }
  return actor.userId;
}

/**
 * Checks the profile out for the acting user, from now for the profile's check-out duration
 * (15 minutes when it sets none): an assignment of the profile to the user in the acting tenant
 * for that window (the user's ended one there is reused), and the check-out recording it.
 */
export async function checkOut(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
): Promise<Checkout> {
  return inTransaction(ctx, async (tx) => {
    await checkouts.lockProfileCheckouts(tx.db, tenant.id, profileId, tx.now());
    // Read after the lock: the wait for it may have been long.
    const now = tx.now();
    const profile = await getProfile(tx, tenant, profileId);
    const userId = actingUser(actor);
    const policy = await allowingPolicy(tx, tenant, profile, userId, now);
    await refuseSecondHold(tx, tenant, profile, userId, now);
    const expiresAt = now + checkoutDurationMs(profile.checkout);
    const terms = {
      profileId,
      scopeTenantId: tenant.id,
      includeDescendants: false,
      validFrom: now,
      validUntil: expiresAt,
    };
    const [assigned] = await assignUsers(tx, tenant, terms, [userId]);
    const checkout: Checkout = {
      id: newId(),
      tenantId: tenant.id,
      profileId,
      userId,
      assignmentId: assigned!.assignment.id,
      policyId: policy.id,
      checkedOutAt: now,
      expiresAt,
      extensionsUsed: 0,
      checkedInAt: null,
    };
    await checkouts.insertCheckout(tx.db, checkout);
    await recordAudits(tx, tenant, [assigned!.audit, checkoutAudit('create', undefined, checkout)]);
    return checkout;
  });
}

/** The check-out, when the actor may see it (its own, or anyone's with seesOthers); else not found. */
export async function visibleCheckout(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
  id: string,
): Promise<Checkout> {
  const checkout = await checkouts.findCheckout(ctx.db, tenant.id, profileId, id);
  if (!checkout || (checkout.userId !== actor.userId && !actor.seesOthers)) {
    throw new DomainError('checkout.not_found', `check-out ${id} does not exist`);
  }
  return checkout;
}

export async function getCheckout(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
  id: string,
): Promise<Checkout> {
  await requireProfile(ctx, tenant, profileId);
  return visibleCheckout(ctx, tenant, actor, profileId, id);
}

/** The profile's check-outs the actor may see: everyone's with seesOthers, else its user's own. */
export async function listCheckouts(
  ctx: CoreContext,
  tenant: ActingTenant,
  actor: CheckoutActor,
  profileId: string,
  params: ListParams,
): Promise<Page<Checkout>> {
  await requireProfile(ctx, tenant, profileId);
  const holder = actor.seesOthers ? {} : { userId: actor.userId };
  return checkouts.listCheckouts(ctx.db, tenant.id, { profileId, ...holder }, params);
}
