import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readiness } from '../../src/core/services/health.service.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';
import { forEachApp, testAppOptions, testAuthSettings } from '../support/app.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';

forEachApp('operations', (t) => {
  test('healthz answers while the process is up', async () => {
    const res = await t().request({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('readyz reports a reachable database with current migrations', async () => {
    const res = await t().request({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ready: true, database: 'reachable', pendingMigrations: [] });
  });

  test('every answer carries a request id; a well-formed incoming one is kept', async () => {
    const res = await t().request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    const fresh = await t().request({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    assert.notEqual(fresh.headers['x-request-id'], 'bad id with spaces');
  });

  test('the docs page and the OpenAPI document are served', async () => {
    const docs = await t().request({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
    const spec = await t().request({ method: 'GET', url: '/openapi.json' });
    assert.equal(spec.json().openapi, '3.1.0');
  });

  test('the capability catalog lists the seeded capabilities', async () => {
    const res = await t().request({ method: 'GET', url: '/v1/capabilities?limit=200' });
    const names = res.json().items.map((c: { name: string }) => c.name);
    for (const name of ['Security', 'TenantManagement', 'UserManagement', 'Data', 'Model'])
      assert.ok(names.includes(name));
    assert.equal(
      (await t().request({ method: 'GET', url: '/v1/capabilities/Security' })).json().displayName,
      'Security',
    );
  });
});

test('a route that names neither a scope nor public stops the app from starting, whatever its path', async () => {
  const database = openDatabase({ url: 'sqlite::memory:' });
  const app = await buildApp(testAppOptions(database.db, testAuthSettings(database.db)));
  assert.throws(
    () => app.get('/api/v1/Profiles', async () => ({})),
    /GET \/api\/v1\/Profiles declares neither a scope nor public/,
  );
  await app.close();
  await database.close();
});

for (const kind of testDatabaseKinds()) {
  test(`readiness reports a database that does not answer as unreachable [${kind}]`, async () => {
    const database = await openTestDatabase(kind);
    await database.close();
    assert.deepEqual(await readiness({ db: database.db, now: Date.now, actor: 'test' }), {
      ready: false,
      database: 'unreachable',
      pendingMigrations: [],
    });
  });
}
