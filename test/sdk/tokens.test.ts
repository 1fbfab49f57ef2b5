// The SDK's tokens against a real profiled: renewed when the server refuses them or when they near
// their expiry, one token request however many calls wait for it, never renewed when given as is.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createProfiled, ProfiledError, type Profiled } from '../../packages/sdk/src/index.js';
import { forEachApp, unique } from '../support/app.js';
import { newTenant, newUser, type TenantRef } from '../support/fixtures.js';
import { adminSdk, baseUrlOf, countingFetch, newClientCredentials, sdkOf } from '../support/sdk.js';

const PASSWORD = 'Correct-Horse-42';
/** The test app's access tokens live 600 s (test/support/app.ts). */
const TOKEN_LIFETIME_MS = 600_000;

/** The server's clock runs this far ahead of the real one: tokens it issued expire for it. */
let serverSkew = 0;

/** Runs `body` with the server's clock moved past the lifetime of every token issued so far. */
async function afterTokensExpire(body: () => Promise<void>): Promise<void> {
  serverSkew = TOKEN_LIFETIME_MS + 1000;
  try {
    await body();
  } finally {
    serverSkew = 0;
  }
}

forEachApp(
  'the SDK keeps its token',
  (t) => {
    let admin: Profiled;
    let tenant: TenantRef;
    let credentials: { clientId: string; clientSecret: string };

    before(async () => {
      admin = await adminSdk(t());
      tenant = await newTenant(t());
      credentials = await newClientCredentials(admin, tenant, ['profiles:read', 'profiles:write']);
    });

    test('a token the server refuses (401) is renewed once and the call answers', async () => {
      const counted = countingFetch();
      const sdk = await sdkOf(t(), { credentials, fetch: counted.fetch });
      const before = await sdk.get('/v1/whoami');
      await afterTokensExpire(async () => {
        const name = unique('after-renewal');
        // A write with a body: sent a second time after the renewal, and made once.
        const made = await sdk.post('/v1/profiles', { body: { name } });
        assert.equal(made.data.name, name);
        assert.equal(counted.count('/oauth2/token'), 2, 'one renewal');
        assert.equal(counted.count('/v1/profiles'), 2, 'refused once, then sent again');
        const found = await sdk.get('/v1/profiles', {
          params: { query: { filter: `name eq "${name}"`, count: true } },
        });
        assert.equal(found.data.total, 1);
        assert.equal(counted.count('/oauth2/token'), 2, 'the new token serves the next calls');
      });
      const after = await sdk.get('/v1/whoami');
      assert.equal(after.data.credentialId, before.data.credentialId, 'the same client');
    });

    test('a revoked session is opened again by signing in once more', async () => {
      const user = await newUser(t(), tenant);
      await admin.inTenant(tenant.code).put('/v1/users/{id}/password', {
        params: { path: { id: user.id } },
        body: { password: PASSWORD, scopes: ['profiles:read'] },
      });
      const counted = countingFetch();
      const sdk = await sdkOf(t(), {
        credentials: { tenant: tenant.code, username: user.username, password: PASSWORD },
        fetch: counted.fetch,
      });
      const first = await sdk.get('/v1/whoami');
      await sdk.delete('/v1/sessions/current');
      const second = await sdk.get('/v1/whoami');
      assert.equal(second.data.userId, user.id);
      assert.notEqual(second.data.credentialId, first.data.credentialId, 'a new session');
      assert.equal(counted.count('/v1/sessions'), 2, 'signed in twice');
      assert.equal(counted.count('/v1/whoami'), 3, 'the call after sign-out was refused once');
    });

    test('a token given as it is is never renewed: a 401 is thrown as it came', async () => {
      const counted = countingFetch();
      const sdk = await sdkOf(t(), {
        credentials: { token: await t().tokenFor(['profiles:read']) },
        fetch: counted.fetch,
      });
      await sdk.get('/v1/whoami');
      await afterTokensExpire(async () => {
        const refused = await sdk.get('/v1/whoami').then(
          () => assert.fail('the expired token was accepted'),
          (error: unknown) => error,
        );
        assert.ok(refused instanceof ProfiledError);
        assert.deepEqual([refused.status, refused.code], [401, 'auth.unauthenticated']);
      });
      assert.equal(counted.count('/v1/whoami'), 2, 'no second attempt');
      assert.equal(counted.count('/oauth2/token'), 0);
    });

    test('a token within the leeway of its expiry is renewed before the next call', async () => {
      let clock = Date.now();
      const counted = countingFetch();
      const sdk = await sdkOf(t(), {
        credentials,
        fetch: counted.fetch,
        now: () => clock,
        refreshLeewayMs: 60_000,
      });
      await sdk.get('/v1/whoami');
      clock += TOKEN_LIFETIME_MS - 120_000;
      await sdk.get('/v1/whoami');
      assert.equal(counted.count('/oauth2/token'), 1, 'two minutes left: kept');
      clock += 90_000;
      await sdk.get('/v1/whoami');
      assert.equal(counted.count('/oauth2/token'), 2, 'thirty seconds left: renewed');
      assert.equal(counted.count('/v1/whoami'), 3, 'no call was refused');
    });

    test('calls made at once share one token request, and one renewal', async () => {
      const counted = countingFetch();
      const sdk = await sdkOf(t(), { credentials, fetch: counted.fetch });
      const calls = () => Promise.all([1, 2, 3, 4, 5].map(() => sdk.get('/v1/whoami')));
      const first = await calls();
      assert.equal(new Set(first.map((answer) => answer.data.credentialId)).size, 1);
      assert.equal(counted.count('/oauth2/token'), 1);
      await afterTokensExpire(async () => {
        await calls();
        assert.equal(counted.count('/oauth2/token'), 2, 'five refusals, one renewal');
      });
    });

    test('behind a path prefix, sign-in and calls go under the prefix', async () => {
      const origin = await baseUrlOf(t());
      const paths: string[] = [];
      // A reverse proxy serving profiled under /profiled, and nothing else.
      const proxy: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        paths.push(url.pathname);
        if (!url.pathname.startsWith('/profiled/')) return new Response('not here', { status: 404 });
        return fetch(new Request(`${origin}${url.pathname.slice('/profiled'.length)}${url.search}`, request));
      };
      const proxied = createProfiled({
        baseUrl: `${origin}/profiled/`,
        credentials,
        fetch: proxy,
      });
      const me = await proxied.get('/v1/whoami');
      assert.equal(me.data.tenantId, tenant.id);
      assert.deepEqual(paths, ['/profiled/oauth2/token', '/profiled/v1/whoami']);
    });
  },
  { now: () => Date.now() + serverSkew },
);
