import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { forEachApp, testIssuer } from '../../support/app.js';
import { as, create, newTenant, newUser } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

const PASSWORD = 'Correct-Horse-42';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${encodeURIComponent(secret)}`).toString('base64')}`;

forEachApp('Visier authentication', (t) => {
  async function setup() {
    const tenant = await newTenant(t());
    const visier = await visierClient(t(), tenant);
    const user = await newUser(t(), tenant);
    const set = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: PASSWORD });
    assert.equal(set.statusCode, 200, set.body);
    const client = await create(t(), tenant, '/v1/oauth-clients', { name: 'visier sdk' });
    return {
      tenant,
      visier,
      user,
      client: { id: client.clientId as string, secret: client.clientSecret as string },
    };
  }

  const secureToken = (payload: string, headers: Record<string, string> = {}) =>
    t().app.inject({
      method: 'POST',
      url: '/v1/admin/visierSecureToken',
      headers: { ...form, ...headers },
      payload,
    });

  test('a secure token from username and password works as the VisierASIDToken cookie, with the apikey', async () => {
    const { tenant, visier, user } = await setup();
    const res = await secureToken(
      `username=${user.username}&password=${encodeURIComponent(PASSWORD)}&vanityName=${tenant.code}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    const token = res.body;
    const profiles = (cookie: string, apikey = visier.apiKey) =>
      t().app.inject({ method: 'GET', url: '/v1/admin/profiles', headers: { apikey, cookie } });
    assert.equal((await profiles(`VisierASIDToken=${token}`)).statusCode, 200);
    assert.equal((await profiles(`other=1; VisierASIDToken=${token}`)).statusCode, 200);
    const noKey = await t().app.inject({
      method: 'GET',
      url: '/v1/admin/profiles',
      headers: { cookie: `VisierASIDToken=${token}` },
    });
    assert.equal(noKey.statusCode, 401);
    assert.equal(noKey.json().code, 'auth.unauthenticated');
    assert.equal(noKey.json().userError, true);
    // A key of another tenant does not go with this tenant's token.
    const other = await visierClient(t(), await newTenant(t()));
    assert.equal((await profiles(`VisierASIDToken=${token}`, other.apiKey)).statusCode, 401);
    assert.equal((await profiles('VisierASIDToken=ps_0000000000000000_nope')).statusCode, 401);
  });

  test('the apikey header names the tenant of a secure-token sign-in; a wrong password is a 401', async () => {
    const { visier, user } = await setup();
    const ok = await secureToken(`username=${user.username}&password=${encodeURIComponent(PASSWORD)}`, {
      apikey: visier.apiKey,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const wrong = await secureToken(`username=${user.username}&password=nope`, { apikey: visier.apiKey });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().userError, true);
    const nowhere = await secureToken(`username=${user.username}&password=${encodeURIComponent(PASSWORD)}`);
    assert.equal(nowhere.statusCode, 400);
  });

  test('OAuth 2.0 password grant as Visier’s SDK sends it, then refresh_token', async () => {
    const { visier, user, client } = await setup();
    const token = (payload: string) =>
      t().app.inject({
        method: 'POST',
        url: '/v1/auth/oauth2/token',
        headers: { ...form, apikey: visier.apiKey, authorization: basic(client.id, client.secret) },
        payload,
      });
    const granted = await token(
      `grant_type=password&client_id=${client.id}&scope=read&username=${user.username}&password=${encodeURIComponent(PASSWORD)}`,
    );
    assert.equal(granted.statusCode, 200, granted.body);
    const body = granted.json();
    for (const field of ['access_token', 'refresh_token', 'id_token', 'token_type', 'expires_in'])
      assert.ok(body[field], field);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 600);
    // The id token is a JWT any JOSE library verifies with the published keys, about the user, for the client.
    const jwks = await t().app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    const { payload, protectedHeader } = await jwtVerify(body.id_token, createLocalJWKSet(jwks.json()), {
      issuer: testIssuer,
      audience: client.id,
    });
    assert.equal(protectedHeader.typ, 'JWT');
    assert.ok(payload.sub, 'it names the user');
    const call = (bearer: string, method: 'GET' | 'PUT' = 'GET', url = '/v1/admin/profiles') =>
      t().app.inject({ method, url, headers: { apikey: visier.apiKey, authorization: `Bearer ${bearer}` } });
    assert.equal((await call(body.access_token)).statusCode, 200);
    // `read` grants no writes.
    const write = await t().app.inject({
      method: 'PUT',
      url: `/v1/admin/profiles/x/assign`,
      headers: { apikey: visier.apiKey, authorization: `Bearer ${body.access_token}` },
      payload: { targetUserIds: [] },
    });
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().code, 'auth.scope_missing');

    const refreshed = await token(`grant_type=refresh_token&refresh_token=${body.refresh_token}`);
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.notEqual(refreshed.json().access_token, body.access_token);
    assert.equal((await call(refreshed.json().access_token)).statusCode, 200);

    // Refresh tokens rotate: each use answers a new one, and the used one no longer works.
    const next = refreshed.json().refresh_token;
    assert.notEqual(next, body.refresh_token);
    const again = await token(`grant_type=refresh_token&refresh_token=${next}`);
    assert.equal(again.statusCode, 200, again.body);
    // A used one presented again is a replay: the session ends, with every token from it.
    const replayed = await token(`grant_type=refresh_token&refresh_token=${body.refresh_token}`);
    assert.equal(replayed.statusCode, 400);
    assert.equal(replayed.json().code, 'invalid_grant');
    assert.equal((await call(again.json().access_token)).statusCode, 401, 'the session is revoked');
    const after = await token(`grant_type=refresh_token&refresh_token=${again.json().refresh_token}`);
    assert.equal(after.json().code, 'invalid_grant', 'and its newest refresh token with it');

    const bad = await token('grant_type=refresh_token&refresh_token=ps_0123456789abcdef_xyz');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'invalid_grant');
    const wrongPassword = await token(`grant_type=password&username=${user.username}&password=nope`);
    assert.equal(wrongPassword.json().code, 'invalid_grant');
    const unsupported = await token('grant_type=authorization_code&code=x');
    assert.equal(unsupported.json().code, 'unsupported_grant_type');
  });

  test('client_credentials answers a refresh token too; a wrong secret is invalid_client (401)', async () => {
    const { visier, client } = await setup();
    const granted = await t().app.inject({
      method: 'POST',
      url: '/v1/auth/oauth2/token',
      headers: form,
      payload: `grant_type=client_credentials&client_id=${client.id}&client_secret=${encodeURIComponent(client.secret)}`,
    });
    assert.equal(granted.statusCode, 200, granted.body);
    const ok = await t().app.inject({
      method: 'GET',
      url: '/v1/admin/profiles',
      headers: { apikey: visier.apiKey, authorization: `Bearer ${granted.json().access_token}` },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const wrong = await t().app.inject({
      method: 'POST',
      url: '/v1/auth/oauth2/token',
      headers: { ...form, authorization: basic(client.id, 'wrong-secret') },
      payload: 'grant_type=client_credentials',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'invalid_client');
    // An apikey of another tenant than the client's is refused.
    const other = await visierClient(t(), await newTenant(t()));
    const mismatch = await t().app.inject({
      method: 'POST',
      url: '/v1/auth/oauth2/token',
      headers: { ...form, apikey: other.apiKey, authorization: basic(client.id, client.secret) },
      payload: 'grant_type=client_credentials',
    });
    assert.equal(mismatch.statusCode, 401);
  });
});

forEachApp(
  'Visier token endpoints under rate limits',
  (t) => {
    test("above the limit both answer 429 with Retry-After, in Visier's Status shape", async () => {
      const attempts = {
        '/v1/admin/visierSecureToken': 'username=nobody&password=wrong-password&vanityName=NONE',
        '/v1/auth/oauth2/token':
          'grant_type=password&username=nobody&password=wrong&client_id=x&client_secret=y',
      };
      for (const [url, payload] of Object.entries(attempts)) {
        const attempt = () =>
          t().app.inject({
            method: 'POST',
            url,
            headers: form,
            payload,
            remoteAddress: `127.0.0.${url.length}`,
          });
        for (let i = 0; i < 2; i += 1) assert.notEqual((await attempt()).statusCode, 429);
        const limited = await attempt();
        assert.equal(limited.statusCode, 429, limited.body);
        assert.ok(Number(limited.headers['retry-after']) > 0);
        assert.match(String(limited.headers['content-type']), /^application\/json/);
        const body = limited.json();
        assert.equal(body.code, 'request.rate_limited');
        assert.equal(body.userError, true);
        assert.equal(body.rci, limited.headers['x-request-id']);
      }
    });
  },
  { rateLimit: { perAddress: 2, perClient: 100 } },
);
