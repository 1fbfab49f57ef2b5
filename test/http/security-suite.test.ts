import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../src/core/errors.js';
import { tenantOf } from '../../src/http/plugins/acting-tenant.js';
import { errors, IdParams } from '../../src/http/schemas/common.js';
import { findUser } from '../../src/store/repositories/user.repository.js';
import { forEachApp } from '../support/app.js';
import { bearerAccessToken } from '../support/credentials.js';
import { as, newTenant, newUser } from '../support/fixtures.js';
import {
  credentialWithScope,
  foreignResources,
  securityScene,
  type SecurityScene,
} from '../support/security-checks.js';
import {
  guardedRoutes,
  NEVER_USED_ID,
  registeredRoute,
  type ResourceMaker,
} from '../support/security-routes.js';
import { asNeverUsed } from '../support/security-verdicts.js';

/**
 * The security suite's checks, run against routes broken on purpose: each must report the
 * broken route, and only it. (The app runs without the status-code guard, so that these are
 * the suite's own findings, not the guard's.)
 */

const Found = Type.Object({ id: Type.String() });
const read = { scope: 'users:read' } as const;
const LookupBody = Type.Object({ userId: Type.String() });
const notFound = (id: string) => new DomainError('user.not_found', `user ${id} does not exist`);

function brokenRoutes(app: FastifyInstance): void {
  // Typed loosely, or Fastify would refuse the undeclared status below at compile time.
  const okOnly: FastifySchema = { response: { 200: Found } };
  app.get('/v1/probe/fine', { config: read, schema: okOnly }, async () => ({ id: 'x' }));
  app.get('/v1/probe/throws', { config: read, schema: okOnly }, async () => {
    throw new TypeError("cannot read properties of undefined (reading 'id')");
  });
  app.get('/v1/probe/teapot', { config: read, schema: okOnly }, async (_r, reply) =>
    reply.code(418).send({ id: 'x' }),
  );
  const byId = { config: read, schema: { params: IdParams, response: { 200: Found, ...errors(404) } } };
  // Looks the user up in the acting tenant, as every route must.
  app.get<{ Params: { id: string } }>('/v1/probe/users/:id', byId, async (request) => {
    const user = await findUser(request.core.db, tenantOf(request).id, request.params.id);
    return user ? { id: user.id } : Promise.reject(notFound(request.params.id));
  });
  // Forgets the tenant: finds another tenant's user.
  app.get<{ Params: { id: string } }>('/v1/probe/leaky-users/:id', byId, async (request) => {
    const user = await request.core.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', request.params.id)
      .executeTakeFirst();
    return user ?? Promise.reject(notFound(request.params.id));
  });
  const lookup = {
    config: read,
    schema: { body: LookupBody, response: { 200: Found, ...errors(400, 404) } },
  };
  // Takes an id in the body, and forgets the tenant too.
  app.post<{ Body: { userId: string } }>('/v1/probe/leaky-lookup', lookup, async (request) => {
    const user = await request.core.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', request.body.userId)
      .executeTakeFirst();
    return user ?? Promise.reject(notFound(request.body.userId));
  });
  // Fails for every id alike: the same answer for theirs and a never-used one proves nothing.
  app.post('/v1/probe/failing-lookup', lookup, async () => {
    throw new Error('connection reset');
  });
}

const bodies = {
  'POST /v1/probe/leaky-lookup': { userId: NEVER_USED_ID },
  'POST /v1/probe/failing-lookup': { userId: NEVER_USED_ID },
};
const userOf: ResourceMaker = async (t, tenant) => (await newUser(t, tenant)).id;
const resources = { '/v1/probe/users': userOf, '/v1/probe/leaky-users': userOf };

forEachApp(
  'the security suite, against routes broken on purpose',
  (t) => {
    let scene: SecurityScene;
    before(async () => {
      scene = await securityScene(t(), {
        routes: (app) => guardedRoutes(app, /^\/v1\/probe\//, bodies),
        presenters: [bearerAccessToken],
        resources,
      });
    });

    test('a route that always throws, or answers a status it does not declare, is not "let through"', async () => {
      const findings = await credentialWithScope(scene, bearerAccessToken);
      assert.deepEqual(
        findings.map((f) => f.route),
        ['GET /v1/probe/throws', 'GET /v1/probe/teapot', 'POST /v1/probe/failing-lookup'],
      );
      assert.match(findings[0]!.why, /^failed: 500 /);
      assert.match(findings[1]!.why, /^answered 418, which it does not declare \(200, 401, 403\)$/);
    });

    test("a route that shows another tenant's resource with 200 is reported", async () => {
      const findings = await foreignResources(scene);
      assert.deepEqual(
        findings.map((f) => f.route),
        ['GET /v1/probe/leaky-users/:id'],
      );
      assert.match(findings[0]!.why, /^expected 404, got 200 /);
    });

    test('an id in a body: a leak (200 against 404), and a 500 for both, are both reported', async () => {
      const [mine, theirs] = [await newTenant(t()), await newTenant(t())];
      const theirUser = await newUser(t(), theirs);
      const ids = { theirs: { [theirUser.id]: '<id>' }, never: { [NEVER_USED_ID]: '<id>' } };
      const verdict = async (url: string) =>
        asNeverUsed(
          registeredRoute(t(), 'POST', url),
          await as(t(), mine, 'POST', url, { userId: theirUser.id }),
          await as(t(), mine, 'POST', url, { userId: NEVER_USED_ID }),
          ids,
        );
      assert.match((await verdict('/v1/probe/leaky-lookup'))!, /^differs from an id never used: 200 /);
      assert.match((await verdict('/v1/probe/failing-lookup'))!, /^for an id never used it failed: 500 /);
    });
  },
  { strictStatusCodes: false, extraRoutes: brokenRoutes },
);
