import { DomainError, type FieldIssue } from '../../core/errors.js';
import type { BulkOutcome } from '../../core/services/bulk-assignment.service.js';

/**
 * A bulk outcome as ARM's ChangeResult data: per account, the assignments changed. An atomic
 * request with a failure wrote nothing: it is refused with the status of the first account's
 * failure, naming every account that failed (not those only left unapplied with them).
 */
export function assignmentChanges<T>(
  outcome: BulkOutcome<T>,
  accountIds: readonly string[],
  assignmentIds: (value: T) => string[],
) {
  const issues: FieldIssue[] = [];
  let code: DomainError['code'] | undefined;
  for (const result of outcome.results) {
    if (result.ok || result.error.code === 'precondition.failed') continue;
    code ??= result.error.code;
    issues.push({
      pointer: `/body/AccountIds/${accountIds.indexOf(result.userId)}`,
      detail: result.error.message,
    });
  }
  if (code !== undefined) throw new DomainError(code, issues.map((i) => i.detail).join('; '), issues);
  return outcome.results.flatMap((r) =>
    r.ok ? [{ AccountId: r.userId, AssignmentIds: assignmentIds(r.value) }] : [],
  );
}
