import type { DesiredGroup } from './profile.js';
import type { User } from './user.js';

/** A desired LDAP attribute the account's directory reports with other values (or none). */
export interface AttributeDifference {
  name: string;
  desired: string;
  /** Every value the directory reports for the attribute; empty: it has none. */
  actual: string[];
  /** The profiles that desire this value. */
  profileIds: string[];
}

/** A desired group the account is not a member of (directly or through nested groups). */
export interface MissingGroup extends DesiredGroup {
  /** The profiles that desire the group. */
  profileIds: string[];
}

/**
 * How one account stands against the profiles assigned to it now. It is non-compliant when a
 * desired group is missing or a desired attribute differs, or (by the tenant's setting) when it
 * holds no profile at all. Extra groups are reported and decide nothing: a profile says what an
 * account must have, not everything it may have.
 */
export interface AccountCompliance {
  user: User;
  /** The profiles assigned to the account now (window open, profile enabled). */
  profileIds: string[];
  compliant: boolean;
  /** Counted non-compliant only because it holds no profile (see UnassignedRule). */
  unassigned: boolean;
  missingGroups: MissingGroup[];
  differentAttributes: AttributeDifference[];
  /** Groups the directory reports that none of the account's profiles desires. */
  extraGroups: string[];
}

/** The tenant's compliance settings (ARM's profile configuration). */
export interface ComplianceSettings {
  /** Accounts that hold no profile count as non-compliant. */
  unassignedAccountsNonCompliant: boolean;
}
