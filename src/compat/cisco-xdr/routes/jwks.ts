import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { tags } from '../route-config.js';

/** GET /.well-known/jwks: Cisco's path for the keys that verify its tokens (profiled's stays too). */
export function jwksRoutes(app: FastifyInstance, deps: CompatDependencies): void {
  app.get(
    '/.well-known/jwks',
    {
      config: { public: true, source: 'cisco-xdr' },
      schema: {
        tags: tags.authentication,
        summary: 'The public keys that verify access tokens (the same as /.well-known/jwks.json)',
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) }) },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await deps.auth.keys.jwks()),
  );
}
