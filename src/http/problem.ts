import type { FastifyBaseLogger, FastifyError } from 'fastify';
import { asDomainError } from '../core/error-translation.js';
import type { DomainErrorCode, FieldIssue } from '../core/errors.js';
import { fieldIssues } from './validation.js';

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
  'checkout.user_required': 400,
  'permission.version_not_found': 400,
  'auth.unauthenticated': 401,
  'auth.scope_missing': 403,
  'auth.scope_not_held': 403,
  'checkout.not_allowed': 403,
  'checkout.not_holder': 403,
  'audit_event.not_found': 404,
  'credential.not_found': 404,
  'reference.not_found': 422,
  'tenant.not_found': 404,
  'user.not_found': 404,
  'group.not_found': 404,
  'capability.not_found': 404,
  'profile.not_found': 404,
  'assignment.not_found': 404,
  'checkout.not_found': 404,
  'resource_type.not_found': 404,
  'permission.not_found': 404,
  'label.not_found': 404,
  'route.not_found': 404,
  'tenant.code_in_use': 409,
  'tenant.account_number_repeat': 409,
  'role.not_found': 404,
  'role.name_in_use': 409,
  'role.in_use': 409,
  'profile.disabled': 403,
  'tenant.cycle': 409,
  'tenant.has_children': 409,
  'user.username_in_use': 409,
  'user.email_in_use': 409,
  'group.name_in_use': 409,
  'profile.name_in_use': 409,
  'policy.not_found': 404,
  'policy.name_in_use': 409,
  'setting.not_found': 404,
  'resource_type.name_in_use': 409,
  'resource_type.has_permissions': 409,
  'permission.name_in_use': 409,
  'label.key_in_use': 409,
  'import.conflict': 409,
  'checkout.already_held': 409,
  'checkout.held_by_another': 409,
  'checkout.ended': 409,
  'checkout.not_extendable': 409,
  'checkout.extension_limit': 409,
  'idempotency.in_progress': 409,
  'precondition.failed': 412,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'idempotency.key_reused': 422,
  'precondition.required': 428,
  'request.rate_limited': 429,
  'directory.not_found': 404,
  'directory.name_in_use': 409,
  'directory.read_only': 409,
  'directory.sync_in_progress': 409,
  // The directory, not the client, failed (or refused profiled's bind): a bad gateway.
  'directory.unreachable': 502,
  'directory.bind_failed': 502,
  'directory.operation_failed': 502,
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
    // The rule each issue breaks is for compat APIs (issuesOf); problem+json shows pointer and detail.
    ...(errors.length > 0 && { errors: errors.map(({ pointer, detail }) => ({ pointer, detail })) }),
  };
}

/**
 * A request refused before it reached the domain, for a reason only HTTP knows (a rate limit).
 * Thrown, not sent, so that each API's error handler answers it in that API's shape.
 */
export class RefusedRequest extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedRequest';
  }
}

/** The field-level issues of an error, with the rule each breaks: a domain error's, or validation's. */
export function issuesOf(error: unknown): FieldIssue[] {
  const domain = asDomainError(error);
  if (domain) return [...domain.issues];
  const e = error as Partial<FastifyError> & { validationContext?: string };
  return e.validation ? fieldIssues(e.validation as never, e.validationContext ?? 'body') : [];
}

/**
 * The neutral classification of any error a route throws: domain errors by code, refusals of the
 * framework (validation, size, media type) by kind, anything else a 500 (logged with the request
 * id). The native API sends it as problem+json; each compat API maps it to its vendor's body.
 */
export function problemOf(error: unknown, request: { id: string; log: FastifyBaseLogger }): Problem {
  const domain = asDomainError(error);
  if (domain) return problem(domain.code, domain.message, request.id, domain.issues);
  if (error instanceof RefusedRequest) return problem(error.code, error.message, request.id);
  const e = error as Partial<FastifyError> & { validationContext?: string };
  if (e.validation) {
    const where = e.validationContext ?? 'body';
    const issues = issuesOf(error);
    return problem(
      'validation.failed',
      `invalid ${where}: ${issues.map((i) => `${i.pointer} ${i.detail}`).join('; ')}`,
      request.id,
      issues,
    );
  }
  if (e.statusCode === 413)
    return problem('request.too_large', e.message ?? 'request body too large', request.id);
  if (e.statusCode === 415)
    return problem('request.unsupported_media_type', e.message ?? 'unsupported media type', request.id);
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return problem('request.malformed', e.message ?? 'malformed request', request.id);
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem('internal', 'internal error: the request id identifies it in the logs', request.id);
}
