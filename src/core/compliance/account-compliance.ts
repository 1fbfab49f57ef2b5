import type { AccountCompliance, AttributeDifference, MissingGroup } from '../model/compliance.js';
import type { Profile } from '../model/profile.js';
import type { User } from '../model/user.js';

/**
 * Directory names compare as LDAP and Active Directory compare them: group names and attribute
 * descriptions ignore case. Attribute values compare exactly (an attribute's matching rule is
 * the directory's; exact is the one that never calls two different values equal).
 */
const key = (name: string) => name.toLowerCase();

/**
 * How `user` stands against `profiles` (the ones assigned to it now). With no profile, the account
 * is compliant unless `unassignedNonCompliant` says otherwise.
 */
export function accountCompliance(
  user: User,
  profiles: readonly Profile[],
  unassignedNonCompliant: boolean,
): AccountCompliance {
  const actualGroups = new Set(user.directory.actualGroups.map(key));
  const actualValues = new Map<string, string[]>();
  for (const { name, value } of user.directory.actualAttributes) {
    const values = actualValues.get(key(name)) ?? [];
    values.push(value);
    actualValues.set(key(name), values);
  }

  const missing = new Map<string, MissingGroup>();
  const different = new Map<string, AttributeDifference>();
  const desiredGroups = new Set<string>();
  for (const profile of profiles) {
    for (const group of profile.desiredGroups) {
      desiredGroups.add(key(group.name));
      if (actualGroups.has(key(group.name))) continue;
      const seen = missing.get(key(group.name));
      if (seen) seen.profileIds.push(profile.id);
      else missing.set(key(group.name), { ...group, profileIds: [profile.id] });
    }
    for (const { name, value } of profile.desiredLdapAttributes) {
      const actual = actualValues.get(key(name)) ?? [];
      if (actual.includes(value)) continue;
      const at = `${key(name)}\u0000${value}`;
      const seen = different.get(at);
      if (seen) seen.profileIds.push(profile.id);
      else different.set(at, { name, desired: value, actual, profileIds: [profile.id] });
    }
  }

  const unassigned = profiles.length === 0 && unassignedNonCompliant;
  return {
    user,
    profileIds: profiles.map((profile) => profile.id),
    compliant: !unassigned && missing.size === 0 && different.size === 0,
    unassigned,
    missingGroups: [...missing.values()],
    differentAttributes: [...different.values()],
    extraGroups:
      profiles.length === 0
        ? []
        : user.directory.actualGroups.filter((group) => !desiredGroups.has(key(group))),
  };
}
