import { allOf, clause } from '../../lib/scim-filter.js';
import { toApiInstant } from '../../lib/utc-time.js';

/** What the audit trail can be narrowed by; empty text means "any". */
export interface AuditCriteria {
  actor: string;
  /** Matched as a prefix: `assignment.` finds every assignment event. */
  action: string;
  targetType: string;
  targetId: string;
  requestId: string;
  /** From this instant on (inclusive). */
  from?: number | undefined;
  /** Before this instant (exclusive). */
  until?: number | undefined;
}

export const noCriteria: AuditCriteria = {
  actor: '',
  action: '',
  targetType: '',
  targetId: '',
  requestId: '',
};

/** The SCIM filter of GET /v1/audit-events for `criteria`; undefined when nothing narrows it. */
export function auditFilter(criteria: AuditCriteria): string | undefined {
  const text = (field: string, operator: 'eq' | 'sw', value: string) =>
    value.trim() === '' ? undefined : clause(field, operator, value.trim());
  return allOf(
    text('actor', 'eq', criteria.actor),
    text('action', 'sw', criteria.action),
    text('targetType', 'eq', criteria.targetType),
    text('targetId', 'eq', criteria.targetId),
    text('requestId', 'eq', criteria.requestId),
    criteria.from !== undefined && clause('at', 'ge', toApiInstant(criteria.from)),
    criteria.until !== undefined && clause('at', 'lt', toApiInstant(criteria.until)),
  );
}
