import type { AccessLevel, ViewLevel } from './levels.js';
import type { CapabilityGrant, ProfilePermission } from './profile.js';

/**
 * An assignment active at an instant, with what its enabled profile grants: what effective
 * access is combined from.
 */
export interface ActiveAssignment {
  assignmentId: string;
  profileId: string;
  profileName: string;
  scopeTenantId: string;
  includeDescendants: boolean;
  capabilities: CapabilityGrant[];
  additionalCapabilities: string[];
  roles: string[];
  permissions: ProfilePermission[];
}

/** A user holding a capability, at the highest levels any of their active assignments grants. */
export interface CapabilityHolder {
  userId: string;
  accessLevel: AccessLevel;
  viewLevel: ViewLevel;
}
