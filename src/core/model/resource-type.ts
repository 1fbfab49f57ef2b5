import type { Instant } from './time.js';

/** A kind of resource a tenant grants permissions on (Britive's resource types). */
export interface ResourceType {
  id: string;
  tenantId: string;
  /** Unique in the tenant. */
  name: string;
  description: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
