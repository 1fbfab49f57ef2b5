import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { newTenant, newUser } from '../../support/fixtures.js';
import { ncpKeyOf, ncpRequest, ncpSignature } from '../../support/naver-cloud.js';
import { answered, ARM_PASSWORD, armLogin, armSession, refusedWith } from '../../support/solarwinds-arm.js';

forEachApp('SolarWinds ARM at its own paths', (t) => {
  test("ARM's /api/v1/Profiles and NAVER Cloud's /api/v1/profiles both answer, each in its own shape", async () => {
    const tenant = await newTenant(t());
    const arm = await armSession(t(), tenant);
    const key = await ncpKeyOf(t(), tenant, ['profiles:read', 'profiles:write']);
    answered(await arm.request('POST', '/api/v1/Profiles/CreateUpdate', { Name: 'shared' }));
    const ncp = answered(await ncpRequest(t(), key, 'GET', '/api/v1/profiles'));
    assert.deepEqual(
      ncp.content.map((p: any) => p.name),
      ['shared'],
    );
    const armList = answered(await arm.request('GET', '/api/v1/Profiles'));
    assert.deepEqual(
      armList.map((p: any) => p.Name),
      ['shared'],
    );
    // Paths are matched exactly as cased: ARM's session on NCP's path is NCP's 401, and back.
    assert.equal(typeof (await arm.request('GET', '/api/v1/profiles')).json().error, 'object');
    const timestamp = String(Date.now());
    const signed = await t().app.inject({
      method: 'GET',
      url: '/api/v1/Profiles',
      headers: {
        'x-ncp-apigw-timestamp': timestamp,
        'x-ncp-iam-access-key': key.accessKey,
        'x-ncp-apigw-signature-v2': ncpSignature(key, 'GET', '/api/v1/Profiles', timestamp),
      },
    });
    refusedWith(signed, 401);
  });

  test('an unknown path under the prefixes is a 404 ChangeResult, never a 500', async () => {
    const tenant = await newTenant(t());
    const arm = await armSession(t(), tenant);
    for (const url of [
      '/api/v1/Profiles/NoSuchThing',
      '/api/v1/session/nothing',
      '/api/v1/Profiles/%E0%A4%A',
    ]) {
      const answer = await arm.request('GET', url);
      assert.ok(answer.statusCode === 404 || answer.statusCode === 400, `${url}: ${answer.body}`);
      refusedWith(answer, answer.statusCode);
    }
  });
});

forEachApp(
  'COMPAT_PREFIX_SOLARWINDS_ARM=/compat/solarwinds-arm',
  (t) => {
    test("ARM's API answers under the prefix, and its own paths are left to others", async () => {
      const tenant = await newTenant(t());
      const arm = await armSession(t(), tenant).catch(() => undefined);
      assert.equal(arm, undefined, 'the login is no longer at /api/v1/session/login');
      const user = await newUser(t(), tenant);
      answered(
        await t().request({
          method: 'PUT',
          url: `/v1/users/${user.id}/password`,
          headers: { 'target-tenant': tenant.code },
          payload: { password: ARM_PASSWORD },
        }),
      );
      const login = answered(
        await armLogin(
          t(),
          { username: user.username, password: ARM_PASSWORD, domain: tenant.code },
          '/compat/solarwinds-arm',
        ),
      );
      const moved = await t().app.inject({
        method: 'GET',
        url: '/compat/solarwinds-arm/api/v1/Profiles',
        headers: { authorization: `Bearer ${login.SessionId}` },
      });
      assert.deepEqual(answered(moved), []);
      refusedWith(
        await t().app.inject({ method: 'GET', url: '/compat/solarwinds-arm/api/v1/Profiles' }),
        401,
      );
      const old = await t().app.inject({
        method: 'GET',
        url: '/api/v1/Profiles',
        headers: { authorization: `Bearer ${login.SessionId}` },
      });
      assert.equal(old.statusCode, 404);
      assert.equal(old.json().code, 'route.not_found');
    });
  },
  { compatPrefixes: { 'solarwinds-arm': '/compat/solarwinds-arm' } },
);
