import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { problem } from '../problem.js';

/**
 * What the not-found handler can send: 404, and what a request with a body meets before any
 * route is chosen (a malformed body 400, one too large 413, an unreadable media type 415).
 */
export const notFoundStatuses: readonly number[] = [400, 404, 413, 415];

type Declared = Record<string, unknown>;

/** Whether a response schema declares a status: exactly, by its class (`4xx`) or by `default`. */
export function declares(response: Declared, status: number): boolean {
  return String(status) in response || `${String(status)[0]}xx` in response || 'default' in response;
}

const isSuccess = (key: string) => /^[23]/.test(key) || key === 'default';

/** Why a route cannot be held to its statuses, or undefined when it declares what it answers. */
function undeclarable(route: RouteOptions): string | undefined {
  const response = route.schema?.response as Declared | undefined;
  // Pages outside the API document (the documentation's, the console's) declare nothing and may
  // answer nothing but success or not found: see `verdict`.
  if (route.schema?.hide && response === undefined) return undefined;
  if (response === undefined) return 'declares no response schema';
  if (!Object.keys(response).some(isSuccess)) return 'declares no success status';
  return undefined;
}

/** Why an answer breaks its route's declaration, or undefined when it keeps it. */
function verdict(request: FastifyRequest, status: number): string | undefined {
  if (request.is404) {
    return notFoundStatuses.includes(status) ? undefined : `the not-found handler sent ${status}`;
  }
  const route = `${request.method} ${request.routeOptions.url}`;
  const response = request.routeOptions.schema?.response as Declared | undefined;
  if (response === undefined) {
    if (request.routeOptions.schema?.hide && (status < 400 || status === 404)) return undefined;
    return `${route} sent ${status} and declares no statuses`;
  }
  if (declares(response, status)) return undefined;
  return `${route} sent undeclared status ${status} (it declares ${Object.keys(response).join(', ')})`;
}

/**
 * Tests: every status every route sends must be in its schema, so the OpenAPI document tells
 * the truth. A route that could not be held to it (no response schema, no success status)
 * stops the app at registration; an answer that breaks it becomes a 500 saying why (with the
 * error behind it, if any), which no test expecting the real answer can miss.
 */
export function registerStatusCodeGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const why = undeclarable(route);
    if (why) throw new Error(`${[route.method].flat().join(',')} ${route.url} ${why}`);
  });

  // The error behind an answer, so that a 500 names its cause rather than only its request id.
  const causes = new WeakMap<FastifyRequest, Error>();
  app.addHook('onError', async (request, _reply, error) => {
    causes.set(request, error);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const why = verdict(request, reply.statusCode);
    if (why === undefined) return payload;
    const cause = causes.get(request);
    const detail = cause ? `${why}: ${cause.name}: ${cause.message}` : why;
    request.log.error({ err: cause }, detail);
    // A stream (a static file) that is not sent must still be released.
    if (payload !== null && typeof payload === 'object' && 'destroy' in payload) {
      (payload as { destroy: () => void }).destroy();
    }
    void reply.code(500).type('application/problem+json');
    return JSON.stringify(problem('internal', detail, request.id));
  });
}
