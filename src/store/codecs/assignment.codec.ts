import type { Insertable, Updateable } from 'kysely';
import type { Assignment } from '../../core/model/assignment.js';
import type { AssignmentTable } from '../tables/assignment.table.js';
import { fromFlag, toFlag } from './columns.js';

/** What a write may change of an assignment: its reach and its window (profile, user and scope are its key). */
export type AssignmentChanges = Partial<
  Pick<Assignment, 'includeDescendants' | 'validFrom' | 'validUntil' | 'updatedAt' | 'updatedBy'>
>;

export function assignmentFromRow(row: AssignmentTable): Assignment {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    profileId: row.profile_id,
    userId: row.user_id,
    scopeTenantId: row.scope_tenant_id,
    includeDescendants: fromFlag(row.include_descendants),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
  };
}

export function assignmentToRow(assignment: Assignment): Insertable<AssignmentTable> {
  return {
    id: assignment.id,
    tenant_id: assignment.tenantId,
    profile_id: assignment.profileId,
    user_id: assignment.userId,
    scope_tenant_id: assignment.scopeTenantId,
    include_descendants: toFlag(assignment.includeDescendants),
    valid_from: assignment.validFrom,
    valid_until: assignment.validUntil,
    created_at: assignment.createdAt,
    created_by: assignment.createdBy,
    updated_at: assignment.updatedAt,
    updated_by: assignment.updatedBy,
    version: assignment.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function assignmentChangesToRow(changes: AssignmentChanges): Updateable<AssignmentTable> {
  return {
    ...(changes.includeDescendants !== undefined && {
      include_descendants: toFlag(changes.includeDescendants),
    }),
    ...(changes.validFrom !== undefined && { valid_from: changes.validFrom }),
    ...(changes.validUntil !== undefined && { valid_until: changes.validUntil }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
    ...(changes.updatedBy !== undefined && { updated_by: changes.updatedBy }),
  };
}
