import assert from 'node:assert/strict';
import { test } from 'node:test';
import { credentialKinds } from '../../src/http/schemas/credentials.js';
import { forEachApp, type Answer, type TestApp } from '../support/app.js';
import { signatureHeaders } from '../support/credentials.js';
import { as, newTenant, newUser } from '../support/fixtures.js';

const MINUTE = 60_000;

/** Everything the database holds about credentials and what is replayed from it, as text. */
async function storedText(t: TestApp): Promise<string> {
  const db = t.database.db;
  const rows = [
    ...(await db.selectFrom('credentials').selectAll().execute()),
    ...(await db.selectFrom('idempotency_keys').selectAll().execute()),
    ...(await db.selectFrom('audit_events').selectAll().execute()),
  ];
  return JSON.stringify(rows);
}

const whoami = (t: TestApp, headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/v1/whoami', headers }) as Promise<Answer>;

forEachApp('credentials: OAuth clients, API keys, HMAC access keys', (t) => {
  for (const spec of credentialKinds) {
    test(`${spec.noun}: the secret is in the creating answer only, and stored only hashed or sealed`, async () => {
      const tenant = await newTenant(t());
      const created = await as(
        t(),
        tenant,
        'POST',
        spec.path,
        { name: 'job', scopes: ['profiles:read'] },
        { 'idempotency-key': `create-${spec.kind}` },
      );
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.headers['cache-control'], 'no-store');
      const { id, [spec.secretField]: secret, [spec.publicField]: publicId } = created.json();
      assert.ok(typeof secret === 'string' && secret.length >= 32);
      assert.ok(typeof publicId === 'string' && publicId !== '');
      assert.equal(created.headers.location, `${spec.path}/${id}`);

      const answers = [
        await as(t(), tenant, 'GET', `${spec.path}/${id}`),
        await as(t(), tenant, 'GET', spec.path),
        await as(t(), tenant, 'PATCH', `${spec.path}/${id}`, { name: 'renamed' }),
        await as(t(), tenant, 'DELETE', `${spec.path}/${id}`),
        await as(t(), tenant, 'GET', `/v1/audit-events?filter=${encodeURIComponent(`targetId eq "${id}"`)}`),
      ];
      for (const answer of answers) {
        assert.equal(answer.statusCode, 200, answer.body);
        assert.ok(!answer.body.includes(secret), `the secret is shown again: ${answer.body}`);
      }
      assert.ok(answers[1]!.body.includes(publicId), 'lists show the public half');
      assert.ok(!(await storedText(t())).includes(secret), 'the secret is stored in the clear');
    });
  }

  test('an API key works as X-API-Key and as a bearer token, records its use, and stops at once when revoked', async () => {
    const tenant = await newTenant(t());
    const created = await as(t(), tenant, 'POST', '/v1/api-keys', { name: 'job', scopes: ['profiles:read'] });
    const { id, key, prefix } = created.json();
    assert.match(key, new RegExp(`^pk_${prefix}_`));
    const byHeader = await whoami(t(), { 'x-api-key': key });
    assert.equal(byHeader.statusCode, 200, byHeader.body);
    assert.equal(byHeader.json().kind, 'api_key');
    assert.equal(byHeader.json().tenantId, tenant.id);
    assert.equal((await whoami(t(), { authorization: `Bearer ${key}` })).statusCode, 200);

    let used: string | null = null;
    for (let i = 0; i < 50 && used === null; i += 1) {
      // The last use is written beside the request, not in its way: wait until it lands.
      used = (await as(t(), tenant, 'GET', `/v1/api-keys/${id}`)).json().lastUsedAt;
      if (used === null) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(used !== null, 'lastUsedAt is recorded');

    const revoked = await as(t(), tenant, 'DELETE', `/v1/api-keys/${id}`);
    assert.ok(revoked.json().revokedAt !== null);
    assert.equal((await whoami(t(), { 'x-api-key': key })).statusCode, 401);
    const listed = await as(t(), tenant, 'GET', '/v1/api-keys');
    assert.equal(listed.json().items[0].id, id, 'a revoked key stays listed');
    assert.equal(listed.json().items[0].revokedAt, revoked.json().revokedAt);
  });

  test('HMAC: a good signature passes; a bad, stale, future or replayed-elsewhere one is 401', async () => {
    const tenant = await newTenant(t());
    const created = await as(t(), tenant, 'POST', '/v1/access-keys', { name: 'job', scopes: ['users:read'] });
    const key = { publicId: created.json().accessKey, secret: created.json().secretKey };
    const url = '/v1/users?limit=5&sort=username';
    const get = (headers: Record<string, string>, path = url) =>
      t().app.inject({ method: 'GET', url: path, headers });

    assert.equal((await get(signatureHeaders(key, { method: 'GET', url }))).statusCode, 200);
    const refused = {
      'wrong secret': signatureHeaders({ ...key, secret: 'not-the-secret' }, { method: 'GET', url }),
      'stale timestamp': signatureHeaders(key, { method: 'GET', url }, Date.now() - 6 * MINUTE),
      'future timestamp': signatureHeaders(key, { method: 'GET', url }, Date.now() + 6 * MINUTE),
      'signed for another query': signatureHeaders(key, { method: 'GET', url: '/v1/users?limit=5' }),
      'signed for another method': signatureHeaders(key, { method: 'DELETE', url }),
      'no signature': { ...signatureHeaders(key, { method: 'GET', url }), 'x-profiled-signature': '' },
      'no timestamp': { ...signatureHeaders(key, { method: 'GET', url }), 'x-profiled-timestamp': '' },
    };
    for (const [why, headers] of Object.entries(refused)) {
      const res = await get(headers);
      assert.equal(res.statusCode, 401, `${why}: ${res.body}`);
    }
    assert.equal(
      (await get(signatureHeaders(key, { method: 'GET', url }, Date.now() - 4 * MINUTE))).statusCode,
      200,
      'within 5 minutes of the clock',
    );
  });

  test('a credential never grants more than its creator holds', async () => {
    const tenant = await newTenant(t());
    const creator = await as(t(), tenant, 'POST', '/v1/api-keys', {
      name: 'creator',
      scopes: ['credentials:write', 'credentials:read', 'profiles:read'],
    });
    const headers = { 'x-api-key': creator.json().key };
    const wider = await t().app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers,
      payload: { name: 'wider', scopes: ['profiles:write'] },
    });
    assert.equal(wider.statusCode, 403, wider.body);
    assert.equal(wider.json().code, 'auth.scope_not_held');
    assert.match(wider.json().detail, /profiles:write/);
    const narrower = await t().app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers,
      payload: { name: 'narrower', scopes: ['profiles:read'] },
    });
    assert.equal(narrower.statusCode, 201, narrower.body);
    const widen = await t().app.inject({
      method: 'PATCH',
      url: `/v1/api-keys/${narrower.json().id}`,
      headers,
      payload: { scopes: ['profiles:read', 'tenants:write'] },
    });
    assert.equal(widen.json().code, 'auth.scope_not_held');
  });

  test("a credential cannot act as another tenant's user: 404 like a user that does not exist", async () => {
    const [mine, theirs] = [await newTenant(t()), await newTenant(t())];
    const victim = await newUser(t(), theirs);
    const res = await as(t(), mine, 'POST', '/v1/api-keys', { name: 'x', userId: victim.id });
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.json().code, 'user.not_found');
    const own = await newUser(t(), mine);
    const acting = await as(t(), mine, 'POST', '/v1/api-keys', { name: 'x', userId: own.id });
    assert.equal((await whoami(t(), { 'x-api-key': acting.json().key })).json().userId, own.id);
  });
});
