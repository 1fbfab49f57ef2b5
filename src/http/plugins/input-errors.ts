import type { FastifyInstance, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';

/** The parts of a request a route's schema validates. */
const VALIDATED = ['params', 'querystring', 'headers', 'body'] as const;

const validatesInput = (route: RouteOptions) => VALIDATED.some((part) => route.schema?.[part] !== undefined);

/** Methods whose requests may carry a body, which is parsed (and may be refused) on any route. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const takesBodies = (route: RouteOptions) => [route.method].flat().some((m) => BODY_METHODS.has(m));

/**
 * Declares, in the API's error body, what any request may be refused with before its handler
 * runs: 400 on every route of `app`'s scope that validates some part of its request (any string
 * of it may be refused: NUL, lone surrogates; see validation.ts) or may carry a body (malformed
 * JSON), and 413 and 415 on every route that may carry a body (too large, a media type without a
 * parser), whatever else the route declares. `owns` picks the routes of this API.
 */
export function declareInputErrors(
  app: FastifyInstance,
  errorBody: TSchema,
  owns: (route: RouteOptions) => boolean = () => true,
): void {
  app.addHook('onRoute', (route) => {
    if (!owns(route) || route.schema?.hide) return;
    const bodies = takesBodies(route);
    if (!bodies && !validatesInput(route)) return;
    const schema = (route.schema ??= {});
    const response = (schema.response ??= {}) as Record<number, unknown>;
    response[400] ??= errorBody;
    if (bodies) {
      response[413] ??= errorBody;
      response[415] ??= errorBody;
    }
  });
}
