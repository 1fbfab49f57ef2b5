import type { CheckoutSettings } from './profile.js';
import type { Instant } from './time.js';

/**
 * A profile checked out by a user: a time-bound assignment of the profile to the user (its
 * `assignmentId`) made because one of the profile's policies allowed it. It is live from
 * `checkedOutAt` until `expiresAt` (exclusive) or its check-in, whichever comes first.
 */
export interface Checkout {
  id: string;
  tenantId: string;
  profileId: string;
  /** The holder. */
  userId: string;
  /** The assignment that gives the holder the profile while the check-out is live. */
  assignmentId: string;
  /** The policy that allowed the check-out. */
  policyId: string;
  checkedOutAt: Instant;
  expiresAt: Instant;
  extensionsUsed: number;
  checkedInAt: Instant | null;
}

export type CheckoutStatus = 'checkedOut' | 'checkedIn' | 'expired';

export function checkoutStatus(checkout: Checkout, at: Instant): CheckoutStatus {
  if (checkout.checkedInAt !== null) return 'checkedIn';
  return at < checkout.expiresAt ? 'checkedOut' : 'expired';
}

export const isLive = (checkout: Checkout, at: Instant): boolean =>
  checkoutStatus(checkout, at) === 'checkedOut';

/** How long a check-out lasts when the profile says nothing (no duration, or 0): 15 minutes. */
export const DEFAULT_CHECKOUT_DURATION_MS = 15 * 60_000;

export const checkoutDurationMs = (settings: CheckoutSettings): number =>
  settings.durationMs === null || settings.durationMs === 0
    ? DEFAULT_CHECKOUT_DURATION_MS
    : settings.durationMs;

/** What one extension adds: the extension duration, or else the duration again. */
export const extensionDurationMs = (settings: CheckoutSettings): number =>
  settings.extensionDurationMs === null || settings.extensionDurationMs === 0
    ? checkoutDurationMs(settings)
    : settings.extensionDurationMs;
