import type { Assignment } from '../../core/model/assignment.js';
import {
  assignmentChangesToRow,
  assignmentFromRow,
  assignmentToRow,
  type AssignmentChanges,
} from '../codecs/assignment.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks, inRowChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import {
  deleteAtVersion,
  deleteAtVersions,
  updateAtVersion,
  updateAtVersions,
  type VersionedTarget,
} from './versioned-write.js';

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

/** Which assignments of the users a read of many users' assignments answers: any, or only these. */
export interface HeldSelection {
  profileId?: string | undefined;
  scopeTenantId?: string | undefined;
}

/**
 * The assignments in the tenant of any of these users (only those of the profile and in the
 * scope given), each user's oldest first (ties by id), in one query per chunk of ids whatever
 * their number.
 */
export async function findAssignmentsOfUsers(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
  selection: HeldSelection = {},
): Promise<Assignment[]> {
  const rows = await inChunks(userIds, (chunk) => {
    let query = db
      .selectFrom('assignments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', chunk);
    if (selection.profileId !== undefined) query = query.where('profile_id', '=', selection.profileId);
    if (selection.scopeTenantId !== undefined)
      query = query.where('scope_tenant_id', '=', selection.scopeTenantId);
    return query.orderBy('created_at').orderBy('id').execute();
  });
  return rows.map(assignmentFromRow);
}

export async function insertAssignment(db: Executor, assignment: Assignment): Promise<void> {
  await insertAssignments(db, [assignment]);
}

/** Inserts many assignments, one multi-row insert per chunk. */
export async function insertAssignments(db: Executor, list: readonly Assignment[]): Promise<void> {
  await inRowChunks(list.map(assignmentToRow), (rows) => db.insertInto('assignments').values(rows).execute());
}

/** An assignment as its writes name it: by id, and its user's (see VersionedRowKey). */
export interface AssignmentKey {
  id: string;
  userId: string;
}

export async function updateAssignment(
  db: Executor,
  tenantId: string,
  { id, userId }: AssignmentKey,
  expectedVersion: number,
  changes: AssignmentChanges,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'assignments',
    { tenantId, id, userId },
    expectedVersion,
    assignmentChangesToRow(changes),
  );
}

export async function deleteAssignment(
  db: Executor,
  tenantId: string,
  { id, userId }: AssignmentKey,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'assignments', { tenantId, id, userId }, expectedVersion);
}

/**
 * Makes the same changes to many assignments of the tenant, each on condition of the version it
 * was read at (see updateAtVersions: false means a lost race, and the transaction rolls back).
 */
export async function updateAssignmentsAtVersions(
  db: Executor,
  tenantId: string,
  targets: readonly VersionedTarget[],
  changes: AssignmentChanges,
): Promise<boolean> {
  return updateAtVersions(db, 'assignments', tenantId, targets, assignmentChangesToRow(changes));
}

/** Deletes many assignments of the tenant, each on condition of the version it was read at. */
export async function deleteAssignmentsAtVersions(
  db: Executor,
  tenantId: string,
  targets: readonly VersionedTarget[],
): Promise<boolean> {
  return deleteAtVersions(db, 'assignments', tenantId, targets);
}
