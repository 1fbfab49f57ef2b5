import type { Entry } from 'ldapts';
import type { Directory, SyncReport } from '../model/directory.js';
import type { DirectoryAttribute } from '../model/user.js';
import { firstValue, valuesOf } from './entry-values.js';

/** An account as the directory holds it, with every group it is in (nested ones included). */
export interface DirectoryAccount {
  dn: string;
  externalId: string;
  username: string;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  sid: string | null;
  attributes: DirectoryAttribute[];
  groups: string[];
}

export interface DirectoryGroup {
  dn: string;
  externalId: string;
  name: string;
  description: string | null;
  sid: string | null;
  /** The external ids of every account in the group, directly or through nested groups. */
  memberIds: string[];
  /** The DNs of the groups directly in it. */
  childDns: string[];
}

export interface DirectorySnapshot {
  accounts: DirectoryAccount[];
  groups: DirectoryGroup[];
  /** Entries that cannot be an account or a group, with why. */
  failures: SyncReport['failures'];
}

/** DNs compare ignoring case and the spaces around separators (RFC 4514 allows both). */
export const dnKey = (dn: string) => dn.replace(/\s*([,=+])\s*/g, '$1').toLowerCase();

/** The attributes a sync asks for: of accounts and of groups. */
export function attributesToRead(directory: Directory): { accounts: string[]; groups: string[] } {
  const map = directory.attributeMap;
  const mapped = [map.username, map.id, map.email, map.displayName, map.givenName, map.familyName, map.sid];
  return {
    accounts: [...new Set([...mapped.filter((a): a is string => a !== null), ...directory.attributes])],
    groups: [
      ...new Set([map.groupName, map.id, map.groupMember, 'description', ...(map.sid ? [map.sid] : [])]),
    ],
  };
}

/**
 * What a directory holds, from the entries of its account and group searches: accounts with
 * their attributes and every group they are in, groups with every account in them. Nesting is
 * followed to any depth; a cycle of groups (which AD and OpenLDAP allow) ends where it repeats.
 */
export function snapshotOf(
  directory: Directory,
  accountEntries: Entry[],
  groupEntries: Entry[],
): DirectorySnapshot {
  const map = directory.attributeMap;
  const failures: DirectorySnapshot['failures'] = [];
  const accounts: DirectoryAccount[] = [];
  const accountByDn = new Map<string, DirectoryAccount>();
  const usernames = new Set<string>();

  for (const entry of accountEntries) {
    const username = firstValue(entry, map.username);
    const externalId = firstValue(entry, map.id);
    if (username === null || username === '') {
      failures.push({ dn: entry.dn, kind: 'account', reason: `the entry has no ${map.username}` });
      continue;
    }
    if (externalId === null) {
      failures.push({ dn: entry.dn, kind: 'account', reason: `the entry has no ${map.id} (the stable id)` });
      continue;
    }
    if (usernames.has(username.toLowerCase())) {
      failures.push({
        dn: entry.dn,
        kind: 'account',
        reason: `${map.username} "${username}" is another entry's too`,
      });
      continue;
    }
    usernames.add(username.toLowerCase());
    const attributes = directory.attributes.flatMap((name) =>
      valuesOf(entry, name).map((value) => ({ name, value })),
    );
    const account: DirectoryAccount = {
      dn: entry.dn,
      externalId,
      username,
      email: firstValue(entry, map.email),
      displayName: firstValue(entry, map.displayName),
      givenName: firstValue(entry, map.givenName),
      familyName: firstValue(entry, map.familyName),
      sid: firstValue(entry, map.sid),
      attributes,
      groups: [],
    };
    accounts.push(account);
    accountByDn.set(dnKey(entry.dn), account);
  }

  const groupByDn = new Map<string, { entry: Entry; group: DirectoryGroup; memberDns: string[] }>();
  for (const entry of groupEntries) {
    const name = firstValue(entry, map.groupName);
    const externalId = firstValue(entry, map.id);
    if (name === null || externalId === null) {
      failures.push({
        dn: entry.dn,
        kind: 'group',
        reason: `the group has no ${name === null ? map.groupName : map.id}`,
      });
      continue;
    }
    const memberDns = valuesOf(entry, map.groupMember).map(dnKey);
    groupByDn.set(dnKey(entry.dn), {
      entry,
      memberDns,
      group: {
        dn: entry.dn,
        externalId,
        name,
        description: firstValue(entry, 'description'),
        sid: firstValue(entry, map.sid),
        memberIds: [],
        childDns: [],
      },
    });
  }

  // Every account DN in a group, through nested groups: depth first, each group once per walk.
  const closure = new Map<string, Set<string>>();
  const accountsIn = (groupDn: string, walking: Set<string>): Set<string> => {
    const known = closure.get(groupDn);
    if (known) return known;
    const found = new Set<string>();
    walking.add(groupDn);
    for (const member of groupByDn.get(groupDn)?.memberDns ?? []) {
      if (accountByDn.has(member)) found.add(member);
      else if (groupByDn.has(member) && !walking.has(member)) {
        for (const dn of accountsIn(member, walking)) found.add(dn);
      }
    }
    walking.delete(groupDn);
    // A group met again inside a cycle is not memoized while the walk is partial.
    if (walking.size === 0) closure.set(groupDn, found);
    return found;
  };

  const groups: DirectoryGroup[] = [];
  for (const [dn, { group, memberDns }] of groupByDn) {
    group.childDns = memberDns
      .filter((member) => groupByDn.has(member))
      .map((m) => groupByDn.get(m)!.group.dn);
    for (const accountDn of accountsIn(dn, new Set())) {
      const account = accountByDn.get(accountDn)!;
      group.memberIds.push(account.externalId);
      account.groups.push(group.name);
    }
    groups.push(group);
  }
  for (const account of accounts) account.groups.sort((a, b) => a.localeCompare(b));
  return { accounts, groups, failures };
}
