import type { AccessLevel, ViewLevel } from './levels.js';
import type { Instant } from './time.js';
import type { DirectoryAttribute } from './user.js';

export const profileAudiences = ['tenant', 'accessible-tenants'] as const;
export type ProfileAudience = (typeof profileAudiences)[number];

export interface CapabilityGrant {
  capability: string;
  accessLevel: AccessLevel;
  viewLevel: ViewLevel;
}

export interface DesiredGroup {
  name: string;
  provider: string | null;
  sid: string | null;
}

/** A permission variable is static (a value), system-defined, or prompted at checkout: never two of these. */
export interface PermissionVariable {
  name: string;
  value: string | null;
  isSystemDefined: boolean;
  promptAtCheckout: boolean;
}

export interface ProfilePermission {
  permissionId: string;
  name: string;
  version: string;
  description: string | null;
  resourceType: string | null;
  variables: PermissionVariable[];
}

export interface PolicyMember {
  id: string;
  memberType: 'User' | 'Tag';
}

export interface ProfilePolicy {
  id: string;
  name: string;
  isActive: boolean;
  isDraft: boolean;
  condition: Record<string, unknown> | null;
  members: PolicyMember[];
}

export interface Profile {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  enabled: boolean;
  audience: ProfileAudience;
  color: string | null;
  initials: string | null;
  capabilities: CapabilityGrant[];
  additionalCapabilities: string[];
  roles: string[];
  sessionDurationSeconds: number | null;
  desiredGroups: DesiredGroup[];
  desiredLdapAttributes: DirectoryAttribute[];
  /** Label associations: label key -> values (as Britive shows them). Order of values is kept. */
  associations: Record<string, string[]>;
  permissions: ProfilePermission[];
  /** In evaluation order. */
  policies: ProfilePolicy[];
  advancedSettings: Record<string, unknown>;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  updatedBy: string;
  lastAccessedAt: Instant | null;
  version: number;
}
