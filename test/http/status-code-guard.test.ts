import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { DomainError } from '../../src/core/errors.js';
import { registerErrorHandling } from '../../src/http/plugins/error-handler.js';
import { registerStatusCodeGuard } from '../../src/http/plugins/status-code-guard.js';
import { errors } from '../../src/http/schemas/common.js';
import { ProblemSchema } from '../../src/http/schemas/common.js';

/** A bare Fastify with the app's error handling and the guard, and routes that break it on purpose. */
async function guarded(routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 1024 });
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);
  registerStatusCodeGuard(app);
  routes(app);
  await app.ready();
  return app;
}

// A plain record, not a literal type: Fastify would otherwise refuse the undeclared codes at compile time.
const ok: Record<string, object> = { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } };

test('a declared status, success or error, passes untouched', async () => {
  const app = await guarded((app) => {
    app.get('/fine', { schema: { response: { ...ok, ...errors(404) } } }, async () => ({ ok: true }));
    app.get('/missing', { schema: { response: { ...ok, ...errors(404) } } }, async () => {
      throw new DomainError('user.not_found', 'no such user');
    });
  });
  const fine = await app.inject({ method: 'GET', url: '/fine' });
  assert.equal(fine.statusCode, 200);
  assert.deepEqual(fine.json(), { ok: true });
  const missing = await app.inject({ method: 'GET', url: '/missing' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'user.not_found');
});

test('an undeclared status becomes a 500 naming the route, the status and what it declares', async () => {
  const app = await guarded((app) => {
    app.get('/teapot', { schema: { response: ok } }, async (_request, reply) => reply.code(418).send());
    app.get('/conflict', { schema: { response: { ...ok, ...errors(404) } } }, async () => {
      throw new DomainError('user.username_in_use', 'taken');
    });
  });
  const teapot = await app.inject({ method: 'GET', url: '/teapot' });
  assert.equal(teapot.statusCode, 500);
  assert.equal(teapot.headers['content-type'], 'application/problem+json');
  assert.equal(teapot.json().detail, 'GET /teapot sent undeclared status 418 (it declares 200)');
  const conflict = await app.inject({ method: 'GET', url: '/conflict' });
  assert.equal(conflict.statusCode, 500);
  assert.match(conflict.json().detail, /^GET \/conflict sent undeclared status 409 .*: DomainError: taken$/);
});

test('a route that throws is reported with the error behind its 500', async () => {
  const app = await guarded((app) => {
    app.get('/throws', { schema: { response: ok } }, async () => {
      throw new TypeError('cannot read properties of undefined');
    });
  });
  const res = await app.inject({ method: 'GET', url: '/throws' });
  assert.equal(res.statusCode, 500);
  assert.equal(
    res.json().detail,
    'GET /throws sent undeclared status 500 (it declares 200): TypeError: cannot read properties of undefined',
  );
});

test('a status class (4xx) or default in the schema declares the statuses it covers', async () => {
  const app = await guarded((app) => {
    app.get('/class', { schema: { response: { ...ok, '4xx': ProblemSchema } } }, async () => {
      throw new DomainError('user.not_found', 'no such user');
    });
    app.get('/default', { schema: { response: { ...ok, default: ProblemSchema } } }, async () => {
      throw new DomainError('tenant.has_children', 'it has children');
    });
  });
  assert.equal((await app.inject({ method: 'GET', url: '/class' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/default' })).statusCode, 409);
});

test('a route without a response schema, or with errors only, stops the app at registration', async () => {
  await assert.rejects(
    guarded((app) => void app.get('/undeclared', async () => ({}))),
    /GET \/undeclared declares no response schema/,
  );
  await assert.rejects(
    guarded((app) => void app.post('/errors-only', { schema: { response: errors(400) } }, async () => ({}))),
    /POST \/errors-only declares no success status/,
  );
});

test('a hidden page without a schema may succeed or say it is not there, and nothing more', async () => {
  const app = await guarded((app) => {
    app.get('/page', { schema: { hide: true } }, async () => 'a page');
    app.get('/unbuilt-page', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(404).send('not built'),
    );
    app.get('/refusing-page', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(403).send('no'),
    );
    app.get('/broken-page', { schema: { hide: true } }, async () => {
      throw new Error('template missing');
    });
  });
  assert.equal((await app.inject({ method: 'GET', url: '/page' })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/unbuilt-page' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/refusing-page' })).statusCode, 500);
  const broken = await app.inject({ method: 'GET', url: '/broken-page' });
  assert.equal(broken.statusCode, 500);
  assert.equal(
    broken.json().detail,
    'GET /broken-page sent 500 and declares no statuses: Error: template missing',
  );
});

test('the not-found handler may answer 404, and the body errors met before routing', async () => {
  const app = await guarded(() => {});
  const nothing = await app.inject({ method: 'GET', url: '/nothing' });
  assert.equal(nothing.statusCode, 404);
  assert.equal(nothing.json().code, 'route.not_found');
  const tooLarge = await app.inject({ method: 'POST', url: '/nothing', payload: { big: 'x'.repeat(2000) } });
  assert.equal(tooLarge.statusCode, 413);
});

test('a framework error (a body too large) on a route that does not declare it is reported', async () => {
  const app = await guarded((app) => {
    app.delete(
      '/thing',
      { schema: { response: { 204: { type: 'null' }, ...errors(404) } } },
      async () => null,
    );
  });
  const res = await app.inject({ method: 'DELETE', url: '/thing', payload: { big: 'x'.repeat(2000) } });
  assert.equal(res.statusCode, 500);
  assert.match(res.json().detail, /^DELETE \/thing sent undeclared status 413 .*: FastifyError: /);
});
