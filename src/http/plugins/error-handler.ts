import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem, problemOf, type Problem } from '../problem.js';

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** The native API's errors: every error as problem+json (see problemOf); unknown routes too. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, problemOf(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem('route.not_found', `no route for ${request.method} ${request.url.split('?')[0]}`, request.id),
    ),
  );
}
