import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SigningKeys } from '../../../auth/signing-keys.js';

export interface JwksRoute {
  url: string;
  tags: string[];
  summary: string;
  /** The API it belongs to (a compat API's name); none: the native API. */
  source?: string;
  keys: SigningKeys;
}

/** A public JSON Web Key Set of the keys verifying access tokens (the current and recently rotated). */
export function jwksRoute(app: FastifyInstance, route: JwksRoute): void {
  app.get(
    route.url,
    {
      config: { public: true, ...(route.source !== undefined && { source: route.source }) },
      schema: {
        tags: route.tags,
        summary: route.summary,
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) }) },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await route.keys.jwks()),
  );
}
