import type { EpochMillis, Flag, JsonText, Versioned } from './common.js';

export interface ProfileTable extends Versioned {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  enabled: Flag;
  /** `tenant` (the holder's own tenant) or `accessible-tenants` (tenants named per assignment). */
  audience: string;
  color: string | null;
  initials: string | null;
  session_duration_seconds: number | null;
  additional_capabilities: JsonText;
  roles: JsonText;
  desired_groups: JsonText;
  desired_ldap_attributes: JsonText;
  associations: JsonText;
  permissions: JsonText;
  policies: JsonText;
  advanced_settings: JsonText;
  /** The check-out settings (CheckoutSettings), as JSON; '{}' reads as the defaults. */
  checkout: JsonText;
  created_by: string;
  updated_by: string;
  last_accessed_at: EpochMillis | null;
}

/** Capabilities of a profile live in their own table so "who holds C at level L" is an index lookup. */
export interface ProfileCapabilityTable {
  profile_id: string;
  capability: string;
  /** 0 NoAccess, 1 Read, 2 Write. */
  access_level: number;
  /** 0 Simple, 1 Detailed. */
  view_level: number;
}
