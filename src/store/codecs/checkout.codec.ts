import type { Insertable, Updateable } from 'kysely';
import type { Checkout } from '../../core/model/checkout.js';
import type { CheckoutTable } from '../tables/checkout.table.js';

/** What a write may change of a check-out: its end, its extensions, its check-in. */
export type CheckoutChanges = Partial<Pick<Checkout, 'expiresAt' | 'extensionsUsed' | 'checkedInAt'>>;

export function checkoutFromRow(row: CheckoutTable): Checkout {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    profileId: row.profile_id,
    userId: row.user_id,
    assignmentId: row.assignment_id,
    policyId: row.policy_id,
    checkedOutAt: row.checked_out_at,
    expiresAt: row.expires_at,
    extensionsUsed: row.extensions_used,
    checkedInAt: row.checked_in_at,
  };
}

export function checkoutToRow(checkout: Checkout): Insertable<CheckoutTable> {
  return {
    id: checkout.id,
    tenant_id: checkout.tenantId,
    profile_id: checkout.profileId,
    user_id: checkout.userId,
    assignment_id: checkout.assignmentId,
    policy_id: checkout.policyId,
    checked_out_at: checkout.checkedOutAt,
    expires_at: checkout.expiresAt,
    extensions_used: checkout.extensionsUsed,
    checked_in_at: checkout.checkedInAt,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function checkoutChangesToRow(changes: CheckoutChanges): Updateable<CheckoutTable> {
  return {
    ...(changes.expiresAt !== undefined && { expires_at: changes.expiresAt }),
    ...(changes.extensionsUsed !== undefined && { extensions_used: changes.extensionsUsed }),
    ...(changes.checkedInAt !== undefined && { checked_in_at: changes.checkedInAt }),
  };
}
