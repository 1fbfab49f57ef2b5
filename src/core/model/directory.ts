import type { Instant } from './time.js';

/**
 * Which LDAP attributes stand for the account's fields. `id` is the stable id the directory keeps
 * for an entry across renames and moves (`entryUUID` on OpenLDAP, `objectGUID` on Active
 * Directory); `sid` the Windows security id (`objectSid`), where the directory has one.
 */
export interface DirectoryAttributeMap {
  username: string;
  id: string;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  sid: string | null;
  /** The attribute that names a group (`cn`). */
  groupName: string;
  /** The attribute of a group that lists its members' DNs (`member`, or `uniqueMember`). */
  groupMember: string;
}

/** What one sync did, as `POST /v1/directories/{id}/sync` and the CLI report it. */
export interface SyncReport {
  startedAt: Instant;
  finishedAt: Instant;
  accounts: {
    read: number;
    created: number;
    updated: number;
    unchanged: number;
    vanished: number;
    failed: number;
  };
  groups: { read: number; created: number; updated: number; unchanged: number; vanished: number };
  /** Entries that could not become an account (no username, a username taken by another account). */
  failures: { dn: string; kind: 'account' | 'group'; reason: string }[];
}

/**
 * A tenant's LDAP directory (OpenLDAP, Active Directory, ...): where it is, how profiled binds to
 * it and which entries are its accounts and groups. The bind password is kept sealed and never
 * shown; `writable` allows remediation to modify the directory with that bind.
 */
export interface Directory {
  id: string;
  tenantId: string;
  name: string;
  /** Shown as the accounts' directory provider (ARM's `Provider`): `AD`, `OpenLDAP`, ... */
  provider: string;
  /** `ldap://host:port` or `ldaps://host:port`. */
  url: string;
  /** Upgrade an `ldap://` connection with StartTLS before binding. */
  startTls: boolean;
  /** PEM certificates to trust for TLS, beside the system's; null: the system's only. */
  caCertificate: string | null;
  /** Refuse a server certificate that does not verify (turn off only for a test directory). */
  tlsVerify: boolean;
  bindDn: string;
  baseDn: string;
  userFilter: string;
  groupFilter: string;
  /** The LDAP attributes read for each account, that profiles may require. */
  attributes: string[];
  attributeMap: DirectoryAttributeMap;
  writable: boolean;
  lastSync: SyncReport | null;
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}

/** The defaults an OpenLDAP directory needs; Active Directory's differ (see docs/directory.md). */
export const defaultAttributeMap: DirectoryAttributeMap = {
  username: 'uid',
  id: 'entryUUID',
  email: 'mail',
  displayName: 'displayName',
  givenName: 'givenName',
  familyName: 'sn',
  sid: null,
  groupName: 'cn',
  groupMember: 'member',
};
