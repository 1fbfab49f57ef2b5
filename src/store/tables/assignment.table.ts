import type { EpochMillis, Flag, Versioned } from './common.js';

export interface AssignmentTable extends Versioned {
  id: string;
  /** The tenant that owns the assignment: the tenant of its profile and of its user. */
  tenant_id: string;
  profile_id: string;
  user_id: string;
  scope_tenant_id: string;
  include_descendants: Flag;
  /** Inclusive; NULL is open (since forever). */
  valid_from: EpochMillis | null;
  /** Exclusive; NULL is open (permanent). */
  valid_until: EpochMillis | null;
  created_by: string;
  updated_by: string;
}
