import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { verifyAccessToken } from '../../src/auth/access-token.js';
import type { AuthSettings } from '../../src/auth/auth-settings.js';
import { ensureClient, ensureRootTenant } from '../../src/auth/bootstrap.js';
import { allScopes, readOnlyScopes } from '../../src/auth/scopes.js';
import { rotateKeysCommand } from '../../src/cli/credentials.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import {
  forEachApp,
  testAppOptions,
  testAuthSettings,
  testIssuer,
  type Answer,
  type TestApp,
} from '../support/app.js';
import { mint, mintAccessToken } from '../support/credentials.js';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

const tokenRequest = (t: TestApp, payload: object | string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/oauth2/token', payload, headers }) as Promise<Answer>;

/** A new OAuth client through the API; answers its id and its secret (shown this once). */
async function newClient(
  t: TestApp,
  scopes: string[],
): Promise<{ id: string; clientId: string; secret: string }> {
  const res = await t.request({ method: 'POST', url: '/v1/oauth-clients', payload: { name: 'app', scopes } });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id, clientId: res.json().clientId, secret: res.json().clientSecret };
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const TTL_MS = 600_000;

const whoami = (t: TestApp, token: string) =>
  t.app.inject({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });

function assertOAuthError(res: Answer, status: number, error: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error, error);
  assert.equal(typeof res.json().error_description, 'string');
  assert.equal(res.headers['cache-control'], 'no-store');
  if (status === 401) assert.match(String(res.headers['www-authenticate']), /^Basic /);
}

forEachApp('OAuth clients, access tokens and signing keys', (t) => {
  let client: { id: string; clientId: string; secret: string };
  const allowed = ['profiles:read', 'users:read'];

  test('client credentials by HTTP Basic or form fields answer a signed ES256 token for 600 s', async () => {
    client = await newClient(t(), allowed);
    const byBasic = await tokenRequest(t(), 'grant_type=client_credentials', {
      authorization: basic(client.clientId, client.secret),
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(byBasic.statusCode, 200, byBasic.body);
    const body = byBasic.json();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 600);
    assert.equal(body.scope, allowed.join(' '), 'no scope requested: every allowed one');
    assert.equal(byBasic.headers['cache-control'], 'no-store');

    const header = decodeProtectedHeader(body.access_token);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'at+jwt');
    const jwks = await t().app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    assert.ok(jwks.json().keys.some((k: { kid: string }) => k.kid === header.kid));
    assert.ok(
      jwks.json().keys.every((k: object) => !('d' in k)),
      'the JWKS holds no private key',
    );
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(jwks.json()), {
      issuer: testIssuer,
      audience: testIssuer,
    });
    assert.equal(payload.sub, client.clientId);
    assert.equal(payload.exp! - payload.iat!, 600);

    const byForm = await tokenRequest(t(), {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.secret,
    });
    assert.equal(byForm.statusCode, 200, byForm.body);
    assert.equal(
      (await whoami(t(), byForm.json().access_token)).json().principal,
      `client:${client.clientId}`,
    );
  });

  test('granted scopes are the requested ones the client is allowed', async () => {
    const res = await tokenRequest(t(), {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.secret,
      scope: 'profiles:read tenants:write',
    });
    assert.equal(res.json().scope, 'profiles:read');
    const token = res.json().access_token;
    assert.deepEqual((await whoami(t(), token)).json().scopes, ['profiles:read']);
    const users = await t().app.inject({
      method: 'GET',
      url: '/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(users.statusCode, 403, 'users:read is allowed to the client but was not requested');
  });

  test('RFC 6749 errors: invalid_client (401, WWW-Authenticate), unsupported_grant_type, invalid_scope, invalid_request', async () => {
    const grant = { grant_type: 'client_credentials' };
    const wrong = await tokenRequest(t(), { ...grant, client_id: client.clientId, client_secret: 'wrong' });
    assertOAuthError(wrong, 401, 'invalid_client');
    const unknown = await tokenRequest(t(), {
      ...grant,
      client_id: 'no-such-client',
      client_secret: 'wrong',
    });
    assertOAuthError(unknown, 401, 'invalid_client');
    assert.equal(unknown.body, wrong.body, 'an unknown client and a wrong secret answer alike');
    assertOAuthError(await tokenRequest(t(), grant), 401, 'invalid_client');
    const badEncoding = await tokenRequest(t(), 'grant_type=client_credentials', {
      authorization: `Basic ${Buffer.from('a%zz:b').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    });
    assertOAuthError(badEncoding, 401, 'invalid_client');

    const password = { grant_type: 'password', client_id: client.clientId, client_secret: client.secret };
    assertOAuthError(await tokenRequest(t(), password), 400, 'unsupported_grant_type');
    const notAllowed = {
      ...grant,
      client_id: client.clientId,
      client_secret: client.secret,
      scope: 'tenants:write',
    };
    assertOAuthError(await tokenRequest(t(), notAllowed), 400, 'invalid_scope');

    const twoMethods = await tokenRequest(
      t(),
      { ...grant, client_id: client.clientId, client_secret: client.secret },
      { authorization: basic(client.clientId, client.secret) },
    );
    assertOAuthError(twoMethods, 400, 'invalid_request');
    assertOAuthError(await tokenRequest(t(), { client_id: client.clientId }), 400, 'invalid_request');
    const noBody = await t().app.inject({ method: 'POST', url: '/oauth2/token' });
    assertOAuthError(noBody, 400, 'invalid_request');
    const text = await tokenRequest(t(), 'grant_type=client_credentials', { 'content-type': 'text/plain' });
    assertOAuthError(text, 400, 'invalid_request');
  });

  test('narrowing a client narrows its live tokens; revoking it rejects them at once', async () => {
    const own = await newClient(t(), allowed);
    const res = await tokenRequest(t(), {
      grant_type: 'client_credentials',
      client_id: own.clientId,
      client_secret: own.secret,
    });
    const token = res.json().access_token;
    const narrowed = await t().request({
      method: 'PATCH',
      url: `/v1/oauth-clients/${own.id}`,
      payload: { scopes: ['users:read'] },
    });
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    assert.deepEqual((await whoami(t(), token)).json().scopes, ['users:read']);
    assert.equal(
      (await t().request({ method: 'DELETE', url: `/v1/oauth-clients/${own.id}` })).statusCode,
      200,
    );
    const after = await whoami(t(), token);
    assert.equal(after.statusCode, 401);
    assert.match(String(after.headers['www-authenticate']), /invalid_token/);
    const again = { grant_type: 'client_credentials', client_id: own.clientId, client_secret: own.secret };
    assertOAuthError(await tokenRequest(t(), again), 401, 'invalid_client');
  });

  test('a token expires after its lifetime and one from another issuer is refused', async () => {
    const res = await tokenRequest(t(), {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.secret,
    });
    const token: string = res.json().access_token;
    const { exp } = decodeJwt(token);
    const keys = t().auth.keys;
    assert.ok(await verifyAccessToken(keys, testIssuer, token, exp! * 1000 - 1));
    assert.equal(await verifyAccessToken(keys, testIssuer, token, exp! * 1000), undefined);
    assert.equal(await verifyAccessToken(keys, 'http://elsewhere.test', token, Date.now()), undefined);
  });

  test('discovery names the issuer, the token endpoint, the JWKS and what is supported', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.issuer, testIssuer);
    assert.equal(doc.token_endpoint, `${testIssuer}/oauth2/token`);
    assert.equal(doc.jwks_uri, `${testIssuer}/.well-known/jwks.json`);
    assert.deepEqual(doc.grant_types_supported, ['client_credentials']);
    assert.ok(doc.scopes_supported.includes('profiles:read'));
  });

  describe('signing keys shared by processes over one database', () => {
    /** A second process: its own connections (PostgreSQL), its own key caches, the same master key. */
    let secondDatabase: Database | undefined;
    let secondAuth: AuthSettings;
    let secondApp: FastifyInstance;
    let signer: { id: string; publicId: string };

    const authOfAnotherProcess = (now: () => number = Date.now) =>
      testAuthSettings(secondDatabase?.db ?? t().database.db, now, t().masterKey);
    const whoamiOn = (app: FastifyInstance, token: string) =>
      app.inject({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });
    const tokenFrom = (auth: AuthSettings, issuedAt = Date.now()) =>
      mintAccessToken(auth, signer, t().root, allScopes, issuedAt);

    before(async () => {
      if (t().database.kind === 'postgres') {
        secondDatabase = openDatabase({ url: t().database.url, poolSize: 2 });
      }
      secondAuth = authOfAnotherProcess();
      secondApp = await buildApp(testAppOptions(secondDatabase?.db ?? t().database.db, secondAuth));
      const made = await mint(t(), 'oauth_client', { scopes: allScopes, tenant: t().root });
      signer = { id: made.id, publicId: made.publicId };
      t().defer(async () => {
        await secondApp.close();
        await secondDatabase?.close();
      });
    });

    test("each process verifies the other's tokens, signed with the one key they share", async () => {
      const fromFirst = await tokenFrom(t().auth);
      const fromSecond = await tokenFrom(secondAuth);
      assert.equal(kidOf(fromFirst), kidOf(fromSecond), 'both processes sign with the key in the database');
      assert.equal((await whoamiOn(secondApp, fromFirst)).statusCode, 200);
      assert.equal((await whoamiOn(t().app, fromSecond)).statusCode, 200);
    });

    test('after a rotation the previous key verifies its tokens until they have expired', async () => {
      const old = await tokenFrom(t().auth);
      if (t().database.kind === 'postgres') {
        // The real command, over its own connections, as an operator runs it.
        const saved = { ...process.env };
        Object.assign(process.env, {
          DATABASE_URL: t().database.url,
          MASTER_KEY: t().masterKey.toString('hex'),
        });
        try {
          await rotateKeysCommand();
        } finally {
          process.env = saved;
        }
      } else {
        await authOfAnotherProcess().keys.rotate();
      }
      const fresh = await tokenFrom(authOfAnotherProcess());
      assert.notEqual(kidOf(fresh), kidOf(old), 'a process that reads the keys now signs with the new one');
      for (const app of [t().app, secondApp]) {
        assert.equal((await whoamiOn(app, old)).statusCode, 200, 'the old key still verifies');
        assert.equal((await whoamiOn(app, fresh)).statusCode, 200, 'the new key verifies everywhere');
      }
      const jwks = await t().app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
      const kids = jwks.json().keys.map((k: { kid: string }) => k.kid);
      assert.ok(kids.includes(kidOf(old)) && kids.includes(kidOf(fresh)), kids.join());

      const later = authOfAnotherProcess(() => Date.now() + TTL_MS + 60_000);
      assert.deepEqual(
        (await later.keys.jwks()).keys.map((k) => k.kid),
        [kidOf(fresh)],
        'once its tokens have expired the old key is no longer published',
      );
    });

    test('a token signed with the old key by a process that has not yet seen the rotation lives its whole life', async () => {
      let clock = Date.now();
      const stale = authOfAnotherProcess(() => clock);
      const before = await tokenFrom(stale, clock);
      await authOfAnotherProcess(() => clock).keys.rotate();
      clock += 20_000; // less than the 30 s a process signs with the key it read before looking again
      const late = await tokenFrom(stale, clock);
      assert.equal(kidOf(late), kidOf(before), 'the stale process still signs with the retired key');
      const justBeforeExpiry = clock + TTL_MS - 1000;
      const verifier = authOfAnotherProcess(() => justBeforeExpiry);
      assert.ok(await verifyAccessToken(verifier.keys, testIssuer, late, justBeforeExpiry));
    });
  });

  describe('bootstrap: the root tenant and configured clients', () => {
    test('an installation that has a root tenant keeps it', async () => {
      assert.deepEqual(await ensureRootTenant(t().ctx), t().root);
      assert.deepEqual(await ensureRootTenant(t().ctx), t().root);
    });

    test('a configured client is created once, then brought up to date; the read-only one cannot write', async () => {
      const id = 'bootstrap-admin';
      const first = {
        clientId: id,
        clientSecret: 'first-secret-0123456789',
        name: 'admin',
        scopes: readOnlyScopes,
      };
      const ensure = (client: typeof first) => ensureClient(t().ctx, t().auth, t().root, client);
      const token = (secret: string) =>
        t().app.inject({
          method: 'POST',
          url: '/oauth2/token',
          payload: { grant_type: 'client_credentials', client_id: id, client_secret: secret },
        });

      assert.equal(await ensure(first), 'created');
      assert.equal(await ensure(first), 'unchanged', 'a second start changes nothing');
      const readOnly = await token(first.clientSecret);
      assert.equal(readOnly.statusCode, 200, readOnly.body);
      const bearer = { authorization: `Bearer ${readOnly.json().access_token}` };
      assert.equal(
        (await t().app.inject({ method: 'GET', url: '/v1/tenants', headers: bearer })).statusCode,
        200,
      );
      const write = await t().app.inject({
        method: 'POST',
        url: '/v1/tenants',
        headers: bearer,
        payload: { code: 'NOPE', name: 'nope' },
      });
      assert.equal(write.statusCode, 403);

      const second = { ...first, clientSecret: 'second-secret-0123456789', scopes: allScopes };
      assert.equal(await ensure(second), 'updated');
      assert.equal((await token(first.clientSecret)).statusCode, 401, 'the old secret no longer works');
      const admin = await token(second.clientSecret);
      assert.equal(admin.json().scope, allScopes.join(' '));
      const listed = await t().request({
        method: 'GET',
        url: `/v1/oauth-clients?count=true&filter=${encodeURIComponent('name eq "admin"')}`,
      });
      assert.equal(listed.json().total, 1, 'one client, not one per start');
      const clientId = listed.json().items[0].id;
      const events = await t().request({
        method: 'GET',
        url: `/v1/audit-events?sort=id&filter=${encodeURIComponent(`targetId eq "${clientId}"`)}`,
      });
      assert.deepEqual(
        events.json().items.map((e: { action: string }) => e.action),
        ['credential.create', 'credential.update'],
        'creating and updating it are audited; an unchanged start writes nothing',
      );
      assert.ok(!events.body.includes(second.clientSecret));
    });
  });
});

forEachApp(
  'rate limits on the token and sign-in endpoints',
  (t) => {
    test('above the limit per client, then per address: 429 with Retry-After', async () => {
      // The harness already spent one attempt of this address on its admin token.
      const attempt = (clientId: string) =>
        tokenRequest(t(), { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' });
      assert.equal((await attempt('client-a')).statusCode, 401);
      assert.equal((await attempt('client-a')).statusCode, 401);
      const perClient = await attempt('client-a');
      assert.equal(perClient.statusCode, 429, perClient.body);
      const wait = Number(perClient.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 60, `Retry-After: ${wait}`);
      assert.equal(perClient.json().code, 'request.rate_limited');
      assert.equal((await attempt('client-b')).statusCode, 401, 'another client is not limited');
      const perAddress = await attempt('client-c');
      assert.equal(perAddress.statusCode, 429, perAddress.body);
      assert.match(perAddress.json().detail, /address/);
      assert.ok(Number(perAddress.headers['retry-after']) > 0);
    });

    test('attempts sent at once are counted exactly: of 6 for one client, 2 are answered and 4 limited', async () => {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          t().app.inject({
            method: 'POST',
            url: '/oauth2/token',
            remoteAddress: '10.0.0.3',
            payload: {
              grant_type: 'client_credentials',
              client_id: 'client-at-once',
              client_secret: 'wrong',
            },
          }),
        ),
      );
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [401, 401, 429, 429, 429, 429]);
    });

    test('a client id no database stores (a NUL) beside an ordinary attempt: both are answered 401', async () => {
      const attempt = (authorization: string) =>
        t().app.inject({
          method: 'POST',
          url: '/oauth2/token',
          remoteAddress: '10.0.0.4',
          headers: { authorization },
          payload: { grant_type: 'client_credentials' },
        });
      const [odd, ordinary] = await Promise.all([
        attempt(basic('\u0000odd', 'x')),
        attempt(basic('client-e', 'wrong')),
      ]);
      assert.equal(ordinary.statusCode, 401, ordinary.body);
      assert.equal(odd.statusCode, 401, odd.body);
    });

    test('sign-in is limited per account too, counted apart from other addresses', async () => {
      const attempt = () =>
        t().app.inject({
          method: 'POST',
          url: '/v1/sessions',
          remoteAddress: '10.0.0.2',
          payload: { tenant: 'ROOT', username: 'someone', password: 'Wrong-Password-1' },
        });
      assert.equal((await attempt()).statusCode, 401, 'another address is not limited yet');
      assert.equal((await attempt()).statusCode, 401);
      const limited = await attempt();
      assert.equal(limited.statusCode, 429, limited.body);
      assert.match(limited.json().detail, /client/);
      assert.ok(Number(limited.headers['retry-after']) > 0);
    });
  },
  { rateLimit: { perAddress: 5, perClient: 2 } },
);
