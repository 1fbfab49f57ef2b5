import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { as, newTenant, newUser } from '../../support/fixtures.js';
import {
  answered,
  ARM_PASSWORD,
  armLogin,
  armRequest,
  armSession,
  refusedWith,
} from '../../support/solarwinds-arm.js';

const PROFILES = '/api/v1/Profiles';

forEachApp('SolarWinds ARM sessions', (t) => {
  test('login answers a SessionId, the user as an account, and an HttpOnly Lax cookie', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant, {
      displayName: 'Ada Lovelace',
      directory: { provider: 'AD', sid: 'S-1-5-21-1', fqdn: 'CN=Ada,DC=corp' },
    });
    answered(await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: ARM_PASSWORD }));
    const login = await armLogin(t(), {
      username: user.username,
      password: ARM_PASSWORD,
      domain: tenant.code,
    });
    const body = answered(login);
    assert.deepEqual(Object.keys(body), ['SessionId', 'User', 'ExpiresAt']);
    assert.match(body.SessionId, /^ps_/);
    assert.ok(Date.parse(body.ExpiresAt) > Date.now());
    assert.deepEqual(
      [
        body.User.SerializedAccountId,
        body.User.DisplayName,
        body.User.Sid,
        body.User.UriKey,
        body.User.IsGroup,
      ],
      [user.id, 'Ada Lovelace', 'S-1-5-21-1', 'CN=Ada,DC=corp', false],
    );
    const cookie = String(login.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^ARM\\.SessionId=${body.SessionId};`));
    for (const attribute of ['Path=/', 'HttpOnly', 'SameSite=Lax'])
      assert.ok(cookie.includes(attribute), cookie);
    assert.equal(login.headers['cache-control'], 'no-store');

    // The cookie, as a browser sends it back, and the same id as a bearer token both work.
    const byCookie = await t().app.inject({
      method: 'GET',
      url: PROFILES,
      headers: { cookie: `theme=dark; ARM.SessionId=${body.SessionId}` },
    });
    assert.equal(byCookie.statusCode, 200, byCookie.body);
    assert.equal(answered(await armRequest(t(), body.SessionId, 'GET', PROFILES)).length, 0);
  });

  test('logout revokes the session: the cookie and the bearer token are 401 after it', async () => {
    const tenant = await newTenant(t());
    const session = await armSession(t(), tenant);
    const out = await session.request('POST', '/api/v1/session/logout');
    assert.deepEqual(answered(out), { Success: true });
    assert.match(String(out.headers['set-cookie']), /^ARM\.SessionId=; .*Max-Age=0/);
    refusedWith(await session.request('GET', PROFILES), 401);
    const byCookie = await t().app.inject({
      method: 'GET',
      url: PROFILES,
      headers: { cookie: `ARM.SessionId=${session.sessionId}` },
    });
    const refused = refusedWith(byCookie, 401);
    assert.equal(refused.ErrorDetails.Code, 'auth.unauthenticated');
    assert.ok(byCookie.headers['www-authenticate']);
    // The native API sees the same session revoked.
    assert.equal((await armRequest(t(), session.sessionId, 'GET', '/v1/whoami')).statusCode, 401);
  });

  test('the tenant comes from domain, or from DOMAIN\\user or user@domain; a bare username is a 400', async () => {
    const tenant = await newTenant(t());
    const session = await armSession(t(), tenant);
    const { username } = session.user;
    for (const form of [`${tenant.code}\\${username}`, `${username}@${tenant.code}`]) {
      const login = await armLogin(t(), { username: form, password: ARM_PASSWORD });
      assert.equal(login.statusCode, 200, `${form}: ${login.body}`);
    }
    // The tenant by its id works as domain too.
    assert.equal(
      (await armLogin(t(), { username, password: ARM_PASSWORD, domain: tenant.id })).statusCode,
      200,
    );
    const bare = refusedWith(await armLogin(t(), { username, password: ARM_PASSWORD }), 400, /domain/);
    assert.deepEqual(bare.ErrorDetails.Fields, [
      { Field: 'domain', Message: 'domain is required for a username without one' },
    ]);
  });

  test('a wrong password, an unknown user or an unknown domain is the same 401', async () => {
    const tenant = await newTenant(t());
    const { user } = await armSession(t(), tenant);
    const answers = [
      await armLogin(t(), { username: user.username, password: 'Wrong-Password-1', domain: tenant.code }),
      await armLogin(t(), { username: 'nobody', password: ARM_PASSWORD, domain: tenant.code }),
      await armLogin(t(), { username: user.username, password: ARM_PASSWORD, domain: 'NO-SUCH-TENANT' }),
    ];
    const messages = answers.map((a) => refusedWith(a, 401).ErrorDetails.Message);
    assert.equal(new Set(messages).size, 1);
    assert.equal(answers[0]!.headers['set-cookie'], undefined);
  });

  test('a malformed login body is a 400 ChangeResult naming the field', async () => {
    const cases: [object, RegExp][] = [
      [{ username: 'a' }, /password/],
      [{ username: 'a', password: 'b', domain: 'c', extra: 1 }, /extra|additional/],
      [{ username: 42, password: 'b', domain: 'c' }, /username/],
    ];
    for (const [body, message] of cases) refusedWith(await armLogin(t(), body), 400, message);
  });

  test('without any credential, a route is a 401 ChangeResult saying how to sign in', async () => {
    const refused = refusedWith(
      await t().app.inject({ method: 'GET', url: PROFILES }),
      401,
      /session\/login/,
    );
    assert.equal(refused.ErrorDetails.StatusCode, 401);
  });
});
