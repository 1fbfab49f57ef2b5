import * as audit from '../../store/repositories/audit.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { AuditEvent } from '../model/audit-event.js';
import { redactSecrets } from './redact.js';
import { inTransaction } from '../transaction.js';

export interface AuditedChange {
  /** `<target type>.<verb>`, e.g. `profile.update`. */
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends an event for a write. Call it with the context of the write's transaction, so the
 * event and the write commit or roll back together.
 */
export async function recordAudit(
  ctx: CoreContext,
  tenant: ActingTenant,
  change: AuditedChange,
): Promise<void> {
  await recordAudits(ctx, tenant, [change]);
}

/**
 * Appends an event for each of many writes of one request, in their order (each event's id
 * sorts after the one before), written a chunk of events at a time. Call it in the writes'
 * transaction, as recordAudit.
 */
export async function recordAudits(
  ctx: CoreContext,
  tenant: ActingTenant,
  changes: readonly AuditedChange[],
): Promise<void> {
  const origin = ctx.origin;
  const at = ctx.now();
  const events = changes.map((change): AuditEvent => ({
    id: newId(),
    at,
    tenantId: tenant.id,
    actor: ctx.actor,
    credentialId: origin?.credentialId ?? null,
    userId: origin?.userId ?? null,
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    before: redactSecrets(change.before ?? null),
    after: redactSecrets(change.after ?? null),
    requestId: origin?.requestId ?? null,
    source: origin?.source ?? 'internal',
  }));
  await audit.insertAuditEvents(ctx.db, tenant.path, events);
}

export async function listAuditEvents(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<AuditEvent>> {
  return audit.listAuditEvents(ctx.db, tenant.path, params);
}

export async function getAuditEvent(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<AuditEvent> {
  const event = await audit.findAuditEvent(ctx.db, tenant.path, id);
  if (!event) throw new DomainError('audit_event.not_found', `audit event ${id} does not exist`);
  return event;
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
