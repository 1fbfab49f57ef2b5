import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../support/app.js';
import { as, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

forEachApp('bad input is a clear 4xx and writes nothing', (t) => {
  const countOf = async (tenant: TenantRef, path: string) =>
    (await as(t(), tenant, 'GET', `${path}?count=true&limit=1`)).json().total as number;

  test('an unknown field is refused, naming the field', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'POST', '/v1/users', { username: unique('u'), favouriteColour: 'red' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const body = res.json();
    assert.equal(body.code, 'validation.failed');
    assert.ok(body.requestId);
    assert.deepEqual(body.errors, [
      { pointer: '/favouriteColour', detail: 'unknown field "favouriteColour"' },
    ]);
    assert.equal(await countOf(tenant, '/v1/users'), 0);
  });

  test('a wrong type is refused: JSON strings are not coerced to booleans', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'POST', '/v1/users', { username: unique('u'), enabled: 'true' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].pointer, '/enabled');
    assert.equal(await countOf(tenant, '/v1/users'), 0);
  });

  test('malformed JSON is a 400', async () => {
    const tenant = await newTenant(t());
    const res = await t().request({
      method: 'POST',
      url: '/v1/users',
      headers: { 'target-tenant': tenant.code, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'request.malformed');
  });

  test('a body over the limit is a 413', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'POST', '/v1/users', { username: 'x'.repeat(100_000) });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'request.too_large');
  });

  test('an unknown capability in a profile names its position and writes nothing', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'POST', '/v1/profiles', {
      name: unique('p'),
      capabilities: [
        { capability: 'Security', accessLevel: 'Read', viewLevel: 'Simple' },
        { capability: 'Teleportation', accessLevel: 'Write', viewLevel: 'Simple' },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().errors, [
      { pointer: '/capabilities/1/capability', detail: 'unknown capability "Teleportation"' },
    ]);
    assert.equal(await countOf(tenant, '/v1/profiles'), 0);
  });

  test('a permission variable both system-defined and prompted is refused', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'POST', '/v1/profiles', {
      name: unique('p'),
      permissions: [
        {
          permissionId: 'p1',
          name: 'P',
          variables: [{ name: 'v', isSystemDefined: true, promptAtCheckout: true }],
        },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].pointer, '/permissions/0/variables/0');
  });

  test('an assignment that ends before it starts is refused', async () => {
    const tenant = await newTenant(t());
    const [user, profile] = [await newUser(t(), tenant), await newProfile(t(), tenant)];
    const res = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      validFrom: '2026-02-01T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'assignment.invalid_window');
    assert.equal(await countOf(tenant, '/v1/assignments'), 0);
  });

  test('an assignment to an unknown user or profile is a 404 that says which', async () => {
    const tenant = await newTenant(t());
    const profile = await newProfile(t(), tenant);
    const res = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: '0190b7e4-0000-7000-8000-000000000000',
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'user.not_found');
    assert.equal(await countOf(tenant, '/v1/assignments'), 0);
  });

  test('a malformed filter is a 400 that names the position', async () => {
    const tenant = await newTenant(t());
    const res = await as(
      t(),
      tenant,
      'GET',
      `/v1/users?filter=${encodeURIComponent('username eq "a" and (')}`,
    );
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'query.invalid_filter');
    assert.match(res.json().detail, /position \d+/);
  });

  test('an unknown sort field and a forged cursor are 400s', async () => {
    const tenant = await newTenant(t());
    assert.equal((await as(t(), tenant, 'GET', '/v1/users?sort=shoeSize')).json().code, 'query.invalid_sort');
    assert.equal(
      (await as(t(), tenant, 'GET', '/v1/users?cursor=bm9wZQ')).json().code,
      'query.invalid_cursor',
    );
  });

  test('a limit over the cap is a 400', async () => {
    const tenant = await newTenant(t());
    const res = await as(t(), tenant, 'GET', '/v1/users?limit=100000');
    assert.equal(res.statusCode, 400);
  });

  test('an unknown route is a problem+json 404', async () => {
    const res = await t().request({ method: 'GET', url: '/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'route.not_found');
  });
});

forEachApp('an empty JSON body', (t) => {
  test('is no body: a DELETE that sends Content-Type: application/json without one succeeds', async () => {
    const made = await t().request({
      method: 'POST',
      url: '/v1/groups',
      payload: { name: `empty-${Date.now()}` },
    });
    assert.equal(made.statusCode, 201, made.body);
    const removed = await t().request({
      method: 'DELETE',
      url: `/v1/groups/${made.json().id}`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    assert.equal(removed.statusCode, 204, removed.body);
  });

  test('a route that needs a body still refuses it, and malformed JSON is still a 400', async () => {
    for (const payload of ['', '{"name":', '{"name":"x","__proto__":{"admin":true}}']) {
      const refused = await t().request({
        method: 'POST',
        url: '/v1/groups',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      assert.equal(refused.statusCode, 400, `${JSON.stringify(payload)}: ${refused.body}`);
    }
  });
});
