import type { AssignedProfile } from '../../core/services/assigned-profiles.service.js';
import type {
  TargetedOutcome,
  TenantTarget,
} from '../../core/services/tenant-targeted-assignment.service.js';
import type { Profile } from '../../core/model/profile.js';
import type { Static } from 'typebox';
import { formatEnd, formatStart } from './epoch.js';
import type {
  AccessibleTenantProfileAssignmentResponseDTO,
  AccessibleTenantProfileRevokeResponseDTO,
  ProfileAssignedForAccessibleTenantDTO,
  ProfileAssignedForLocalTenantDTO,
  ProfileGetAPIResponseDTO,
} from './profile.schemas.js';

/** Visier's word for an unknown user, as its documentation quotes it. */
export const NO_SUCH_USER = 'User ID does not exist';

export const toVisierProfile = (p: Profile): Static<typeof ProfileGetAPIResponseDTO> => ({
  profileId: p.id,
  displayName: p.name,
  capabilities: p.capabilities.map((c) => ({
    capability: c.capability,
    accessLevel: c.accessLevel,
    viewLevel: c.viewLevel,
  })),
  additionalCapabilities: p.additionalCapabilities,
});

const validity = ({ assignment }: AssignedProfile) => ({
  validityStartTime: formatStart(assignment.validFrom),
  validityEndTime: formatEnd(assignment.validUntil),
});

/** A user's tenant profile: here `additionalCapabilities` is a wrapper object, unlike on profiles. */
export const toAssignedLocalProfile = (
  held: AssignedProfile,
): Static<typeof ProfileAssignedForLocalTenantDTO> => {
  const { additionalCapabilities, ...profile } = toVisierProfile(held.profile);
  return { ...profile, ...validity(held), additionalCapabilities: { additionalCapabilities } };
};

export const toAssignedAccessibleProfile = (
  held: AssignedProfile,
  tenantCode: string,
): Static<typeof ProfileAssignedForAccessibleTenantDTO> => ({
  profileId: held.profile.id,
  displayName: held.profile.name,
  tenantCode,
  forAllChildren: held.assignment.includeDescendants,
  ...validity(held),
});

/** Why removing a profile from one user failed, in Visier's words where it has them. */
export function revokeFailure(error: { code: string; message: string }): string {
  if (error.code === 'user.not_found') return NO_SUCH_USER;
  if (error.code === 'assignment.not_found') return 'The profile is not assigned to this user';
  return error.message;
}

/** Visier's ErrorDTO for a failure of one item. */
export const errorDto = (error: { code: string; message: string }, rootCauseId: string) => ({
  rootCauseId,
  errorCode: error.code,
  errorMessage: error.code === 'user.not_found' ? NO_SUCH_USER : error.message,
});

const tenantOf = (target: TenantTarget) => ({
  tenantCode: target.tenant,
  forAllChildren: target.includeDescendants,
});

/** The answer to an accessible-tenants assign. */
export function toAccessibleAssignResponse(
  outcome: TargetedOutcome,
  requestId: string,
): Static<typeof AccessibleTenantProfileAssignmentResponseDTO> {
  return {
    errors: outcome.badUsers.length + outcome.badTargets.length > 0,
    badTenantCodes: outcome.badTargets.map((b) => ({
      ...tenantOf(b.target),
      error: { ...errorDto(b.error, requestId), errorMessage: 'Tenant code does not exist' },
    })),
    badUserIds: outcome.badUsers.map((b) => ({ userId: b.userId, error: errorDto(b.error, requestId) })),
    // Every pair of a known user and a known tenant is assigned: none fails on its own.
    failedAssignments: [],
    successfulAssignments: outcome.results.map((r) => ({ userId: r.userId, ...tenantOf(r.target) })),
  };
}

/** The answer to an accessible-tenants remove: a user succeeded where any of its profiles went. */
export function toAccessibleRemoveResponse(
  outcome: TargetedOutcome,
): Static<typeof AccessibleTenantProfileRevokeResponseDTO> {
  const changed = new Set(outcome.results.filter((r) => r.changed).map((r) => r.userId));
  const users = [...new Set(outcome.results.map((r) => r.userId))];
  return {
    badTenantCodes: outcome.badTargets.map((b) => ({
      ...tenantOf(b.target),
      error: { errorMessage: 'Tenant code does not exist' },
    })),
    badUserIds: outcome.badUsers.map((b) => ({ userId: b.userId, error: { errorMessage: NO_SUCH_USER } })),
    unaffectedUsers: users.filter((u) => !changed.has(u)).map((userId) => ({ userId })),
    succeeded: [...changed].map((userId) => ({ userId })),
    failed: outcome.badUsers.map((b) => ({ userId: b.userId, message: NO_SUCH_USER })),
  };
}
