import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { AuditEventTable } from '../tables/audit-event.table.js';

export type AuditEventRow = AuditEventTable;

export const auditEventFields: FieldMap = {
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

/** Events are only ever appended: this module has no update and no delete. */
export async function insertAuditEvent(db: Executor, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Events of the tenants under `rootPath` (as the tree was when each event happened). */
export async function listAuditEvents(
  db: Executor,
  rootPath: string,
  params: ListParams,
): Promise<Page<AuditEventRow>> {
  const base = db
    .selectFrom('audit_events')
    .selectAll('audit_events')
    .where('audit_events.tenant_path', 'like', `${rootPath}%`);
  return listPage(base, auditEventFields, params, '-id');
}

export async function findAuditEvent(
  db: Executor,
  rootPath: string,
  id: string,
): Promise<AuditEventRow | undefined> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_path', 'like', `${rootPath}%`)
    .executeTakeFirst();
}
