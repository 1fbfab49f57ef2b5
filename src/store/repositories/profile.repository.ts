import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';
import type { ProfileCapabilityTable, ProfileTable } from '../tables/profile.table.js';

export type ProfileRow = ProfileTable;
export type ProfileCapabilityRow = ProfileCapabilityTable;

export const profileFields: FieldMap = {
  id: { column: 'profiles.id', type: 'string', sortable: true },
  name: { column: 'profiles.name', type: 'string', sortable: true },
  description: { column: 'profiles.description', type: 'string' },
  enabled: { column: 'profiles.enabled', type: 'boolean' },
  audience: { column: 'profiles.audience', type: 'string', sortable: true },
  sessionDurationSeconds: { column: 'profiles.session_duration_seconds', type: 'number' },
  createdAt: { column: 'profiles.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'profiles.updated_at', type: 'instant', sortable: true },
  createdBy: { column: 'profiles.created_by', type: 'string' },
  updatedBy: { column: 'profiles.updated_by', type: 'string' },
  lastAccessedAt: { column: 'profiles.last_accessed_at', type: 'instant' },
  version: { column: 'profiles.version', type: 'number' },
};

export async function findProfile(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ProfileRow | undefined> {
  return db
    .selectFrom('profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tenant's profiles among these ids, in no particular order. */
export async function findProfiles(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<ProfileRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export async function listProfiles(
  db: Executor,
  tenantId: string,
  params: ListParams,
): Promise<Page<ProfileRow>> {
  const base = db.selectFrom('profiles').selectAll('profiles').where('profiles.tenant_id', '=', tenantId);
  return listPage(base, profileFields, params, 'name');
}

/** Capability grants per profile, in capability-name order. */
export async function findProfileCapabilities(
  db: Executor,
  profileIds: readonly string[],
): Promise<Map<string, ProfileCapabilityRow[]>> {
  const grants = new Map<string, ProfileCapabilityRow[]>(profileIds.map((id) => [id, []]));
  if (profileIds.length === 0) return grants;
  const rows = await db
    .selectFrom('profile_capabilities')
    .selectAll()
    .where('profile_id', 'in', profileIds)
    .orderBy('capability')
    .execute();
  for (const row of rows) grants.get(row.profile_id)?.push(row);
  return grants;
}

export async function insertProfile(
  db: Executor,
  row: Insertable<ProfileTable>,
  capabilities: readonly ProfileCapabilityRow[],
): Promise<void> {
  await db.insertInto('profiles').values(row).execute();
  await replaceProfileCapabilities(db, row.id, capabilities);
}

export async function replaceProfileCapabilities(
  db: Executor,
  profileId: string,
  capabilities: readonly ProfileCapabilityRow[],
): Promise<void> {
  await db.deleteFrom('profile_capabilities').where('profile_id', '=', profileId).execute();
  if (capabilities.length > 0)
    await db
      .insertInto('profile_capabilities')
      .values([...capabilities])
      .execute();
}

export async function updateProfile(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Updateable<ProfileTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'profiles', { tenantId, id }, expectedVersion, changes);
}

export async function deleteProfile(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'profiles', { tenantId, id }, expectedVersion);
}
