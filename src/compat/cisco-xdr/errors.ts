import { Type } from 'typebox';
import type { FieldIssue } from '../../core/errors.js';
import { errorShape } from '../kit/error-shape.js';

/**
 * Cisco's error bodies. A request whose fields are wrong is `{"errors": {"<key>": "<why>"}}`, the
 * way Cisco's schema checks answer (`disallowed-key` for a key that does not exist or may not be
 * changed, `missing-required-key`); any other error says `error` and `error_description`, as its
 * OAuth endpoints do.
 */
export const CiscoErrorSchema = Type.Object(
  {
    errors: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'What is wrong, by key; a nested object for the keys of a nested object',
      }),
    ),
    error: Type.Optional(Type.String({ description: "profiled's stable error code, e.g. user.not_found" })),
    error_description: Type.Optional(Type.String({ description: 'What went wrong, for a person' })),
    request_id: Type.Optional(Type.String({ description: 'The request id, as in the logs' })),
  },
  { $id: 'CiscoXdrError', description: "Cisco XDR's error response" },
);

/** Cisco's word for a broken rule; otherwise what profiled says of it. */
const wordFor = (issue: FieldIssue): string =>
  issue.rule === 'additionalProperties'
    ? 'disallowed-key'
    : issue.rule === 'required'
      ? 'missing-required-key'
      : issue.detail;

const requestParts = new Set(['querystring', 'params', 'headers']);

/** The issues keyed by field, nested as the body is: `/address/town` is `{address: {town: ...}}`. */
export function errorsByKey(issues: readonly FieldIssue[]): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const path = issue.pointer
      .split('/')
      .filter(Boolean)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
    // A query parameter's or path parameter's key is its name, as a body key is.
    if (requestParts.has(path[0] ?? '') && path.length > 1) path.shift();
    if (path.length === 0) path.push('body');
    let at = errors;
    for (const key of path.slice(0, -1)) {
      const next = at[key];
      at = (at[key] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    const last = path.at(-1)!;
    // What is wrong inside a value says more than what is wrong with it as a whole.
    if (typeof at[last] !== 'object' || at[last] === null) at[last] = wordFor(issue);
  }
  return errors;
}

export const ciscoError = errorShape({
  schema: CiscoErrorSchema,
  body: (error) =>
    error.issues && error.issues.length > 0 && error.status === 400
      ? { errors: errorsByKey(error.issues) }
      : { error: error.code, error_description: error.detail, request_id: error.requestId },
  // RFC 9110: a 401 names the scheme it takes. Cisco's clients mint a new token on a 401 and retry.
  challenge: 'Bearer realm="iroh"',
});

/** Declares the error statuses a Cisco route can send (401 and 403 always), in Cisco's shape. */
export const ciscoErrors = (...statuses: number[]) => ciscoError.responses(...statuses);
