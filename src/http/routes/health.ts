import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readiness } from '../../core/services/health.service.js';

const Readiness = Type.Object({
  ready: Type.Boolean(),
  database: Type.String(),
  pendingMigrations: Type.Array(Type.String()),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['Operations'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['Operations'],
        summary: 'The database is reachable and its migrations are current',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
      const state = await readiness(request.core);
      return reply.code(state.ready ? 200 : 503).send(state);
    },
  );
};
