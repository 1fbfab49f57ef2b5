import type { ActingTenant, CoreContext } from '../context.js';
import { newId } from '../ids.js';
import type { Profile } from '../model/profile.js';
import type { ProfileCreate } from '../schemas/profile.schema.js';
import { createProfile } from './profile.service.js';

/** The parts of a profile a clone may copy. */
export const cloneParts = ['profile', 'permissions', 'associations', 'policies', 'advancedSettings'] as const;
export type ClonePart = (typeof cloneParts)[number];

export interface CloneRequest {
  name: string;
  description?: string | null | undefined;
  parts: ReadonlySet<ClonePart>;
  /** Policies of the source to leave out (those no longer valid, when the caller chose to). */
  leaveOutPolicies?: ReadonlySet<string>;
}

/**
 * A new profile with the chosen parts of another, in the one transaction that creates it. The
 * `profile` part is the profile's own settings (capabilities, roles, groups, check-out...);
 * permissions bring their associations with them (a permission is granted on the resources the
 * associations select). Copied policies get new ids.
 */
export async function cloneProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  /** The profile to copy, as the caller read it (and checked it) in the transaction of `ctx`. */
  source: Profile,
  request: CloneRequest,
): Promise<Profile> {
  const has = (part: ClonePart) => request.parts.has(part);
  const input: ProfileCreate = {
    name: request.name,
    description: request.description === undefined ? source.description : request.description,
    ...(has('profile') && {
      enabled: source.enabled,
      audience: source.audience,
      color: source.color,
      initials: source.initials,
      capabilities: source.capabilities,
      additionalCapabilities: source.additionalCapabilities,
      roles: source.roles,
      sessionDurationSeconds: source.sessionDurationSeconds,
      desiredGroups: source.desiredGroups,
      desiredLdapAttributes: source.desiredLdapAttributes,
      checkout: source.checkout,
    }),
    ...((has('associations') || has('permissions')) && { associations: source.associations }),
    ...(has('permissions') && { permissions: source.permissions }),
    ...(has('policies') && {
      policies: source.policies
        .filter((p) => !request.leaveOutPolicies?.has(p.id))
        .map((p) => ({ ...p, id: newId() })),
    }),
    ...(has('advancedSettings') && { advancedSettings: source.advancedSettings }),
  };
  return createProfile(ctx, tenant, input);
}
