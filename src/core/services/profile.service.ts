import type { ListParams, Page } from '../../store/query/list-page.js';
import { capabilityNames } from '../../store/repositories/capability.repository.js';
import * as profiles from '../../store/repositories/profile.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { audited } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { profileFromRow } from '../mappers/profile.mapper.js';
import type { Profile } from '../model/profile.js';
import type { ProfileCreate, ProfilePatch } from '../schemas/profile.schema.js';
import { capabilityRows, profileColumns } from './profile-input.js';
import { withUniqueRules } from './unique.js';
import { checkVersion, concurrentChange } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'profile.name_in_use' as const,
    message: `profile name "${name}" is already in use in this tenant`,
  },
];

export async function getProfileRow(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
): Promise<profiles.ProfileRow> {
  const row = await profiles.findProfile(ctx.db, tenant.id, id);
  if (!row) throw new DomainError('profile.not_found', `profile ${id} does not exist`);
  return row;
}

export async function getProfile(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Profile> {
  const row = await getProfileRow(ctx, tenant, id);
  const grants = await profiles.findProfileCapabilities(ctx.db, [id]);
  return profileFromRow(row, grants.get(id) ?? []);
}

export async function listProfiles(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Profile>> {
  const page = await profiles.listProfiles(ctx.db, tenant.id, params);
  const grants = await profiles.findProfileCapabilities(
    ctx.db,
    page.rows.map((r) => r.id),
  );
  return { ...page, rows: page.rows.map((row) => profileFromRow(row, grants.get(row.id) ?? [])) };
}

export async function createProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: ProfileCreate,
  id: string = newId(),
): Promise<Profile> {
  return audited(ctx, tenant, { type: 'profile', id, verb: 'create' }, async (tx) => {
    const trx = tx.db;
    const grants = capabilityRows(id, input.capabilities ?? [], await capabilityNames(trx));
    const now = ctx.now();
    await withUniqueRules(
      () =>
        profiles.insertProfile(
          trx,
          {
            id,
            tenant_id: tenant.id,
            name: input.name,
            description: null,
            enabled: 1,
            audience: 'tenant',
            color: null,
            initials: null,
            session_duration_seconds: null,
            additional_capabilities: '[]',
            roles: '[]',
            desired_groups: '[]',
            desired_ldap_attributes: '[]',
            associations: '{}',
            permissions: '[]',
            policies: '[]',
            advanced_settings: '{}',
            ...profileColumns(input),
            created_at: now,
            created_by: ctx.actor,
            updated_at: now,
            updated_by: ctx.actor,
            last_accessed_at: null,
            version: 1,
          },
          grants,
        ),
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
    const trx = tx.db;
    const row = await getProfileRow(tx, tenant, id);
    const version = checkVersion(`profile ${id}`, row.version, expectedVersion);
    if (patch.capabilities !== undefined) {
      await profiles.replaceProfileCapabilities(
        trx,
        id,
        capabilityRows(id, patch.capabilities, await capabilityNames(trx)),
      );
    }
    const changed = await withUniqueRules(
      () =>
        profiles.updateProfile(trx, tenant.id, id, version, {
          ...profileColumns(patch),
          updated_at: ctx.now(),
          updated_by: ctx.actor,
        }),
      nameInUse(patch.name ?? row.name),
    );
    if (!changed) throw concurrentChange(`profile ${id}`);
    return getProfile(tx, tenant, id);
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
    const row = await getProfileRow(tx, tenant, id);
    const version = checkVersion(`profile ${id}`, row.version, expectedVersion);
    if (!(await profiles.deleteProfile(tx.db, tenant.id, id, version)))
      throw concurrentChange(`profile ${id}`);
  });
}
