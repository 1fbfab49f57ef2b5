import type { Instant } from './time.js';

export interface Assignment {
  id: string;
  tenantId: string;
  profileId: string;
  userId: string;
  scopeTenantId: string;
  includeDescendants: boolean;
  /** Inclusive; null is open. */
  validFrom: Instant | null;
  /** Exclusive; null is permanent. */
  validUntil: Instant | null;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  updatedBy: string;
  version: number;
}
