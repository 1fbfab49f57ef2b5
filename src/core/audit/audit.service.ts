import * as audit from '../../store/repositories/audit.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { parseJsonColumn } from '../mappers/json-column.js';
import type { AuditEvent } from './audit-event.js';
import { redactSecrets } from './redact.js';
import { mapPage } from '../services/page.js';
import { inTransaction } from '../transaction.js';

export interface AuditedChange {
  /** `<target type>.<verb>`, e.g. `profile.update`. */
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

const toJson = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(redactSecrets(value));

/**
 * Appends an event for a write. Call it with the context of the write's transaction, so the
 * event and the write commit or roll back together.
 */
export async function recordAudit(
  ctx: CoreContext,
  tenant: ActingTenant,
  change: AuditedChange,
): Promise<void> {
  const origin = ctx.origin;
  await audit.insertAuditEvent(ctx.db, {
    id: newId(),
    at: ctx.now(),
    tenant_id: tenant.id,
    tenant_path: tenant.path,
    actor: ctx.actor,
    credential_id: origin?.credentialId ?? null,
    user_id: origin?.userId ?? null,
    action: change.action,
    target_type: change.targetType,
    target_id: change.targetId,
    before: toJson(change.before),
    after: toJson(change.after),
    request_id: origin?.requestId ?? null,
    source: origin?.source ?? 'internal',
  });
}

function auditEventFromRow(row: audit.AuditEventRow): AuditEvent {
  const json = (text: string | null, column: string) =>
    text === null ? null : parseJsonColumn(text, column);
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
    before: json(row.before, 'audit_events.before'),
    after: json(row.after, 'audit_events.after'),
    requestId: row.request_id,
    source: row.source,
  };
}

export async function listAuditEvents(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<AuditEvent>> {
  return mapPage(await audit.listAuditEvents(ctx.db, tenant.path, params), auditEventFromRow);
}

export async function getAuditEvent(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<AuditEvent> {
  const row = await audit.findAuditEvent(ctx.db, tenant.path, id);
  if (!row) throw new DomainError('audit_event.not_found', `audit event ${id} does not exist`);
  return auditEventFromRow(row);
}

export interface AuditTarget {
  type: string;
  id: string;
  /** create, update, delete, or a domain verb such as revoke. */
  verb: string;
  /** Loads the target as it is before the write (updates and deletes). */
  before?: (tx: CoreContext) => Promise<unknown>;
}

/**
 * Runs a write in a transaction and appends its audit event there: the target before (when a
 * loader is given) and the write's result after (none for a delete).
 */
export async function audited<T>(
  ctx: CoreContext,
  tenant: ActingTenant,
  target: AuditTarget,
  work: (tx: CoreContext) => Promise<T>,
): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    const before = target.before ? await target.before(tx) : undefined;
    const result = await work(tx);
    await recordAudit(tx, tenant, {
      action: `${target.type}.${target.verb}`,
      targetType: target.type,
      targetId: target.id,
      before,
      after: target.verb === 'delete' ? undefined : result,
    });
    return result;
  });
}
