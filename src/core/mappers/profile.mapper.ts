import type { ProfileCapabilityRow, ProfileRow } from '../../store/repositories/profile.repository.js';
import { accessLevelOfRank, viewLevelOfRank } from '../model/levels.js';
import type {
  CapabilityGrant,
  DesiredGroup,
  Profile,
  ProfileAudience,
  ProfilePermission,
  ProfilePolicy,
} from '../model/profile.js';
import type { DirectoryAttribute } from '../model/user.js';
import { fromFlag, parseJsonColumn } from './json-column.js';

export function grantFromRow(
  row: Pick<ProfileCapabilityRow, 'capability' | 'access_level' | 'view_level'>,
): CapabilityGrant {
  return {
    capability: row.capability,
    accessLevel: accessLevelOfRank(row.access_level),
    viewLevel: viewLevelOfRank(row.view_level),
  };
}

export function profileFromRow(row: ProfileRow, capabilities: readonly ProfileCapabilityRow[]): Profile {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    enabled: fromFlag(row.enabled),
    audience: row.audience as ProfileAudience,
    color: row.color,
    initials: row.initials,
    capabilities: capabilities.map(grantFromRow),
    additionalCapabilities: parseJsonColumn<string[]>(
      row.additional_capabilities,
      'profiles.additional_capabilities',
    ),
    roles: parseJsonColumn<string[]>(row.roles, 'profiles.roles'),
    sessionDurationSeconds: row.session_duration_seconds,
    desiredGroups: parseJsonColumn<DesiredGroup[]>(row.desired_groups, 'profiles.desired_groups'),
    desiredLdapAttributes: parseJsonColumn<DirectoryAttribute[]>(
      row.desired_ldap_attributes,
      'profiles.desired_ldap_attributes',
    ),
    associations: parseJsonColumn<Record<string, string[]>>(row.associations, 'profiles.associations'),
    permissions: parseJsonColumn<ProfilePermission[]>(row.permissions, 'profiles.permissions'),
    policies: parseJsonColumn<ProfilePolicy[]>(row.policies, 'profiles.policies'),
    advancedSettings: parseJsonColumn<Record<string, unknown>>(
      row.advanced_settings,
      'profiles.advanced_settings',
    ),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    lastAccessedAt: row.last_accessed_at,
    version: row.version,
  };
}
