import type { AssignmentRow } from '../../store/repositories/assignment.repository.js';
import type { Assignment } from '../model/assignment.js';
import { fromFlag } from './json-column.js';

export function assignmentFromRow(row: AssignmentRow): Assignment {
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
