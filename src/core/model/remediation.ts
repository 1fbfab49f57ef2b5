/** One LDAP change that makes an account more compliant. */
export interface RemediationChange {
  /** What it does, in the profile's words. */
  kind: 'add-to-group' | 'set-attribute';
  /** The desired group (add-to-group) or attribute (set-attribute). */
  name: string;
  /** set-attribute: the value it gets. */
  value: string | null;
  /** The LDAP modify operation: on the group's entry (its member attribute) or the account's. */
  ldap: { dn: string; operation: 'add' | 'replace'; attribute: string; values: string[] };
}

/** What remediation does (or would do) for one non-compliant account. */
export interface AccountRemediation {
  userId: string;
  username: string;
  directoryId: string | null;
  /** planned: a dry run; applied: every change went through; failed: the directory refused one. */
  status: 'planned' | 'applied' | 'failed';
  changes: RemediationChange[];
  /** What no LDAP change can fix here (a group the directory does not have, conflicting desires). */
  unresolved: string[];
  /** failed: what the directory said. */
  error: string | null;
}

export interface RemediationResult {
  dryRun: boolean;
  accounts: AccountRemediation[];
  /** Directories synced again after the changes were applied. */
  resynced: string[];
}
