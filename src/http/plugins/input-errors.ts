import type { FastifyInstance, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';

/** The parts of a request a route's schema validates. */
const VALIDATED = ['params', 'querystring', 'headers', 'body'] as const;

const validatesInput = (route: RouteOptions) => VALIDATED.some((part) => route.schema?.[part] !== undefined);

/**
 * Declares 400, in the API's error body, on every route of `app`'s scope that validates some
 * part of its request: any string of it may be refused (NUL, lone surrogates; see validation.ts),
 * whatever else the route declares. `owns` picks the routes of this API.
 */
export function declareInputErrors(
  app: FastifyInstance,
  errorBody: TSchema,
  owns: (route: RouteOptions) => boolean = () => true,
): void {
  app.addHook('onRoute', (route) => {
    if (!owns(route) || !validatesInput(route) || route.schema?.hide) return;
    const schema = route.schema!;
    const response = (schema.response ??= {}) as Record<number, unknown>;
    response[400] ??= errorBody;
  });
}
