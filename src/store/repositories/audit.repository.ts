import type { AuditEvent } from '../../core/model/audit-event.js';
import { auditEventFromRow, auditEventToRow } from '../codecs/audit-event.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inRowChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';

const auditEventFields: FieldMap = {
  id: { column: 'audit_events.id', type: 'string', sortable: true },
  at: { column: 'audit_events.at', type: 'instant', sortable: true },
  tenantId: { column: 'audit_events.tenant_id', type: 'string' },
  actor: { column: 'audit_events.actor', type: 'string', sortable: true },
  credentialId: { column: 'audit_events.credential_id', type: 'string' },
  userId: { column: 'audit_events.user_id', type: 'string' },
  action: { column: 'audit_events.action', type: 'string', sortable: true },
  targetType: { column: 'audit_events.target_type', type: 'string', sortable: true },
  targetId: { column: 'audit_events.target_id', type: 'string' },
  requestId: { column: 'audit_events.request_id', type: 'string' },
  source: { column: 'audit_events.source', type: 'string', sortable: true },
};

/**
 * Events are only ever appended: this module has no update and no delete. An event is filed
 * under its tenant's path at the time, so the tenants above it then see it for good.
 */
export async function insertAuditEvents(
  db: Executor,
  tenantPath: string,
  events: readonly AuditEvent[],
): Promise<void> {
  const rows = events.map((event) => auditEventToRow(event, tenantPath));
  await inRowChunks(rows, (chunk) => db.insertInto('audit_events').values(chunk).execute());
}

export async function insertAuditEvent(db: Executor, tenantPath: string, event: AuditEvent): Promise<void> {
  await insertAuditEvents(db, tenantPath, [event]);
}

/** Events of the tenants under `rootPath` (as the tree was when each event happened). */
export async function listAuditEvents(
  db: Executor,
  rootPath: string,
  params: ListParams,
): Promise<Page<AuditEvent>> {
  const base = db
    .selectFrom('audit_events')
    .selectAll('audit_events')
    .where('audit_events.tenant_path', 'like', `${rootPath}%`);
  const page = await listPage(base, auditEventFields, params, '-id');
  return { ...page, rows: page.rows.map(auditEventFromRow) };
}

export async function findAuditEvent(
  db: Executor,
  rootPath: string,
  id: string,
): Promise<AuditEvent | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_path', 'like', `${rootPath}%`)
    .executeTakeFirst();
  return row && auditEventFromRow(row);
}
