import type { Executor } from '../executor.js';
import type { AssignmentRow } from './assignment.repository.js';
import type { GroupRow } from './group.repository.js';
import type { ProfileCapabilityRow, ProfileRow } from './profile.repository.js';
import type { TenantRow } from './tenant.repository.js';
import type { UserRow } from './user.repository.js';

/** Every row of the installation, in a stable order (parents before children), for export. */
export interface Snapshot {
  tenants: TenantRow[];
  users: UserRow[];
  groups: GroupRow[];
  groupMembers: { group_id: string; user_id: string }[];
  profiles: ProfileRow[];
  profileCapabilities: ProfileCapabilityRow[];
  assignments: AssignmentRow[];
}

export async function readSnapshot(db: Executor): Promise<Snapshot> {
  const tenants = await db.selectFrom('tenants').selectAll().execute();
  // A parent's path is a prefix of its children's: shorter paths first puts parents first.
  tenants.sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    tenants,
    users: await db.selectFrom('users').selectAll().orderBy('tenant_id').orderBy('id').execute(),
    groups: await db.selectFrom('groups').selectAll().orderBy('tenant_id').orderBy('id').execute(),
    groupMembers: await db
      .selectFrom('group_members')
      .selectAll()
      .orderBy('group_id')
      .orderBy('user_id')
      .execute(),
    profiles: await db.selectFrom('profiles').selectAll().orderBy('tenant_id').orderBy('id').execute(),
    profileCapabilities: await db
      .selectFrom('profile_capabilities')
      .selectAll()
      .orderBy('profile_id')
      .orderBy('capability')
      .execute(),
    assignments: await db.selectFrom('assignments').selectAll().orderBy('tenant_id').orderBy('id').execute(),
  };
}

/** Whether the installation holds no tenant at all (a fresh database). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export type StampedTable = 'tenants' | 'users' | 'groups' | 'profiles' | 'assignments';

export interface Stamps {
  created_at: number;
  updated_at: number;
  version: number;
  created_by?: string;
  updated_by?: string;
  last_accessed_at?: number | null;
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
    .set(stamps)
    .where('id', '=', id)
    .execute();
}
