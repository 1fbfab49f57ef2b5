import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asDomainError } from '../../core/error-translation.js';
import { problem, type Problem } from '../problem.js';
import { fieldIssues } from '../validation.js';

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Maps every error to problem+json: domain errors by code, framework 4xx by kind, the rest to 500. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const domain = asDomainError(error);
  if (domain) return problem(domain.code, domain.message, request.id, domain.issues);
  const e = error as Partial<FastifyError> & { validationContext?: string };
  if (e.validation) {
    const issues = fieldIssues(e.validation as never, e.validationContext ?? 'body');
    const where = e.validationContext ?? 'body';
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

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem('route.not_found', `no route for ${request.method} ${request.url.split('?')[0]}`, request.id),
    ),
  );
}
