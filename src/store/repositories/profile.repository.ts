import type { Profile } from '../../core/model/profile.js';
import {
  grantsToRows,
  profileChangesToRow,
  profileFromRow,
  profileToRow,
  type ProfileChanges,
} from '../codecs/profile.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { ProfileCapabilityTable, ProfileTable } from '../tables/profile.table.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const profileFields: FieldMap = {
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

/** Capability grants per profile, in capability-name order. */
async function findProfileCapabilities(
  db: Executor,
  profileIds: readonly string[],
): Promise<Map<string, ProfileCapabilityTable[]>> {
  const grants = new Map<string, ProfileCapabilityTable[]>(profileIds.map((id) => [id, []]));
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

/** The profiles of these rows, each with its grants, in one more query. */
async function withGrants(db: Executor, rows: readonly ProfileTable[]): Promise<Profile[]> {
  const grants = await findProfileCapabilities(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => profileFromRow(row, grants.get(row.id) ?? []));
}

async function replaceProfileCapabilities(
  db: Executor,
  profile: Pick<Profile, 'id' | 'capabilities'>,
): Promise<void> {
  await db.deleteFrom('profile_capabilities').where('profile_id', '=', profile.id).execute();
  if (profile.capabilities.length > 0)
    await db
      .insertInto('profile_capabilities')
      .values(grantsToRows(profile.id, profile.capabilities))
      .execute();
}

export async function findProfile(db: Executor, tenantId: string, id: string): Promise<Profile | undefined> {
  const row = await db
    .selectFrom('profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (await withGrants(db, [row]))[0];
}

/** Whether the tenant has this profile: one indexed lookup, the grants left unread. */
export async function profileExists(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('profiles')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The tenant's profiles among these ids, in no particular order. */
export async function findProfiles(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Profile[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return withGrants(db, rows);
}

export async function listProfiles(
  db: Executor,
  tenantId: string,
  params: ListParams,
): Promise<Page<Profile>> {
  const base = db.selectFrom('profiles').selectAll('profiles').where('profiles.tenant_id', '=', tenantId);
  const page = await listPage(base, profileFields, params, 'name');
  return { ...page, rows: await withGrants(db, page.rows) };
}

/** Inserts the profile and its capability grants. */
export async function insertProfile(db: Executor, profile: Profile): Promise<void> {
  await db.insertInto('profiles').values(profileToRow(profile)).execute();
  await replaceProfileCapabilities(db, profile);
}

/** Changes the profile at `expectedVersion`; given capabilities replace its grants. */
export async function updateProfile(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: ProfileChanges,
): Promise<boolean> {
  const changed = await updateAtVersion(
    db,
    'profiles',
    { tenantId, id },
    expectedVersion,
    profileChangesToRow(changes),
  );
  if (changed && changes.capabilities !== undefined)
    await replaceProfileCapabilities(db, { id, capabilities: changes.capabilities });
  return changed;
}

export async function deleteProfile(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'profiles', { tenantId, id }, expectedVersion);
}

/** Whether the profile is enabled; undefined when it does not exist (any tenant: ids are unique). */
export async function findProfileEnabled(db: Executor, id: string): Promise<boolean | undefined> {
  const row = await db.selectFrom('profiles').select('enabled').where('id', '=', id).executeTakeFirst();
  return row && Boolean(row.enabled);
}
