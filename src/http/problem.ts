import type { DomainErrorCode, FieldIssue } from '../core/errors.js';

/** Codes only the HTTP layer produces (the request never reached the domain). */
export type HttpErrorCode =
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'request.rate_limited'
  | 'route.not_found'
  | 'internal';

export type ProblemCode = DomainErrorCode | HttpErrorCode;

/** The one table from error code to HTTP status for the native API. */
export const problemStatus: Record<ProblemCode, number> = {
  'validation.failed': 400,
  'request.malformed': 400,
  'query.invalid_filter': 400,
  'query.invalid_sort': 400,
  'query.invalid_cursor': 400,
  'assignment.invalid_window': 400,
  'assignment.scope_outside_tenant': 400,
  'password.rule_violated': 400,
  'auth.unauthenticated': 401,
  'auth.scope_missing': 403,
  'auth.scope_not_held': 403,
  'audit_event.not_found': 404,
  'credential.not_found': 404,
  'reference.not_found': 422,
  'tenant.not_found': 404,
  'user.not_found': 404,
  'group.not_found': 404,
  'capability.not_found': 404,
  'profile.not_found': 404,
  'assignment.not_found': 404,
  'route.not_found': 404,
  'tenant.code_in_use': 409,
  'tenant.cycle': 409,
  'tenant.has_children': 409,
  'user.username_in_use': 409,
  'user.email_in_use': 409,
  'group.name_in_use': 409,
  'profile.name_in_use': 409,
  'import.conflict': 409,
  'idempotency.in_progress': 409,
  'precondition.failed': 412,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'idempotency.key_reused': 422,
  'precondition.required': 428,
  'request.rate_limited': 429,
  internal: 500,
};

/** RFC 9457 problem details, with the stable `code` and the `requestId` of the request. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId: string;
  errors?: FieldIssue[];
}

export function problem(
  code: ProblemCode,
  detail: string,
  requestId: string,
  errors: readonly FieldIssue[] = [],
): Problem {
  return {
    type: `urn:profiled:problem:${code}`,
    title: code,
    status: problemStatus[code],
    detail,
    code,
    requestId,
    ...(errors.length > 0 && { errors: [...errors] }),
  };
}
