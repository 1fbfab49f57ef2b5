import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { toProblem } from '../../http/plugins/error-handler.js';

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

const statusRef = Type.Ref('VisierStatus');

/** Declares the error statuses a Visier route can send, all in Visier's shape. */
export function visierErrors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries([401, 403, ...statuses].map((s) => [s, statusRef]));
}

/** The same classification as the native API (one code -> status table), in Visier's shape. */
export function visierStatus(error: unknown, request: FastifyRequest) {
  const problem = toProblem(error, request);
  return {
    status: problem.status,
    body: {
      localizedMessage: problem.detail,
      code: problem.code,
      message: problem.detail,
      rci: problem.requestId,
      userError: problem.status < 500,
    },
  };
}

export function registerVisierErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = visierStatus(error, request);
    // RFC 9110: a 401 names the schemes it takes. Visier's are the apikey header with a token.
    if (status === 401) void reply.header('www-authenticate', 'Bearer realm="visier"');
    return reply.code(status).type('application/json').send(body);
  });
}
