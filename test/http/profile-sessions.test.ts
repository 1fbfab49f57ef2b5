import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer } from '../support/app.js';
import { actingOf, as, newTenant, type TenantRef } from '../support/fixtures.js';

const ok = (answer: Answer, status = 200) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const whoami = (t: () => import('../support/app.js').TestApp, token: string) =>
  t().request({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });

/** The test clock: the app's `now`, moved forward by `skew`. */
let skew = 0;

forEachApp(
  'temporary credentials of an assumed profile',
  (t) => {
    let tenant: TenantRef;
    let assumer: string;
    let account: string;
    let roleId: string;

    const newAssumable = async (extra: object = {}) =>
      ok(
        await as(t(), tenant, 'POST', '/v1/profiles', {
          name: `assumable-${Math.random().toString(36).slice(2)}`,
          enabled: true,
          sessionDurationSeconds: 600,
          roles: ['ext-role', 'not-in-catalog'],
          ...extra,
        }),
        201,
      );
    const assume = (profileId: string, token = assumer) =>
      t().request({
        method: 'POST',
        url: `/v1/profiles/${profileId}/sessions`,
        headers: { authorization: `Bearer ${token}` },
      });

    test('set-up', async () => {
      tenant = await newTenant(t());
      assumer = await t().tokenFor(['profiles:assume'], actingOf(t(), tenant));
      account = ok(await as(t(), tenant, 'GET', `/v1/tenants/${tenant.id}`)).accountNumber;
      roleId = ok(await as(t(), tenant, 'POST', '/v1/roles', { name: 'ext-role' }), 201).id;
    });

    test("a token living the profile's duration, carrying its role NRNs and no scope", async () => {
      const profile = await newAssumable();
      const session = ok(await assume(profile.id), 201);
      assert.equal(session.expiresIn, 600);
      assert.deepEqual(session.roleNrnList, [`nrn:PUB:IAM::${account}:Role/${roleId}`]);
      assert.equal(session.profileNrn, `nrn:PUB:ExternalAccess::${account}:Profile/${profile.id}`);
      const claims = claimsOf(session.accessToken);
      assert.equal(Number(claims.exp) - Number(claims.iat), 600);
      assert.deepEqual(
        [claims.roles, claims.profile, claims.scope],
        [session.roleNrnList, session.profileNrn, ''],
      );
      const me = ok(await whoami(t, session.accessToken));
      assert.deepEqual([me.kind, me.scopes, me.credentialId], ['session', [], session.sessionId]);
      // It grants nothing of profiled's own API.
      const denied = await t().request({
        method: 'GET',
        url: '/v1/profiles',
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      assert.equal(denied.statusCode, 403);
      // Audited as the credential it is, with the profile it stands for.
      const filter = encodeURIComponent(`targetId eq "${session.sessionId}"`);
      const events = ok(await as(t(), tenant, 'GET', `/v1/audit-events?filter=${filter}`)).items as any[];
      assert.deepEqual(
        events.map((e) => e.action),
        ['credential.create'],
      );
      assert.ok(!JSON.stringify(events).includes(session.accessToken));
    });

    test('it expires after durationSeconds', async () => {
      const profile = await newAssumable({ sessionDurationSeconds: 900 });
      const session = ok(await assume(profile.id), 201);
      skew = 899_000;
      ok(await whoami(t, session.accessToken));
      skew = 901_000;
      assert.equal((await whoami(t, session.accessToken)).statusCode, 401);
      skew = 0;
    });

    test('disabling or deleting the profile stops its tokens at once; a disabled one refuses', async () => {
      const profile = await newAssumable();
      const session = ok(await assume(profile.id), 201);
      ok(await whoami(t, session.accessToken));
      ok(await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { enabled: false }));
      assert.equal((await whoami(t, session.accessToken)).statusCode, 401);
      const refused = await assume(profile.id);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'profile.disabled');
      ok(await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { enabled: true }));
      const again = ok(await assume(profile.id), 201);
      ok(await whoami(t, again.accessToken));
      assert.equal((await as(t(), tenant, 'DELETE', `/v1/profiles/${profile.id}`)).statusCode, 204);
      assert.equal((await whoami(t, again.accessToken)).statusCode, 401);
    });

    test("the scope is needed, and another tenant's profile is a 404", async () => {
      const profile = await newAssumable();
      const reader = await t().tokenFor(['profiles:read'], actingOf(t(), tenant));
      assert.equal((await assume(profile.id, reader)).statusCode, 403);
      const other = await newTenant(t());
      const stranger = await t().tokenFor(['profiles:assume'], actingOf(t(), other));
      assert.equal((await assume(profile.id, stranger)).statusCode, 404);
    });
  },
  { now: () => Date.now() + skew },
);
