// The SDK against a real profiled over HTTP: signing in, typed calls, ETags, cursors, errors, tenants.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { idempotencyKey, ifMatch, ProfiledError, type Profiled } from '../../packages/sdk/src/index.js';
import { readOnlyScopes } from '../../src/auth/scopes.js';
import { forEachApp, unique } from '../support/app.js';
import { newTenant, newUser, type TenantRef } from '../support/fixtures.js';
import { adminSdk, countingFetch, newClientCredentials, sdkOf } from '../support/sdk.js';

const PASSWORD = 'Correct-Horse-42';

/** The ProfiledError a call throws (and fails when it does not throw one). */
async function refusal(call: Promise<unknown>): Promise<ProfiledError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ProfiledError, String(error));
    return error;
  }
  assert.fail('the call succeeded');
}

forEachApp('the SDK against a real server', (t) => {
  let admin: Profiled;
  let tenant: TenantRef;
  /** An SDK client signed in with an all-scopes OAuth client of `tenant`. */
  let writer: Profiled;

  before(async () => {
    admin = await adminSdk(t());
    tenant = await newTenant(t());
    writer = await sdkOf(t(), {
      credentials: await newClientCredentials(admin, tenant, ['profiles:read', 'profiles:write']),
    });
  });

  test('signs in with client credentials once and calls with the token', async () => {
    const counted = countingFetch();
    const credentials = await newClientCredentials(admin, tenant, ['profiles:read']);
    const sdk = await sdkOf(t(), { credentials, fetch: counted.fetch });
    const me = await sdk.get('/v1/whoami');
    assert.equal(me.data.kind, 'oauth_client');
    assert.equal(me.data.tenantId, tenant.id);
    assert.deepEqual(me.data.scopes, ['profiles:read']);
    await sdk.get('/v1/profiles');
    assert.equal(counted.count('/oauth2/token'), 1, 'one token for both calls');
  });

  test('signs in with a password: a session of the user, with the scopes asked for', async () => {
    const user = await newUser(t(), tenant);
    await admin.inTenant(tenant.code).put('/v1/users/{id}/password', {
      params: { path: { id: user.id } },
      body: { password: PASSWORD, scopes: ['profiles:read', 'users:read'] },
    });
    const counted = countingFetch();
    const sdk = await sdkOf(t(), {
      credentials: {
        tenant: tenant.code,
        username: user.username,
        password: PASSWORD,
        scopes: ['profiles:read'],
      },
      fetch: counted.fetch,
    });
    const me = await sdk.get('/v1/whoami');
    assert.deepEqual([me.data.kind, me.data.userId, me.data.scopes], ['session', user.id, ['profiles:read']]);
    await sdk.get('/v1/profiles');
    assert.equal(counted.count('/v1/sessions'), 1, 'one sign-in for both calls');
  });

  test('a wrong client secret or password is a ProfiledError 401 from the first call', async () => {
    const { clientId } = await newClientCredentials(admin, tenant, ['profiles:read']);
    const byClient = await sdkOf(t(), { credentials: { clientId, clientSecret: 'not-the-secret' } });
    const client = await refusal(byClient.get('/v1/whoami'));
    assert.deepEqual([client.status, client.code], [401, 'invalid_client']);
    assert.ok(client.detail !== '', 'the OAuth error description');
    const byPassword = await sdkOf(t(), {
      credentials: { tenant: tenant.code, username: 'nobody-at-all', password: PASSWORD },
    });
    const session = await refusal(byPassword.get('/v1/whoami'));
    assert.deepEqual([session.status, session.code], [401, 'auth.unauthenticated']);
  });

  test('creating with an Idempotency-Key twice answers the same profile and makes one', async () => {
    const name = unique('idempotent');
    const key = idempotencyKey();
    const first = await writer.post('/v1/profiles', { body: { name }, headers: key });
    const again = await writer.post('/v1/profiles', { body: { name }, headers: key });
    assert.equal(first.response.status, 201);
    assert.equal(again.data.id, first.data.id);
    assert.equal(again.response.headers.get('idempotent-replayed'), 'true');
    const found = await writer.get('/v1/profiles', {
      params: { query: { filter: `name eq "${name}"`, count: true } },
    });
    assert.equal(found.data.total, 1);
    assert.notEqual(idempotencyKey()['Idempotency-Key'], key['Idempotency-Key'], 'a new key each time');
  });

  test('list goes through every page of a cursor; pages() answers them one by one', async () => {
    const child = await newTenant(t(), tenant);
    const names = ['a', 'b', 'c', 'd', 'e'].map((letter) => `${letter}-${unique('listed')}`);
    for (const name of names) await admin.inTenant(child.code).post('/v1/profiles', { body: { name } });
    const counted = countingFetch();
    const reader = (
      await sdkOf(t(), {
        credentials: { token: await t().tokenFor(['profiles:read']) },
        fetch: counted.fetch,
      })
    ).inTenant(child.code);

    const seen: string[] = [];
    for await (const profile of reader.list('/v1/profiles', { limit: 2, sort: 'name' }))
      seen.push(profile.name);
    assert.deepEqual(seen, names);
    assert.equal(counted.count('/v1/profiles'), 3, 'pages of 2, 2 and 1');

    const sizes: number[] = [];
    for await (const page of reader.list('/v1/profiles', { limit: 2, sort: 'name' }).pages()) {
      sizes.push(page.items.length);
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    const all = await reader.list('/v1/profiles', { limit: 4, sort: '-name' }).all();
    assert.deepEqual(
      all.map((profile) => profile.name),
      [...names].reverse(),
    );
    // A list under a resource takes its path parameters.
    const assignments = admin
      .inTenant(child.code)
      .list('/v1/profiles/{id}/assignments', {}, { id: all[0]!.id });
    assert.deepEqual(await assignments.all(), []);
  });

  test('a write with If-Match of the current ETag succeeds; with a stale one it is a 412', async () => {
    const made = await writer.post('/v1/profiles', { body: { name: unique('etag') } });
    const read = await writer.get('/v1/profiles/{id}', { params: { path: { id: made.data.id } } });
    assert.ok(read.etag, 'a single resource answers its ETag');
    const patched = await writer.patch('/v1/profiles/{id}', {
      params: { path: { id: made.data.id } },
      body: { description: 'first' },
      headers: ifMatch(read.etag),
    });
    assert.equal(patched.data.description, 'first');
    assert.notEqual(patched.etag, read.etag);

    const stale = await refusal(
      writer.patch('/v1/profiles/{id}', {
        params: { path: { id: made.data.id } },
        body: { description: 'second' },
        headers: ifMatch(read.etag),
      }),
    );
    assert.deepEqual([stale.status, stale.code, stale.isConflict], [412, 'precondition.failed', true]);
    const now = await writer.get('/v1/profiles/{id}', { params: { path: { id: made.data.id } } });
    assert.deepEqual([now.data.description, now.etag], ['first', patched.etag]);
  });

  test('errors are ProfiledErrors with the status, code, field errors and request id', async () => {
    const requestIds: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      requestIds.push(response.headers.get('x-request-id') ?? '');
      return response;
    };
    const sdk = await sdkOf(t(), {
      credentials: { token: await t().tokenFor(['profiles:read', 'profiles:write']) },
      fetch: recording,
      tenant: tenant.code,
    });

    const invalid = await refusal(
      sdk.post('/v1/profiles', {
        body: {
          name: unique('invalid'),
          capabilities: [{ capability: 'Teleportation', accessLevel: 'Write', viewLevel: 'Simple' }],
        },
      }),
    );
    assert.deepEqual([invalid.status, invalid.code], [400, 'validation.failed']);
    assert.deepEqual(invalid.errors, [
      { pointer: '/capabilities/0/capability', detail: 'unknown capability "Teleportation"' },
    ]);
    assert.equal(invalid.requestId, requestIds.at(-1));
    assert.ok(invalid.requestId);
    assert.ok(invalid.message !== '');

    const missing = await refusal(sdk.get('/v1/profiles/{id}', { params: { path: { id: randomUUID() } } }));
    assert.deepEqual([missing.status, missing.code], [404, 'profile.not_found']);
    assert.equal(missing.requestId, requestIds.at(-1));

    const readOnly = await sdkOf(t(), { credentials: { token: await t().tokenFor(readOnlyScopes) } });
    const denied = await refusal(readOnly.post('/v1/profiles', { body: { name: unique('denied') } }));
    assert.deepEqual([denied.status, denied.code], [403, 'auth.scope_missing']);
  });

  test("inTenant acts in a child tenant; a tenant out of the credential's reach is not found", async () => {
    const child = await newTenant(t(), tenant);
    const sibling = await newTenant(t());
    const made = await writer.inTenant(child.code).post('/v1/profiles', { body: { name: unique('child') } });
    assert.equal(made.data.tenantId, child.id);
    const inChild = writer.inTenant(child.code);
    assert.equal(inChild.tenant, child.code);
    const listed = await inChild.list('/v1/profiles').all();
    assert.deepEqual(
      listed.map((profile) => profile.id),
      [made.data.id],
    );

    const outside = await refusal(writer.inTenant(sibling.code).get('/v1/profiles'));
    assert.deepEqual([outside.status, outside.code], [404, 'tenant.not_found']);
  });
});
