import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachApp } from '../support/app.js';
import { ProblemSchema } from '../../src/http/schemas/common.js';

// Validators and serializers compile on their route's first use of them (see validation.ts):
// the first request of a route must be checked and answered exactly as every later one.

const Echo = {
  type: 'object',
  properties: { name: { type: 'string' }, count: { type: 'integer' }, n: { type: 'integer' } },
  required: ['name', 'count', 'n'],
  additionalProperties: false,
} as const;

/** Routes no other request has used yet, each asked first with a bad request or a good one. */
function probeRoutes(app: FastifyInstance): void {
  for (const name of ['bad-first', 'good-first']) {
    app.post(
      `/probe/${name}/:n`,
      {
        config: { public: true },
        schema: {
          params: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
          body: {
            type: 'object',
            properties: { name: { type: 'string' }, count: { type: 'integer' } },
            required: ['name', 'count'],
            additionalProperties: false,
          },
          response: { 200: Echo, 400: ProblemSchema },
        },
      },
      // What the serializer must drop: a field the response schema does not declare.
      async (request) => ({
        ...(request.body as object),
        n: (request.params as { n: number }).n,
        secret: 's',
      }),
    );
  }
}

const post = (app: FastifyInstance, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

forEachApp(
  'validators and serializers compiled on first use',
  (t) => {
    test("a route's first request, refused, names what is wrong; the next ones are checked anew", async () => {
      const first = await post(t().app, '/probe/bad-first/7', { name: 'a', count: 1, colour: 'red' });
      assert.equal(first.statusCode, 400);
      assert.equal(first.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(first.json().code, 'validation.failed');
      assert.deepEqual(first.json().errors, [{ pointer: '/colour', detail: 'unknown field "colour"' }]);

      const second = await post(t().app, '/probe/bad-first/7', { name: 'a' });
      assert.equal(second.statusCode, 400);
      assert.deepEqual(second.json().errors, [
        { pointer: '/count', detail: 'missing required field "count"' },
      ]);

      const good = await post(t().app, '/probe/bad-first/7', { name: 'a', count: 2 });
      assert.equal(good.statusCode, 200);
      assert.deepEqual(good.json(), { name: 'a', count: 2, n: 7 });
    });

    test("a route's first request, accepted, is coerced and serialized by its schemas", async () => {
      const good = await post(t().app, '/probe/good-first/8', { name: 'b', count: 3 });
      assert.equal(good.statusCode, 200);
      // The path's text "8" became a number; the undeclared field was left out.
      assert.equal(good.body, '{"name":"b","count":3,"n":8}');

      const bad = await post(t().app, '/probe/good-first/x', { name: 'b', count: 3 });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'validation.failed');
      assert.deepEqual(
        bad.json().errors.map((e: { pointer: string }) => e.pointer),
        ['/params/n'],
      );
    });

    test('a native route answers its first request as it answers later ones', async () => {
      const first = await t().request({ method: 'GET', url: '/v1/groups?limit=nope' });
      assert.equal(first.statusCode, 400);
      const again = await t().request({ method: 'GET', url: '/v1/groups?limit=nope' });
      assert.equal(again.statusCode, 400);
      const strip = (body: { requestId?: string }) => ({ ...body, requestId: undefined });
      assert.deepEqual(strip(first.json()), strip(again.json()));
      const list = await t().request({ method: 'GET', url: '/v1/groups?limit=1' });
      assert.equal(list.statusCode, 200);
      assert.ok(Array.isArray(list.json().items));
    });
  },
  { extraRoutes: probeRoutes },
);

forEachApp(
  'every route compiled at start',
  (t) => {
    test("every route's validators and serializers compile", async () => {
      await t().app.ready();
      const res = await post(t().app, '/probe/good-first/9', { name: 'c', count: 4 });
      assert.equal(res.body, '{"name":"c","count":4,"n":9}');
    });
  },
  { extraRoutes: probeRoutes, compileSchemasAtStart: true },
);
