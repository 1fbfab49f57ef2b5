import type { Insertable, Updateable } from 'kysely';
import { accessLevelOfRank, accessRank, viewLevelOfRank, viewRank } from '../../core/model/levels.js';
import {
  defaultCheckoutSettings,
  type CheckoutSettings,
  type CapabilityGrant,
  type DesiredGroup,
  type Profile,
  type ProfileAudience,
  type ProfilePermission,
  type ProfilePolicy,
} from '../../core/model/profile.js';
import type { DirectoryAttribute } from '../../core/model/user.js';
import type { ProfileCapabilityTable, ProfileTable } from '../tables/profile.table.js';
import { fromFlag, parseJsonColumn, toFlag, toJsonColumn } from './columns.js';

/** What a write may change of a profile; given capabilities replace the profile's grants. */
export type ProfileChanges = Partial<
  Omit<Profile, 'id' | 'tenantId' | 'createdAt' | 'createdBy' | 'lastAccessedAt' | 'version'>
>;

/** A grant as stored: levels as ranks, so that "at least Read" is an indexed comparison. */
export function grantFromRow(
  row: Pick<ProfileCapabilityTable, 'capability' | 'access_level' | 'view_level'>,
): CapabilityGrant {
  return {
    capability: row.capability,
    accessLevel: accessLevelOfRank(row.access_level),
    viewLevel: viewLevelOfRank(row.view_level),
  };
}

export function grantsToRows(
  profileId: string,
  grants: readonly CapabilityGrant[],
): ProfileCapabilityTable[] {
  return grants.map((g) => ({
    profile_id: profileId,
    capability: g.capability,
    access_level: accessRank(g.accessLevel),
    view_level: viewRank(g.viewLevel),
  }));
}

/** The lists a profile adds to effective access, read wherever a query selects these columns. */
export function grantedListsFromRow(
  row: Pick<ProfileTable, 'additional_capabilities' | 'roles' | 'permissions'>,
): Pick<Profile, 'additionalCapabilities' | 'roles' | 'permissions'> {
  return {
    additionalCapabilities: parseJsonColumn<string[]>(
      row.additional_capabilities,
      'profiles.additional_capabilities',
    ),
    roles: parseJsonColumn<string[]>(row.roles, 'profiles.roles'),
    permissions: parseJsonColumn<ProfilePermission[]>(row.permissions, 'profiles.permissions'),
  };
}

/**
 * A policy with the defaults of the fields it leaves out: as written (active, not a draft, Allow),
 * and as stored before it had them.
 */
export const policyWithDefaults = (p: Partial<ProfilePolicy>): ProfilePolicy => ({
  id: p.id ?? '',
  name: p.name ?? '',
  description: p.description ?? null,
  isActive: p.isActive ?? true,
  isDraft: p.isDraft ?? false,
  isReadOnly: p.isReadOnly ?? false,
  accessType: p.accessType ?? 'Allow',
  condition: p.condition ?? null,
  members: p.members ?? [],
  resourceLabels: p.resourceLabels ?? {},
});

/** A profile from its row and its grants' rows (which live in profile_capabilities). */
export function profileFromRow(row: ProfileTable, grants: readonly ProfileCapabilityTable[]): Profile {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    enabled: fromFlag(row.enabled),
    audience: row.audience as ProfileAudience,
    color: row.color,
    initials: row.initials,
    capabilities: grants.map(grantFromRow),
    ...grantedListsFromRow(row),
    sessionDurationSeconds: row.session_duration_seconds,
    desiredGroups: parseJsonColumn<DesiredGroup[]>(row.desired_groups, 'profiles.desired_groups'),
    desiredLdapAttributes: parseJsonColumn<DirectoryAttribute[]>(
      row.desired_ldap_attributes,
      'profiles.desired_ldap_attributes',
    ),
    associations: parseJsonColumn<Record<string, string[]>>(row.associations, 'profiles.associations'),
    policies: parseJsonColumn<Partial<ProfilePolicy>[]>(row.policies, 'profiles.policies').map(
      policyWithDefaults,
    ),
    advancedSettings: parseJsonColumn<Record<string, unknown>>(
      row.advanced_settings,
      'profiles.advanced_settings',
    ),
    checkout: {
      ...defaultCheckoutSettings,
      ...parseJsonColumn<Partial<CheckoutSettings>>(row.checkout, 'profiles.checkout'),
    },
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    lastAccessedAt: row.last_accessed_at,
    version: row.version,
  };
}

/** The profile's own row; its grants are rows of profile_capabilities (grantsToRows). */
export function profileToRow(profile: Profile): Insertable<ProfileTable> {
  return {
    id: profile.id,
    tenant_id: profile.tenantId,
    name: profile.name,
    description: profile.description,
    enabled: toFlag(profile.enabled),
    audience: profile.audience,
    color: profile.color,
    initials: profile.initials,
    session_duration_seconds: profile.sessionDurationSeconds,
    additional_capabilities: toJsonColumn(profile.additionalCapabilities),
    roles: toJsonColumn(profile.roles),
    desired_groups: toJsonColumn(profile.desiredGroups),
    desired_ldap_attributes: toJsonColumn(profile.desiredLdapAttributes),
    associations: toJsonColumn(profile.associations),
    permissions: toJsonColumn(profile.permissions),
    policies: toJsonColumn(profile.policies),
    advanced_settings: toJsonColumn(profile.advancedSettings),
    checkout: toJsonColumn(profile.checkout),
    created_at: profile.createdAt,
    created_by: profile.createdBy,
    updated_at: profile.updatedAt,
    updated_by: profile.updatedBy,
    last_accessed_at: profile.lastAccessedAt,
    version: profile.version,
  };
}

/** The columns of the fields given (capabilities aside); an absent field leaves its column alone. */
export function profileChangesToRow(changes: ProfileChanges): Updateable<ProfileTable> {
  const json = (value: unknown) => toJsonColumn(value);
  return {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.enabled !== undefined && { enabled: toFlag(changes.enabled) }),
    ...(changes.audience !== undefined && { audience: changes.audience }),
    ...(changes.color !== undefined && { color: changes.color }),
    ...(changes.initials !== undefined && { initials: changes.initials }),
    ...(changes.sessionDurationSeconds !== undefined && {
      session_duration_seconds: changes.sessionDurationSeconds,
    }),
    ...(changes.additionalCapabilities !== undefined && {
      additional_capabilities: json(changes.additionalCapabilities),
    }),
    ...(changes.roles !== undefined && { roles: json(changes.roles) }),
    ...(changes.desiredGroups !== undefined && { desired_groups: json(changes.desiredGroups) }),
    ...(changes.desiredLdapAttributes !== undefined && {
      desired_ldap_attributes: json(changes.desiredLdapAttributes),
    }),
    ...(changes.associations !== undefined && { associations: json(changes.associations) }),
    ...(changes.permissions !== undefined && { permissions: json(changes.permissions) }),
    ...(changes.policies !== undefined && { policies: json(changes.policies) }),
    ...(changes.advancedSettings !== undefined && { advanced_settings: json(changes.advancedSettings) }),
    ...(changes.checkout !== undefined && { checkout: json(changes.checkout) }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
    ...(changes.updatedBy !== undefined && { updated_by: changes.updatedBy }),
  };
}
