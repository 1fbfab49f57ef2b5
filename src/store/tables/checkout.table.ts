import type { EpochMillis } from './common.js';

export interface CheckoutTable {
  id: string;
  /** The tenant of the profile, of the holder and of the assignment. */
  tenant_id: string;
  profile_id: string;
  user_id: string;
  assignment_id: string;
  policy_id: string;
  checked_out_at: EpochMillis;
  /** Exclusive. */
  expires_at: EpochMillis;
  extensions_used: number;
  /** NULL until checked in. */
  checked_in_at: EpochMillis | null;
}

/** One row per profile ever checked out: what the check-out writes of that profile queue on. */
export interface CheckoutLockTable {
  tenant_id: string;
  profile_id: string;
  locked_at: EpochMillis;
}
