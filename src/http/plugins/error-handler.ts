import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, problemOf, type Problem } from '../problem.js';

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * Sends an error no route answered (an unknown path, a URL the router cannot read): in the
 * shape of the API that owns the path (the composition root knows), else as problem+json.
 */
export type UnroutedErrorSender = (
  request: FastifyRequest,
  reply: FastifyReply,
  body: Problem,
) => FastifyReply;

export const problemSender: UnroutedErrorSender = (_request, reply, body) => sendProblem(reply, body);

/** The native API's errors: every error as problem+json (see problemOf); unknown routes too. */
export function registerErrorHandling(
  app: FastifyInstance,
  unrouted: UnroutedErrorSender = problemSender,
): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, problemOf(error, request)));
  app.setNotFoundHandler((request, reply) =>
    unrouted(
      request,
      reply,
      problem('route.not_found', `no route for ${request.method} ${request.url.split('?')[0]}`, request.id),
    ),
  );
}
