import { Type } from 'typebox';
import type { FieldIssue } from '../../core/errors.js';
import { bindingRules } from '../../core/services/permission-binding.service.js';
import { errorShape, type ErrorFacts } from '../kit/error-shape.js';

/**
 * Britive's error codes for profiled's, chosen by what Britive's SDK makes of them: it picks its
 * exception class from `errorCode` before the status, so a code must mean there what it means
 * here (RM-0010 is ResourceProfileMissingError, AU-0018 InvalidApiTokenError). Errors Britive has
 * no code for get `E` and the status (E0400, E0409...): the SDK knows none of those, and falls
 * back to the status (InvalidRequest, Conflict...).
 */
const codes: Readonly<Record<string, string>> = {
  'profile.not_found': 'RM-0010',
  'resource_type.not_found': 'RM-0011',
  'permission.not_found': 'RM-0008',
  'label.not_found': 'RM-0009',
  'auth.unauthenticated': 'AU-0018',
};

/** Britive's codes for the rules a field issue names (core's permission-binding rules). */
const ruleCodes: Readonly<Record<string, string>> = {
  [bindingRules.bothStates]: 'RM-0027',
  [bindingRules.invalidPattern]: 'RM-0023',
  [bindingRules.passwordNeedsPattern]: 'RM-0022',
  [bindingRules.staticPassword]: 'RM-0028',
  'permission.held': 'RM-0014',
};

export function britiveCodeOf(error: Pick<ErrorFacts, 'code' | 'status' | 'issues'>): string {
  const ruled = error.issues?.find((issue) => issue.rule !== undefined && issue.rule in ruleCodes);
  return (
    (ruled && ruleCodes[ruled.rule!]) ?? codes[error.code] ?? `E${String(error.status).padStart(4, '0')}`
  );
}

const detailsOf = (issues: readonly FieldIssue[] | undefined) =>
  issues && issues.length > 0
    ? issues
        .map((i) => `${i.pointer.replace(/^\/(body|querystring|params)?\/?/, '') || '/'}: ${i.detail}`)
        .join('; ')
    : undefined;

/** Britive's error body: `{errorCode, message, details}`. */
export const BritiveErrorSchema = Type.Object(
  {
    errorCode: Type.String({ description: "Britive's code (RM-0010...), or E and the status" }),
    message: Type.String(),
    details: Type.Optional(Type.String({ description: 'What is wrong, field by field' })),
    status: Type.Integer(),
    requestId: Type.String({ description: 'The request id, as in the logs' }),
    profiledCode: Type.String({ description: "profiled's stable error code, e.g. profile.not_found" }),
  },
  { $id: 'BritiveError', description: "Britive's error response" },
);

export const britiveError = errorShape({
  schema: BritiveErrorSchema,
  body: (error) => {
    const details = detailsOf(error.issues);
    return {
      errorCode: britiveCodeOf(error),
      message: error.detail,
      ...(details !== undefined && { details }),
      status: error.status,
      requestId: error.requestId,
      profiledCode: error.code,
    };
  },
  challenge: 'TOKEN realm="britive", Bearer realm="britive"',
});

/** Declares the error statuses a Britive route can send (401 and 403 always), in Britive's shape. */
export const britiveErrors = (...statuses: number[]) => britiveError.responses(...statuses);
