import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';
import type { AssignmentTable } from '../tables/assignment.table.js';

export type AssignmentRow = AssignmentTable;

export const assignmentFields: FieldMap = {
  id: { column: 'assignments.id', type: 'string', sortable: true },
  profileId: { column: 'assignments.profile_id', type: 'string' },
  userId: { column: 'assignments.user_id', type: 'string' },
  scopeTenantId: { column: 'assignments.scope_tenant_id', type: 'string' },
  includeDescendants: { column: 'assignments.include_descendants', type: 'boolean' },
  validFrom: { column: 'assignments.valid_from', type: 'instant' },
  validUntil: { column: 'assignments.valid_until', type: 'instant' },
  createdAt: { column: 'assignments.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'assignments.updated_at', type: 'instant', sortable: true },
};

export interface AssignmentSelection {
  profileId?: string | undefined;
  userId?: string | undefined;
  /** Only assignments whose window contains this instant. */
  activeAt?: number | undefined;
}

export async function findAssignment(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<AssignmentRow | undefined> {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The assignment of (profile, user, scope), which is unique. */
export async function findAssignmentByKey(
  db: Executor,
  tenantId: string,
  key: { profileId: string; userId: string; scopeTenantId: string },
): Promise<AssignmentRow | undefined> {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', key.profileId)
    .where('user_id', '=', key.userId)
    .where('scope_tenant_id', '=', key.scopeTenantId)
    .executeTakeFirst();
}

export async function listAssignments(
  db: Executor,
  tenantId: string,
  selection: AssignmentSelection,
  params: ListParams,
): Promise<Page<AssignmentRow>> {
  let base = db
    .selectFrom('assignments')
    .selectAll('assignments')
    .where('assignments.tenant_id', '=', tenantId);
  if (selection.profileId !== undefined)
    base = base.where('assignments.profile_id', '=', selection.profileId);
  if (selection.userId !== undefined) base = base.where('assignments.user_id', '=', selection.userId);
  const at = selection.activeAt;
  if (at !== undefined) {
    base = base
      .where((eb) =>
        eb.or([eb('assignments.valid_from', 'is', null), eb('assignments.valid_from', '<=', at)]),
      )
      .where((eb) =>
        eb.or([eb('assignments.valid_until', 'is', null), eb('assignments.valid_until', '>', at)]),
      );
  }
  return listPage(base, assignmentFields, params, 'createdAt');
}

export async function insertAssignment(db: Executor, row: Insertable<AssignmentTable>): Promise<void> {
  await db.insertInto('assignments').values(row).execute();
}

export async function updateAssignment(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Updateable<AssignmentTable>,
): Promise<boolean> {
  return updateAtVersion(db, 'assignments', { tenantId, id }, expectedVersion, changes);
}

export async function deleteAssignment(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'assignments', { tenantId, id }, expectedVersion);
}

/** Removes the profile's assignments of these users (any scope, or one scope); answers the rows removed. */
export async function deleteAssignmentsOfUsers(
  db: Executor,
  tenantId: string,
  profileId: string,
  userId: string,
  scopeTenantId?: string,
): Promise<AssignmentRow[]> {
  let query = db
    .selectFrom('assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .where('user_id', '=', userId);
  if (scopeTenantId !== undefined) query = query.where('scope_tenant_id', '=', scopeTenantId);
  const rows = await query.execute();
  if (rows.length > 0) {
    await db
      .deleteFrom('assignments')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows;
}
