import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer, type TestApp } from '../support/app.js';
import { mint } from '../support/credentials.js';
import { actingOf, as, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

const FIRST = 'Correct-Horse-42';
const SECOND = 'Battery-Staple-43';
const THIRD = 'Tr0ub4dor-and-3';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const whoami = (t: TestApp, token: string) =>
  t.app.inject({ method: 'GET', url: '/v1/whoami', headers: bearer(token) }) as Promise<Answer>;
const signIn = (t: TestApp, payload: object) =>
  t.app.inject({ method: 'POST', url: '/v1/sessions', payload }) as Promise<Answer>;

forEachApp('passwords and sessions', (t) => {
  let tenant: TenantRef;
  let user: { id: string; username: string };
  /** A session of the user, made directly (no sign-in, so no scrypt). */
  const session = async () =>
    (
      await mint(t(), 'session', {
        scopes: ['profiles:read'],
        tenant: actingOf(t(), tenant),
        userId: user.id,
      })
    ).secret;

  test('a password breaking a rule is a 400 naming the rule, and nothing is set', async () => {
    tenant = await newTenant(t());
    user = await newUser(t(), tenant);
    const rules = {
      minLength: 'Short-1a',
      'require.upper': 'no-upper-case-42',
      'require.lower': 'NO-LOWER-CASE-42',
      'require.digit': 'No-Digits-At-All',
      notUsername: `Xx-${user.username.toUpperCase()}-1`,
    };
    for (const [rule, password] of Object.entries(rules)) {
      const res = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password });
      assert.equal(res.statusCode, 400, `${rule}: ${res.body}`);
      assert.equal(res.json().code, 'password.rule_violated');
      assert.match(res.json().detail, new RegExp(`rule: ${rule.replace('.', '\\.')}`));
      assert.ok(!res.body.includes(password), 'the answer does not repeat the password');
    }
    const attempt = await signIn(t(), {
      tenant: tenant.code,
      username: user.username,
      password: rules.minLength,
    });
    assert.equal(attempt.statusCode, 401, 'no password was set');
  });

  test('sign-in answers a session token, shown once; a wrong password or unknown user answer alike', async () => {
    const set = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, {
      password: FIRST,
      scopes: ['profiles:read', 'users:read'],
    });
    assert.deepEqual(set.json(), { revokedSessions: 0, revokedCredentials: 0 });
    const res = await signIn(t(), {
      tenant: tenant.code,
      username: user.username,
      password: FIRST,
      scopes: ['profiles:read', 'tenants:write'],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.json().token, /^ps_[0-9a-f]{16}_/);
    assert.deepEqual(res.json().scopes, ['profiles:read'], 'requested scopes within the allowed ones');
    const me = (await whoami(t(), res.json().token)).json();
    assert.equal(me.kind, 'session');
    assert.equal(me.userId, user.id);

    const wrong = await signIn(t(), { tenant: tenant.code, username: user.username, password: SECOND });
    const unknown = await signIn(t(), { tenant: tenant.code, username: 'nobody-at-all', password: FIRST });
    for (const answer of [wrong, unknown]) {
      assert.equal(answer.statusCode, 401);
      assert.equal(answer.json().detail, 'wrong tenant, username or password');
    }
  });

  test('changing your own password revokes every session of yours in that request, this one too', async () => {
    const [current, other] = [await session(), await session()];
    const change = (currentPassword: string) =>
      t().app.inject({
        method: 'PUT',
        url: '/v1/whoami/password',
        headers: bearer(current),
        payload: { currentPassword, newPassword: SECOND },
      });
    const refused = await change(THIRD);
    assert.equal(refused.statusCode, 401, 'the current password must be proven');
    assert.equal((await whoami(t(), current)).statusCode, 200, 'a refused change revokes nothing');

    const changed = await change(FIRST);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.ok(changed.json().revokedSessions >= 2);
    assert.equal((await whoami(t(), current)).statusCode, 401);
    assert.equal((await whoami(t(), other)).statusCode, 401);

    const old = await signIn(t(), { tenant: tenant.code, username: user.username, password: FIRST });
    assert.equal(old.statusCode, 401, 'the old password no longer signs in');
    const fresh = await signIn(t(), { tenant: tenant.code, username: user.username, password: SECOND });
    assert.equal(fresh.statusCode, 201, fresh.body);

    const signOut = await t().app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: bearer(fresh.json().token),
    });
    assert.equal(signOut.statusCode, 204);
    assert.equal((await whoami(t(), fresh.json().token)).statusCode, 401, 'signed out');
  });

  test('a password change revokes every credential acting as the user, not only sessions', async () => {
    const kinds = ['session', 'api_key', 'access_key'] as const;
    const held = await Promise.all(
      kinds.map((kind) =>
        mint(t(), kind, { scopes: ['profiles:read'], tenant: actingOf(t(), tenant), userId: user.id }),
      ),
    );
    const someoneElse = await mint(t(), 'api_key', {
      scopes: ['profiles:read'],
      tenant: actingOf(t(), tenant),
    });
    const set = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: FIRST });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().revokedSessions, 1);
    assert.equal(set.json().revokedCredentials, 3);
    // A key minted with a stolen session does not outlive the password change.
    assert.equal((await whoami(t(), held[0]!.secret)).statusCode, 401);
    assert.equal((await whoami(t(), held[1]!.secret)).statusCode, 401);
    const keyOfNobody = await t().app.inject({
      method: 'GET',
      url: '/v1/whoami',
      headers: { 'x-api-key': someoneElse.secret },
    });
    assert.equal(keyOfNobody.statusCode, 200, 'a credential acting as no user is untouched');
  });

  test("an administrator setting a user's password revokes the user's sessions at once", async () => {
    const live = await session();
    assert.equal((await whoami(t(), live)).statusCode, 200);
    const set = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: THIRD });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().revokedSessions, 1);
    assert.equal((await whoami(t(), live)).statusCode, 401);
  });
});
