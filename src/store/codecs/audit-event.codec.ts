import type { AuditEvent } from '../../core/model/audit-event.js';
import type { AuditEventTable } from '../tables/audit-event.table.js';
import { parseJsonColumn, toJsonColumn } from './columns.js';

/** Before and after are JSON text; null (and an absent value) is no value. */
const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : toJsonColumn(value));
const parsedOrNull = (text: string | null, column: string): unknown =>
  text === null ? null : parseJsonColumn(text, column);

/** The event's row, filed under the path its tenant had when it happened. */
export function auditEventToRow(event: AuditEvent, tenantPath: string): AuditEventTable {
  return {
    id: event.id,
    at: event.at,
    tenant_id: event.tenantId,
    tenant_path: tenantPath,
    actor: event.actor,
    credential_id: event.credentialId,
    user_id: event.userId,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    before: jsonOrNull(event.before),
    after: jsonOrNull(event.after),
    request_id: event.requestId,
    source: event.source,
  };
}

export function auditEventFromRow(row: AuditEventTable): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    tenantId: row.tenant_id,
    actor: row.actor,
    credentialId: row.credential_id,
    userId: row.user_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: parsedOrNull(row.before, 'audit_events.before'),
    after: parsedOrNull(row.after, 'audit_events.after'),
    requestId: row.request_id,
    source: row.source,
  };
}
