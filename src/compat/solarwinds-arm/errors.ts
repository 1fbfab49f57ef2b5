import { Type } from 'typebox';
import type { FieldIssue } from '../../core/errors.js';
import { errorShape } from '../kit/error-shape.js';

/** Where a field issue points, as ARM's clients name fields: `Groups/0`, not `/body/Groups/0`. */
const fieldOf = (issue: FieldIssue) => issue.pointer.replace(/^\/(body|querystring|params)?\/?/, '') || '/';

const ErrorDetails = Type.Object({
  Message: Type.String({ description: 'What went wrong, for a person' }),
  Code: Type.String({ description: "profiled's stable error code, e.g. profile.not_found" }),
  StatusCode: Type.Integer({ description: 'The HTTP status, repeated for clients that log only the body' }),
  Fields: Type.Optional(
    Type.Array(Type.Object({ Field: Type.String(), Message: Type.String() }), {
      description: 'Each field the request got wrong',
    }),
  ),
});

/** ARM's ChangeResult when the change (or the read) failed: Success false, and why. */
export const ArmErrorSchema = Type.Object(
  {
    Success: Type.Literal(false),
    Data: Type.Null(),
    ResponseId: Type.String({ description: 'The request id, as in the logs and X-Request-Id' }),
    ErrorDetails,
  },
  { $id: 'SolarWindsArmError', description: "SolarWinds ARM's ChangeResult of a failure" },
);

export const armError = errorShape({
  schema: ArmErrorSchema,
  body: (error) => ({
    Success: false as const,
    Data: null,
    ResponseId: error.requestId,
    ErrorDetails: {
      Message: error.detail,
      Code: error.code,
      StatusCode: error.status,
      ...(error.issues &&
        error.issues.length > 0 && {
          Fields: error.issues.map((issue) => ({ Field: fieldOf(issue), Message: issue.detail })),
        }),
    },
  }),
  challenge: 'Bearer realm="solarwinds-arm"',
});

/** The error statuses an ARM route can send (401 and 403 always), as ChangeResults. */
export const armErrors = (...statuses: number[]) => armError.responses(...statuses);
