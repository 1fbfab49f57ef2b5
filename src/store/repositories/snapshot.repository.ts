import type { Assignment } from '../../core/model/assignment.js';
import type { Profile } from '../../core/model/profile.js';
import type { PlacedTenant } from '../../core/model/tenant.js';
import type { Group, User } from '../../core/model/user.js';
import { assignmentFromRow } from '../codecs/assignment.codec.js';
import { groupFromRow } from '../codecs/group.codec.js';
import { profileFromRow } from '../codecs/profile.codec.js';
import { tenantFromRow } from '../codecs/tenant.codec.js';
import { userFromRow } from '../codecs/user.codec.js';
import type { Executor } from '../executor.js';
import type { ProfileCapabilityTable } from '../tables/profile.table.js';

/** Everything of the installation, in a stable order (parents before children), for export. */
export interface Snapshot {
  tenants: PlacedTenant[];
  users: User[];
  groups: Group[];
  profiles: Profile[];
  assignments: Assignment[];
}

/** Groups rows by a key, keeping their order. */
function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const group = grouped.get(key(row));
    if (group) group.push(row);
    else grouped.set(key(row), [row]);
  }
  return grouped;
}

export async function readSnapshot(db: Executor): Promise<Snapshot> {
  const tenants = await db.selectFrom('tenants').selectAll().execute();
  // A parent's path is a prefix of its children's: shorter paths first puts parents first.
  tenants.sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const users = await db.selectFrom('users').selectAll().orderBy('tenant_id').orderBy('id').execute();
  const groups = await db.selectFrom('groups').selectAll().orderBy('tenant_id').orderBy('id').execute();
  const members = byKey(
    await db.selectFrom('group_members').selectAll().orderBy('group_id').orderBy('user_id').execute(),
    (m) => m.group_id,
  );
  const profiles = await db.selectFrom('profiles').selectAll().orderBy('tenant_id').orderBy('id').execute();
  const grants = byKey<ProfileCapabilityTable>(
    await db
      .selectFrom('profile_capabilities')
      .selectAll()
      .orderBy('profile_id')
      .orderBy('capability')
      .execute(),
    (g) => g.profile_id,
  );
  const assignments = await db
    .selectFrom('assignments')
    .selectAll()
    .orderBy('tenant_id')
    .orderBy('id')
    .execute();
  return {
    tenants: tenants.map(tenantFromRow),
    users: users.map(userFromRow),
    groups: groups.map((g) =>
      groupFromRow(
        g,
        (members.get(g.id) ?? []).map((m) => m.user_id),
      ),
    ),
    profiles: profiles.map((p) => profileFromRow(p, grants.get(p.id) ?? [])),
    assignments: assignments.map(assignmentFromRow),
  };
}

/** Whether the installation holds no tenant at all (a fresh database). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The tables whose rows carry stamps; named like the kinds of entity an export holds. */
export type StampedTable = 'tenants' | 'users' | 'groups' | 'profiles' | 'assignments';

/** When and by whom an entity was made and last changed, and its version. */
export interface Stamps {
  createdAt: number;
  updatedAt: number;
  version: number;
  createdBy?: string | undefined;
  updatedBy?: string | undefined;
  lastAccessedAt?: number | null | undefined;
}

/** Sets a row's timestamps, authors and version to imported values (the services set their own). */
export async function restoreStamps(
  db: Executor,
  table: StampedTable,
  id: string,
  stamps: Stamps,
): Promise<void> {
  // Every stamped table has these columns; Kysely cannot type an update over a union of tables.
  await db
    .updateTable(table as 'profiles')
    .set({
      created_at: stamps.createdAt,
      updated_at: stamps.updatedAt,
      version: stamps.version,
      ...(stamps.createdBy !== undefined && { created_by: stamps.createdBy }),
      ...(stamps.updatedBy !== undefined && { updated_by: stamps.updatedBy }),
      ...(stamps.lastAccessedAt !== undefined && { last_accessed_at: stamps.lastAccessedAt }),
    })
    .where('id', '=', id)
    .execute();
}
