import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { forEachApp, testIssuer } from '../../support/app.js';
import { basic, ciscoClaim, ciscoClient, tokenRequest } from '../../support/cisco.js';
import { newTenant, newUser } from '../../support/fixtures.js';

forEachApp('Cisco XDR token endpoint', (t) => {
  test('client credentials by HTTP Basic answer a bearer token of 600 s with the scopes in Cisco words', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant, { scopes: ['users:read', 'tenants:read'] });
    const res = await t().app.inject(tokenRequest(client.clientId, client.secret));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 600);
    assert.equal(body.scope, 'profile:read users:read');
    assert.match(body.access_token, /^eyJ/);
  });

  test('asking for Cisco scopes narrows the token; a :read scope never allows a write', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant, { givenName: 'Ada', familyName: 'Byron' });
    const client = await ciscoClient(t(), tenant);
    const narrow = await client.token('users:read');
    const granted = JSON.parse(Buffer.from(narrow.split('.')[1]!, 'base64url').toString());
    assert.equal(granted.scope, 'users:read');
    assert.deepEqual(granted[ciscoClaim('scopes')], ['users:read']);
    const auth = { authorization: `Bearer ${narrow}` };
    const read = await client.request({
      method: 'GET',
      url: `/iroh/user-mgmt/users/${user.id}`,
      headers: auth,
    });
    assert.equal(read.statusCode, 200, read.body);
    const write = await client.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${user.id}`,
      headers: auth,
      payload: { role: 'admin' },
    });
    assert.equal(write.statusCode, 403, write.body);
    assert.match(write.json().error_description, /users:write/);
    const org = await client.request({ method: 'GET', url: '/iroh/profile/org', headers: auth });
    assert.equal(org.statusCode, 403, 'users:read does not read the org');
    const unknown = await t().app.inject(
      tokenRequest(client.clientId, client.secret, 'grant_type=client_credentials&scope=casebook'),
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error, 'invalid_scope');
  });

  test('RFC 6749 errors: a wrong secret is invalid_client 401, another grant is unsupported_grant_type 400', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    const wrong = await t().app.inject(tokenRequest(client.clientId, `${client.secret}x`));
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error, 'invalid_client');
    assert.match(wrong.headers['www-authenticate'] as string, /^Basic/);
    const grant = await t().app.inject(tokenRequest(client.clientId, client.secret, 'grant_type=password'));
    assert.equal(grant.statusCode, 400);
    assert.equal(grant.json().error, 'unsupported_grant_type');
    const none = await t().app.inject({
      ...tokenRequest(client.clientId, client.secret, ''),
      payload: 'x=1',
    });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error, 'invalid_request');
  });

  test("the token is verifiable from /.well-known/jwks, found from the discovery document, and carries Cisco's claims", async () => {
    const tenant = await newTenant(t(), undefined, { name: 'Acme Security' });
    const user = await newUser(t(), tenant, { email: 'ada@acme.test', nickname: 'ada' });
    const client = await ciscoClient(t(), tenant, { userId: user.id });
    const token = await client.token();
    const discovery = await t().app.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
    assert.equal(discovery.statusCode, 200);
    assert.equal(discovery.json().issuer, testIssuer);
    const cisco = await t().app.inject({ method: 'GET', url: '/.well-known/jwks' });
    const native = await t().app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    assert.equal(cisco.statusCode, 200);
    assert.deepEqual(cisco.json(), native.json());
    const { payload } = await jwtVerify(token, createLocalJWKSet(cisco.json()), { issuer: testIssuer });
    for (const name of ['iss', 'sub', 'exp', 'nbf', 'iat', 'jti', 'email']) assert.ok(name in payload, name);
    assert.equal(payload.email, 'ada@acme.test');
    assert.equal(payload[ciscoClaim('user/id')], user.id);
    assert.equal(payload[ciscoClaim('user/email')], 'ada@acme.test');
    assert.equal(payload[ciscoClaim('user/nick')], 'ada');
    assert.equal(payload[ciscoClaim('org/id')], tenant.id);
    assert.equal(payload[ciscoClaim('org/name')], 'Acme Security');
    assert.equal(payload[ciscoClaim('oauth/client/id')], client.clientId);
    assert.equal(payload[ciscoClaim('oauth/client/name')], 'cisco script');
    assert.equal(payload[ciscoClaim('oauth/kind')], 'client-creds');
    assert.equal(typeof payload[ciscoClaim('version')], 'string');
    assert.ok((payload[ciscoClaim('scopes')] as string[]).includes('admin'));
    assert.ok(Array.isArray(payload[ciscoClaim('user/scopes')]));
  });

  test('an expired token is 401 in Cisco shape; a client that mints a new one and retries gets 200', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    const token = await client.token();
    const whoami = (bearer: string) =>
      t().app.inject({
        method: 'GET',
        url: '/iroh/profile/whoami',
        headers: { authorization: `Bearer ${bearer}` },
      });
    assert.equal((await whoami(token)).statusCode, 200);
    // An expired token: one minted by a clock 601 s behind, as a token held past its expiry is.
    const { issueAccessToken } = await import('../../../src/auth/access-token.js');
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const expired = await issueAccessToken(
      t().auth.keys,
      { issuer: testIssuer, ttlSeconds: 600 },
      {
        credentialId: payload.cid,
        subject: payload.sub,
        tenantId: payload.tid,
        scopes: payload.scope.split(' '),
      },
      Date.now() - 601_000,
    );
    const stale = await whoami(expired.token);
    assert.equal(stale.statusCode, 401);
    assert.match(stale.headers['www-authenticate'] as string, /^Bearer realm="iroh"/);
    assert.equal(stale.json().error, 'auth.unauthenticated');
    const again = await whoami(await client.token());
    assert.equal(again.statusCode, 200);
  });

  test('a revoked client: its token is 401 and so is a new token request', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    const token = await client.token();
    const list = await t().request({
      method: 'GET',
      url: '/v1/oauth-clients',
      headers: { 'target-tenant': tenant.code },
    });
    const made = list.json().items.find((c: { clientId: string }) => c.clientId === client.clientId);
    const revoked = await t().request({
      method: 'DELETE',
      url: `/v1/oauth-clients/${made.id}`,
      headers: { 'target-tenant': tenant.code },
    });
    assert.ok([200, 204].includes(revoked.statusCode), revoked.body);
    const res = await t().app.inject({
      method: 'GET',
      url: '/iroh/profile/whoami',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 401);
    assert.equal((await t().app.inject(tokenRequest(client.clientId, client.secret))).statusCode, 401);
  });

  test('a client of a disabled user or tenant gets no token (invalid_client), not one every request refuses', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const client = await ciscoClient(t(), tenant, { userId: user.id });
    assert.equal((await t().app.inject(tokenRequest(client.clientId, client.secret))).statusCode, 200);
    const off = await t().request({
      method: 'PATCH',
      url: `/v1/users/${user.id}`,
      headers: { 'target-tenant': tenant.code },
      payload: { enabled: false },
    });
    assert.equal(off.statusCode, 200, off.body);
    const refused = await t().app.inject(tokenRequest(client.clientId, client.secret));
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error, 'invalid_client');
    const other = await newTenant(t());
    const orgClient = await ciscoClient(t(), other);
    await t().request({ method: 'PATCH', url: `/v1/tenants/${other.id}`, payload: { enabled: false } });
    assert.equal((await t().app.inject(tokenRequest(orgClient.clientId, orgClient.secret))).statusCode, 401);
  });

  test('refresh_token: a refresh token profiled issued to the client gives a Cisco token and the next refresh token', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    // The native password-less way to a refresh token of a client: Visier's client_credentials with sessions.
    const user = await newUser(t(), tenant);
    const password = 'Correct-Horse-42';
    const set = await t().request({
      method: 'PUT',
      url: `/v1/users/${user.id}/password`,
      headers: { 'target-tenant': tenant.code },
      payload: { password },
    });
    assert.equal(set.statusCode, 200, set.body);
    const { visierClient } = await import('../../support/visier.js');
    const visier = await visierClient(t(), tenant);
    const signed = await t().app.inject({
      method: 'POST',
      url: '/v1/auth/oauth2/token',
      headers: {
        apikey: visier.apiKey,
        authorization: basic(client.clientId, client.secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `grant_type=password&username=${user.username}&password=${password}`,
    });
    assert.equal(signed.statusCode, 200, signed.body);
    const refresh = signed.json().refresh_token as string;
    const res = await t().app.inject(
      tokenRequest(
        client.clientId,
        client.secret,
        `grant_type=refresh_token&refresh_token=${encodeURIComponent(refresh)}`,
      ),
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.token_type, 'bearer');
    assert.notEqual(body.refresh_token, refresh);
    const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(payload[ciscoClaim('user/id')], user.id);
    assert.equal(payload[ciscoClaim('oauth/kind')], 'session-token');
    // Another client of the same tenant cannot use it, nor a sign-in's token made without a client.
    const thief = await ciscoClient(t(), tenant, { scopes: ['users:read'] });
    const stolen = await t().app.inject(
      tokenRequest(
        thief.clientId,
        thief.secret,
        `grant_type=refresh_token&refresh_token=${encodeURIComponent(body.refresh_token)}`,
      ),
    );
    assert.equal(stolen.statusCode, 400, stolen.body);
    assert.equal(stolen.json().error, 'invalid_grant');
    const signIn = await t().app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { tenant: tenant.code, username: user.username, password },
    });
    assert.equal(signIn.statusCode, 201, signIn.body);
    const session = await t().app.inject(
      tokenRequest(
        client.clientId,
        client.secret,
        `grant_type=refresh_token&refresh_token=${encodeURIComponent(signIn.json().token)}`,
      ),
    );
    assert.equal(session.json().error, 'invalid_grant');
    const reused = await t().app.inject(
      tokenRequest(
        client.clientId,
        client.secret,
        `grant_type=refresh_token&refresh_token=${encodeURIComponent(refresh)}`,
      ),
    );
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().error, 'invalid_grant');
  });
});
