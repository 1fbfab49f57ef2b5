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
  /** As the permission declares it: `password` for a secret, else `String`. */
  type: 'String' | 'password';
  /** What a value must match (a prompted or generated one included); null: anything. */
  regexPattern: string | null;
  /** What the pattern asks for, for the person checking out; cleared with the pattern. */
  description: string | null;
}

export interface ProfilePermission {
  permissionId: string;
  name: string;
  version: string;
  description: string | null;
  /** The catalog's resource type, by id, when the permission comes from the catalog. */
  resourceTypeId: string | null;
  resourceType: string | null;
  variables: PermissionVariable[];
}

export const policyMemberTypes = ['User', 'Tag', 'ServiceIdentity', 'Token'] as const;

/** Who a policy names: a user, a tag (a group), a service identity or a token, by id. */
export interface PolicyMember {
  id: string;
  memberType: (typeof policyMemberTypes)[number];
}

export interface ProfilePolicy {
  id: string;
  name: string;
  description: string | null;
  isActive: boolean;
  isDraft: boolean;
  isReadOnly: boolean;
  /** A Deny policy that matches refuses, whatever an Allow policy says. */
  accessType: 'Allow' | 'Deny';
  /** Approval, time window, IP ranges...: kept as given. */
  condition: Record<string, unknown> | null;
  members: PolicyMember[];
  /** Label associations of the resources the policy covers. */
  resourceLabels: Record<string, string[]>;
}

/** How the profile is checked out (held for a while, on request), Britive's resource profile fields. */
export interface CheckoutSettings {
  /** How long a check-out lasts, in ms; null: not set. */
  durationMs: number | null;
  extendable: boolean;
  /** How much one extension adds, in ms; null: the duration again. */
  extensionDurationMs: number | null;
  /** How many times a check-out may be extended; null: without limit. */
  extensionLimit: number | null;
  /** How long before expiry the holder is told, in ms. */
  notifyBeforeExpiryMs: number | null;
  /** One holder at a time. */
  exclusive: boolean;
  delegationEnabled: boolean;
  /** Policies are evaluated in their order (the first that matches decides). */
  policyOrderingEnabled: boolean;
}

export const defaultCheckoutSettings: CheckoutSettings = {
  durationMs: null,
  extendable: false,
  extensionDurationMs: null,
  extensionLimit: null,
  notifyBeforeExpiryMs: null,
  exclusive: false,
  delegationEnabled: false,
  policyOrderingEnabled: false,
};

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
  checkout: CheckoutSettings;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  updatedBy: string;
  lastAccessedAt: Instant | null;
  version: number;
}
