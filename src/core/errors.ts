/**
 * The one error model of the domain. Every API maps a DomainError to its own shape
 * (problem+json for the native API, the vendor's shape for each compat API); the
 * code -> HTTP status table lives in the HTTP layer, not here.
 */
export const domainErrorCodes = [
  'validation.failed',
  'request.malformed',
  'query.invalid_filter',
  'query.invalid_sort',
  'query.invalid_cursor',
  'reference.not_found',
  'tenant.not_found',
  'tenant.code_in_use',
  'tenant.account_number_repeat',
  'role.not_found',
  'role.name_in_use',
  'role.in_use',
  'profile.disabled',
  'tenant.cycle',
  'tenant.has_children',
  'user.not_found',
  'user.username_in_use',
  'user.email_in_use',
  'group.not_found',
  'group.name_in_use',
  'capability.not_found',
  'profile.not_found',
  'profile.name_in_use',
  'policy.not_found',
  'policy.name_in_use',
  'setting.not_found',
  'assignment.not_found',
  'resource_type.not_found',
  'resource_type.name_in_use',
  'resource_type.has_permissions',
  'permission.not_found',
  'permission.name_in_use',
  'permission.version_not_found',
  'label.not_found',
  'label.key_in_use',
  'assignment.invalid_window',
  'assignment.scope_outside_tenant',
  'checkout.not_found',
  'checkout.user_required',
  'checkout.not_allowed',
  'checkout.not_holder',
  'checkout.already_held',
  'checkout.held_by_another',
  'checkout.ended',
  'checkout.not_extendable',
  'checkout.extension_limit',
  'precondition.failed',
  'precondition.required',
  'idempotency.key_reused',
  'idempotency.in_progress',
  'import.conflict',
  'audit_event.not_found',
  'credential.not_found',
  'auth.unauthenticated',
  'auth.scope_missing',
  'auth.scope_not_held',
  'password.rule_violated',
  'directory.not_found',
  'directory.name_in_use',
  'directory.read_only',
  'directory.sync_in_progress',
  'directory.unreachable',
  'directory.bind_failed',
  'directory.operation_failed',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** A field-level problem, as reported in validation errors. */
export interface FieldIssue {
  /** JSON pointer of the failing field, e.g. `/capabilities/0/accessLevel`. */
  pointer: string;
  detail: string;
  /**
   * Which rule it breaks, for APIs that name it in their own words: a JSON Schema keyword
   * (`additionalProperties` for an unknown field, `required`, `format`...) or a domain rule.
   */
  rule?: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(code: DomainErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
  }
}
