import type { Assignment } from '../../core/model/assignment.js';
import type { CatalogPermission, PermissionVersion } from '../../core/model/catalog-permission.js';
import type { Checkout } from '../../core/model/checkout.js';
import type { Directory, SyncReport } from '../../core/model/directory.js';
import type { Label, LabelValue } from '../../core/model/label.js';
import type { Profile } from '../../core/model/profile.js';
import type { ResourceType } from '../../core/model/resource-type.js';
import type { Role } from '../../core/model/role.js';
import type { Instant } from '../../core/model/time.js';
import type { PlacedTenant } from '../../core/model/tenant.js';
import type { Group, User } from '../../core/model/user.js';
import { assignmentFromRow } from '../codecs/assignment.codec.js';
import { catalogPermissionFromRow } from '../codecs/catalog-permission.codec.js';
import { checkoutFromRow } from '../codecs/checkout.codec.js';
import { directoryChangesToRow, directoryFromRow } from '../codecs/directory.codec.js';
import { groupFromRow } from '../codecs/group.codec.js';
import { labelFromRow } from '../codecs/label.codec.js';
import { profileFromRow } from '../codecs/profile.codec.js';
import { resourceTypeFromRow } from '../codecs/resource-type.codec.js';
import { roleFromRow } from '../codecs/role.codec.js';
import { tenantFromRow } from '../codecs/tenant.codec.js';
import { userFromRow } from '../codecs/user.codec.js';
import type { Executor } from '../executor.js';
import type { ProfileCapabilityTable } from '../tables/profile.table.js';

/** Everything of the installation, in a stable order (parents before children), for export. */
export interface Snapshot {
  tenants: PlacedTenant[];
  directories: Directory[];
  users: User[];
  groups: Group[];
  roles: Role[];
  resourceTypes: ResourceType[];
  permissions: CatalogPermission[];
  labels: Label[];
  profiles: Profile[];
  assignments: Assignment[];
  checkouts: Checkout[];
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
  const directories = await db
    .selectFrom('directories')
    .selectAll()
    .orderBy('tenant_id')
    .orderBy('id')
    .execute();
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
  const roles = await db.selectFrom('roles').selectAll().orderBy('tenant_id').orderBy('id').execute();
  const resourceTypes = await db
    .selectFrom('resource_types')
    .selectAll()
    .orderBy('tenant_id')
    .orderBy('id')
    .execute();
  const permissions = await db
    .selectFrom('catalog_permissions')
    .selectAll()
    .orderBy('tenant_id')
    .orderBy('id')
    .execute();
  const versions = byKey(
    await db
      .selectFrom('catalog_permission_versions')
      .selectAll()
      .orderBy('permission_id')
      .orderBy('version')
      .execute(),
    (v) => v.permission_id,
  );
  const labels = await db.selectFrom('labels').selectAll().orderBy('tenant_id').orderBy('id').execute();
  const values = byKey(
    await db.selectFrom('label_values').selectAll().orderBy('label_id').orderBy('position').execute(),
    (v) => v.label_id,
  );
  const checkouts = await db.selectFrom('checkouts').selectAll().orderBy('tenant_id').orderBy('id').execute();
  return {
    tenants: tenants.map(tenantFromRow),
    directories: directories.map(directoryFromRow),
    users: users.map(userFromRow),
    groups: groups.map((g) =>
      groupFromRow(
        g,
        (members.get(g.id) ?? []).map((m) => m.user_id),
      ),
    ),
    profiles: profiles.map((p) => profileFromRow(p, grants.get(p.id) ?? [])),
    assignments: assignments.map(assignmentFromRow),
    roles: roles.map(roleFromRow),
    resourceTypes: resourceTypes.map(resourceTypeFromRow),
    permissions: permissions.map((p) => catalogPermissionFromRow(p, versions.get(p.id) ?? [])),
    labels: labels.map((l) => labelFromRow(l, values.get(l.id) ?? [])),
    checkouts: checkouts.map(checkoutFromRow),
  };
}

/** Whether the installation holds no tenant at all (a fresh database). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** The tables whose rows carry stamps; named like the kinds of entity an export holds. */
export type StampedTable =
  | 'tenants'
  | 'directories'
  | 'users'
  | 'groups'
  | 'roles'
  | 'resource_types'
  | 'catalog_permissions'
  | 'labels'
  | 'profiles'
  | 'assignments';

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

/** Gives a tenant the account number it had (the service draws a new one); unique in the installation. */
export async function restoreAccountNumber(
  db: Executor,
  tenantId: string,
  accountNumber: string,
): Promise<void> {
  await db.updateTable('tenants').set({ account_number: accountNumber }).where('id', '=', tenantId).execute();
}

/** Which directory entry an account or a group was synced from: a sync sets it, an import restores it. */
export interface DirectoryTie {
  directoryId?: string | null | undefined;
  externalId?: string | null | undefined;
  vanishedAt?: Instant | null | undefined;
  /** A group's DN; accounts keep theirs with their directory facts. */
  fqdn?: string | null | undefined;
}

/** Sets the fields of the tie given; an absent field leaves its column alone. */
export async function restoreDirectoryTie(
  db: Executor,
  table: 'users' | 'groups',
  id: string,
  tie: DirectoryTie,
): Promise<void> {
  const columns = {
    ...(tie.directoryId !== undefined && { directory_id: tie.directoryId }),
    ...(tie.externalId !== undefined && { directory_external_id: tie.externalId }),
    ...(tie.vanishedAt !== undefined && { directory_vanished_at: tie.vanishedAt }),
    ...(tie.fqdn !== undefined && { directory_fqdn: tie.fqdn }),
  };
  if (Object.keys(columns).length === 0) return;
  // Both tables have the tie's columns (only groups a DN); Kysely cannot type an update over a union.
  await db
    .updateTable(table as 'groups')
    .set(columns)
    .where('id', '=', id)
    .execute();
}

/** Gives a permission's versions the times they were added (the service stamps them now). */
export async function restorePermissionVersionTimes(
  db: Executor,
  permissionId: string,
  versions: readonly Pick<PermissionVersion, 'version' | 'createdAt'>[],
): Promise<void> {
  for (const v of versions) {
    await db
      .updateTable('catalog_permission_versions')
      .set({ created_at: v.createdAt })
      .where('permission_id', '=', permissionId)
      .where('version', '=', v.version)
      .execute();
  }
}

/** Gives a label's values the ids they had, by name (the service gives new values new ids). */
export async function restoreLabelValueIds(
  db: Executor,
  labelId: string,
  values: readonly LabelValue[],
): Promise<void> {
  for (const v of values) {
    await db
      .updateTable('label_values')
      .set({ id: v.id })
      .where('label_id', '=', labelId)
      .where('name', '=', v.name)
      .execute();
  }
}

/** Sets a directory's last sync report (a sync writes it, no service does). */
export async function restoreLastSync(
  db: Executor,
  directoryId: string,
  lastSync: SyncReport | null,
): Promise<void> {
  await db
    .updateTable('directories')
    .set(directoryChangesToRow({ lastSync }))
    .where('id', '=', directoryId)
    .execute();
}
