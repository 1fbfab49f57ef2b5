import type { Assignment } from '../../core/model/assignment.js';
import {
  assignmentChangesToRow,
  assignmentFromRow,
  assignmentToRow,
  type AssignmentChanges,
} from '../codecs/assignment.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const assignmentFields: FieldMap = {
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
): Promise<Assignment | undefined> {
  const row = await db
    .selectFrom('assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && assignmentFromRow(row);
}

/** The assignment of (profile, user, scope), which is unique. */
export async function findAssignmentByKey(
  db: Executor,
  tenantId: string,
  key: { profileId: string; userId: string; scopeTenantId: string },
): Promise<Assignment | undefined> {
  const row = await db
    .selectFrom('assignments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', key.profileId)
    .where('user_id', '=', key.userId)
    .where('scope_tenant_id', '=', key.scopeTenantId)
    .executeTakeFirst();
  return row && assignmentFromRow(row);
}

export async function listAssignments(
  db: Executor,
  tenantId: string,
  selection: AssignmentSelection,
  params: ListParams,
): Promise<Page<Assignment>> {
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
  const page = await listPage(base, assignmentFields, params, 'createdAt');
  return { ...page, rows: page.rows.map(assignmentFromRow) };
}

/**
 * The assignments in the tenant of any of these users (only those scoped to `scopeTenantId`
 * when given), each user's oldest first (ties by id), in one query per chunk of ids whatever
 * their number.
 */
export async function findAssignmentsOfUsers(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
  scopeTenantId?: string,
): Promise<Assignment[]> {
  const rows = await inChunks(userIds, (chunk) => {
    let query = db
      .selectFrom('assignments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', chunk);
    if (scopeTenantId !== undefined) query = query.where('scope_tenant_id', '=', scopeTenantId);
    return query.orderBy('created_at').orderBy('id').execute();
  });
  return rows.map(assignmentFromRow);
}

export async function insertAssignment(db: Executor, assignment: Assignment): Promise<void> {
  await db.insertInto('assignments').values(assignmentToRow(assignment)).execute();
}

export async function updateAssignment(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: AssignmentChanges,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'assignments',
    { tenantId, id },
    expectedVersion,
    assignmentChangesToRow(changes),
  );
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
): Promise<Assignment[]> {
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
  return rows.map(assignmentFromRow);
}
