import type { Instant } from './time.js';

export interface DirectoryAttribute {
  name: string;
  value: string;
}

/** What the account's directory (LDAP, AD, an IdP) reports; compared against a profile's desires. */
export interface DirectoryFacts {
  provider: string | null;
  fqdn: string | null;
  sid: string | null;
  actualGroups: string[];
  actualAttributes: DirectoryAttribute[];
  /** The directory the account is synced from (set by a sync only); null: kept by hand. */
  directoryId: string | null;
  /** The directory's stable id of the entry (entryUUID, objectGUID). */
  externalId: string | null;
  /** When a sync last found the entry gone from its directory; null: present. */
  vanishedAt: Instant | null;
}

export interface User {
  id: string;
  tenantId: string;
  username: string;
  /** The name shown for the account (Visier's displayName). */
  displayName: string | null;
  /** The HR system's id of the person (Visier's employeeId). */
  employeeId: string | null;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  role: string | null;
  locale: string | null;
  enabled: boolean;
  directory: DirectoryFacts;
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}

export interface Group {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  provider: string | null;
  sid: string | null;
  /** The group's DN, and where it was synced from (null: kept by hand); see DirectoryFacts. */
  fqdn: string | null;
  directoryId: string | null;
  externalId: string | null;
  vanishedAt: Instant | null;
  /** Its members: for a synced group, every account in it directly or through nested groups. */
  memberIds: string[];
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
