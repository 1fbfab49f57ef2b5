import type { ActiveGrantRow } from '../../store/repositories/access.repository.js';
import { parseJsonColumn } from '../mappers/json-column.js';
import { accessLevelOfRank, viewLevelOfRank, type AccessLevel, type ViewLevel } from '../model/levels.js';
import type { ProfilePermission } from '../model/profile.js';

export interface GrantSource {
  profileId: string;
  profileName: string;
  assignmentId: string;
  scopeTenantId: string;
  includeDescendants: boolean;
}

export interface EffectiveCapability {
  capability: string;
  accessLevel: AccessLevel;
  viewLevel: ViewLevel;
  /** Profiles granting this capability at any level, by profile id. */
  grantedBy: string[];
}

export interface EffectiveAccess {
  capabilities: EffectiveCapability[];
  additionalCapabilities: string[];
  roles: string[];
  permissions: ProfilePermission[];
  /** The assignments the access comes from. */
  sources: GrantSource[];
}

/**
 * Combines the active grants of a user: per capability the highest access level and, separately,
 * the highest view level; the union of additional capabilities, roles and permissions (a permission
 * held through two profiles appears once, the first by profile name wins).
 */
export function combineGrants(rows: readonly ActiveGrantRow[]): EffectiveAccess {
  const capabilities = new Map<string, { access: number; view: number; grantedBy: Set<string> }>();
  const sources = new Map<string, GrantSource>();
  const additional = new Set<string>();
  const roles = new Set<string>();
  const permissions = new Map<string, ProfilePermission>();
  const profilesSeen = new Set<string>();

  for (const row of rows) {
    if (!sources.has(row.assignment_id)) {
      sources.set(row.assignment_id, {
        profileId: row.profile_id,
        profileName: row.profile_name,
        assignmentId: row.assignment_id,
        scopeTenantId: row.scope_tenant_id,
        includeDescendants: row.include_descendants !== 0,
      });
    }
    if (!profilesSeen.has(row.profile_id)) {
      profilesSeen.add(row.profile_id);
      for (const c of parseJsonColumn<string[]>(
        row.additional_capabilities,
        'profiles.additional_capabilities',
      ))
        additional.add(c);
      for (const r of parseJsonColumn<string[]>(row.roles, 'profiles.roles')) roles.add(r);
      for (const p of parseJsonColumn<ProfilePermission[]>(row.permissions, 'profiles.permissions')) {
        if (!permissions.has(p.permissionId)) permissions.set(p.permissionId, p);
      }
    }
    if (row.capability === null || row.access_level === null || row.view_level === null) continue;
    const held = capabilities.get(row.capability) ?? { access: 0, view: 0, grantedBy: new Set<string>() };
    held.access = Math.max(held.access, row.access_level);
    held.view = Math.max(held.view, row.view_level);
    held.grantedBy.add(row.profile_id);
    capabilities.set(row.capability, held);
  }

  return {
    capabilities: [...capabilities.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([capability, held]) => ({
        capability,
        accessLevel: accessLevelOfRank(held.access),
        viewLevel: viewLevelOfRank(held.view),
        grantedBy: [...held.grantedBy],
      })),
    additionalCapabilities: [...additional].sort(),
    roles: [...roles].sort(),
    permissions: [...permissions.values()],
    sources: [...sources.values()],
  };
}
