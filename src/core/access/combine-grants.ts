import type { ActiveAssignment } from '../model/access.js';
import { accessRank, viewRank, type AccessLevel, type ViewLevel } from '../model/levels.js';
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
 * Combines the active assignments of a user: per capability the highest access level and,
 * separately, the highest view level; the union of additional capabilities, roles and permissions
 * (a permission held through two profiles appears once, the first by profile name wins).
 */
export function combineGrants(active: readonly ActiveAssignment[]): EffectiveAccess {
  const capabilities = new Map<string, { access: AccessLevel; view: ViewLevel; grantedBy: Set<string> }>();
  const sources = new Map<string, GrantSource>();
  const additional = new Set<string>();
  const roles = new Set<string>();
  const permissions = new Map<string, ProfilePermission>();
  const profilesSeen = new Set<string>();

  for (const assignment of active) {
    if (!sources.has(assignment.assignmentId)) {
      sources.set(assignment.assignmentId, {
        profileId: assignment.profileId,
        profileName: assignment.profileName,
        assignmentId: assignment.assignmentId,
        scopeTenantId: assignment.scopeTenantId,
        includeDescendants: assignment.includeDescendants,
      });
    }
    if (!profilesSeen.has(assignment.profileId)) {
      profilesSeen.add(assignment.profileId);
      for (const c of assignment.additionalCapabilities) additional.add(c);
      for (const r of assignment.roles) roles.add(r);
      for (const p of assignment.permissions) {
        if (!permissions.has(p.permissionId)) permissions.set(p.permissionId, p);
      }
    }
    for (const grant of assignment.capabilities) {
      const held = capabilities.get(grant.capability);
      if (!held) {
        capabilities.set(grant.capability, {
          access: grant.accessLevel,
          view: grant.viewLevel,
          grantedBy: new Set([assignment.profileId]),
        });
        continue;
      }
      if (accessRank(grant.accessLevel) > accessRank(held.access)) held.access = grant.accessLevel;
      if (viewRank(grant.viewLevel) > viewRank(held.view)) held.view = grant.viewLevel;
      held.grantedBy.add(assignment.profileId);
    }
  }

  return {
    capabilities: [...capabilities.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([capability, held]) => ({
        capability,
        accessLevel: held.access,
        viewLevel: held.view,
        grantedBy: [...held.grantedBy],
      })),
    additionalCapabilities: [...additional].sort(),
    roles: [...roles].sort(),
    permissions: [...permissions.values()],
    sources: [...sources.values()],
  };
}
