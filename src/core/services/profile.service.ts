import type { ListParams, Page } from '../../store/query/list-page.js';
import { capabilityNames } from '../../store/repositories/capability.repository.js';
import * as profiles from '../../store/repositories/profile.repository.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { audited } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { defaultCheckoutSettings, type Profile } from '../model/profile.js';
import type { ProfileCreate, ProfilePatch } from '../schemas/profile.schema.js';
import { ConcurrentWrite, inTransaction } from '../transaction.js';
import { capabilityGrants, changedCheckout, profileChanges } from './profile-input.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'profile.name_in_use' as const,
    message: `profile name "${name}" is already in use in this tenant`,
  },
];

const profileNotFound = (id: string) => new DomainError('profile.not_found', `profile ${id} does not exist`);

/** Refuses a profile the tenant does not have, without reading more of it than its id. */
export async function requireProfile(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<void> {
  if (!(await profiles.profileExists(ctx.db, tenant.id, id))) throw profileNotFound(id);
}

/** What a profile is read from: its row and its capability grants. */
const profileTables = ['profiles', 'profile_capabilities'] as const;

export async function getProfile(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Profile> {
  const profile = await cachedRead(ctx, `profile:${tenant.id}:${id}`, profileTables, () =>
    profiles.findProfile(ctx.db, tenant.id, id),
  );
  if (!profile) throw profileNotFound(id);
  return profile;
}

export async function listProfiles(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Profile>> {
  return cachedRead(ctx, `profiles:${tenant.id}:${JSON.stringify(params)}`, profileTables, () =>
    profiles.listProfiles(ctx.db, tenant.id, params),
  );
}

/** A new profile: what the input gives, and otherwise enabled, for the tenant, granting nothing. */
function newProfile(
  ctx: CoreContext,
  id: string,
  tenantId: string,
  input: Omit<ProfileCreate, 'capabilities'>,
  capabilities: Profile['capabilities'],
): Profile {
  const now = ctx.now();
  return {
    id,
    tenantId,
    name: input.name,
    description: null,
    enabled: true,
    audience: 'tenant',
    color: null,
    initials: null,
    capabilities,
    additionalCapabilities: [],
    roles: [],
    sessionDurationSeconds: null,
    desiredGroups: [],
    desiredLdapAttributes: [],
    associations: {},
    permissions: [],
    policies: [],
    advancedSettings: {},
    ...profileChanges(input),
    checkout: changedCheckout(defaultCheckoutSettings, input.checkout),
    createdAt: now,
    createdBy: ctx.actor,
    updatedAt: now,
    updatedBy: ctx.actor,
    lastAccessedAt: null,
    version: 1,
  };
}

export async function createProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: ProfileCreate,
  id: string = newId(),
): Promise<Profile> {
  return audited(ctx, tenant, { type: 'profile', id, verb: 'create' }, async (tx) => {
    const { capabilities = [], ...fields } = input;
    const grants = capabilityGrants(capabilities, await capabilityNames(tx.db));
    await withUniqueRules(
      () => profiles.insertProfile(tx.db, newProfile(ctx, id, tenant.id, fields, grants)),
      nameInUse(input.name),
    );
    return getProfile(tx, tenant, id);
  });
}

export async function updateProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: ProfilePatch,
  expectedVersion?: number,
): Promise<Profile> {
  const before = (tx: CoreContext) => getProfile(tx, tenant, id);
  return audited(ctx, tenant, { type: 'profile', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `profile ${id}`,
      () => getProfile(tx, tenant, id),
      expectedVersion,
      async (profile, version) => {
        const { capabilities, ...fields } = patch;
        const changes = {
          ...profileChanges(fields),
          ...(fields.checkout !== undefined && {
            checkout: changedCheckout(profile.checkout, fields.checkout),
          }),
          ...(capabilities !== undefined && {
            capabilities: capabilityGrants(capabilities, await capabilityNames(tx.db)),
          }),
          updatedAt: ctx.now(),
          updatedBy: ctx.actor,
        };
        return withUniqueRules(
          () => profiles.updateProfile(tx.db, tenant.id, id, version, changes),
          nameInUse(patch.name ?? profile.name),
        );
      },
    );
    return getProfile(tx, tenant, id);
  });
}

/**
 * A read-modify-write of a profile: `patchOf` computes the change from the profile as it is, and
 * the change is written at that version. A write by someone else in between makes the whole of it
 * run again, so that adding one policy never drops another added at the same time. An empty
 * patch writes nothing. `patchOf` may throw to refuse the change.
 */
export async function updateProfileFrom(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patchOf: (current: Profile) => ProfilePatch | Promise<ProfilePatch>,
): Promise<Profile> {
  return inTransaction(ctx, async (tx) => {
    const current = await getProfile(tx, tenant, id);
    const patch = await patchOf(current);
    if (Object.keys(patch).length === 0) return current;
    try {
      return await updateProfile(tx, tenant, id, patch, current.version);
    } catch (error) {
      // Not a client's If-Match: the version is the one just read, so the race is ours to rerun.
      if (error instanceof DomainError && error.code === 'precondition.failed') {
        throw new ConcurrentWrite(`profile ${id}`);
      }
      throw error;
    }
  });
}

export async function deleteProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getProfile(tx, tenant, id);
  await audited(ctx, tenant, { type: 'profile', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `profile ${id}`,
      () => getProfile(tx, tenant, id),
      expectedVersion,
      (_profile, version) => profiles.deleteProfile(tx.db, tenant.id, id, version),
    );
  });
}
