import { Type } from 'typebox';
import { errorShape } from '../kit/error-shape.js';

/** Visier's error body (`Status` in its OpenAPI documents). */
export const VisierStatusSchema = Type.Object(
  {
    localizedMessage: Type.String({ description: 'What went wrong, for a person' }),
    code: Type.String({ description: "profiled's stable error code, e.g. profile.not_found" }),
    message: Type.String(),
    rci: Type.String({ description: 'Root cause identifier: the request id, as in the logs' }),
    userError: Type.Boolean({ description: 'true when the request was at fault (4xx)' }),
  },
  { $id: 'VisierStatus', description: "Visier's error response" },
);

/** Every error of the Visier API, its token endpoints' included, in Visier's Status shape. */
export const visierStatus = errorShape({
  schema: VisierStatusSchema,
  body: (error) => ({
    localizedMessage: error.detail,
    code: error.code,
    message: error.detail,
    rci: error.requestId,
    userError: error.status < 500,
  }),
  // RFC 9110: a 401 names the schemes it takes. Visier's are the apikey header with a token.
  challenge: 'Bearer realm="visier"',
});

/** Declares the error statuses a Visier route can send (401 and 403 always), in Visier's shape. */
export const visierErrors = (...statuses: number[]) => visierStatus.responses(...statuses);
