import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../support/app.js';
import { mint, nativePresenters } from '../support/credentials.js';
import { actingOf, as, newProfile, newResourceType, newTenant, newUser } from '../support/fixtures.js';
import { nativeReadingWrites, nativeResources, nativeRoutes } from '../support/native-routes.js';
import { NEVER_USED_ID, registeredRoute } from '../support/security-routes.js';
import { securitySuite } from '../support/security-suite.js';
import { asNeverUsed, type Finding } from '../support/security-verdicts.js';

forEachApp('security of the native API', (t) => {
  securitySuite(t, {
    routes: nativeRoutes,
    presenters: nativePresenters,
    resources: nativeResources,
    readingWrites: nativeReadingWrites,
  });

  test('Target-Tenant acts on a descendant; the own tenant, a descendant, never an ancestor', async () => {
    const home = await newTenant(t());
    const child = await newTenant(t(), home);
    const grandchild = await newTenant(t(), child);
    const user = await newUser(t(), grandchild);
    const key = await mint(t(), 'api_key', { scopes: ['users:read'], tenant: actingOf(t(), home) });
    const get = (url: string, target?: string) =>
      t().app.inject({
        method: 'GET',
        url,
        headers: { 'x-api-key': key.secret, ...(target !== undefined && { 'target-tenant': target }) },
      });
    const me = (await get('/v1/whoami', grandchild.id)).json();
    assert.equal(me.tenantId, home.id);
    assert.equal(me.actingTenantId, grandchild.id);
    assert.equal((await get(`/v1/users/${user.id}`, grandchild.code)).statusCode, 200);
    assert.equal((await get('/v1/users?count=true', grandchild.code)).json().total, 1);
    assert.equal((await get(`/v1/users/${user.id}`)).statusCode, 404, 'without the header: the own tenant');
    const up = await get('/v1/users', t().root.id);
    assert.equal(up.statusCode, 404, 'an ancestor is outside the subtree');
    assert.equal(up.json().code, 'tenant.not_found');
  });

  test("another tenant's ids in bodies, bulk results and queries answer as ids that never existed", async () => {
    const [mine, theirs] = [await newTenant(t()), await newTenant(t())];
    const [myUser, myProfile] = [await newUser(t(), mine), await newProfile(t(), mine)];
    const [theirUser, theirProfile] = [await newUser(t(), theirs), await newProfile(t(), theirs)];
    const theirType = await newResourceType(t(), theirs);
    const probes: [
      'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET',
      string,
      (user: string, profile: string, resourceType: string) => object | undefined,
    ][] = [
      ['POST', '/v1/assignments', (_u, p) => ({ profileId: p, userId: myUser.id })],
      ['POST', '/v1/assignments', (u) => ({ profileId: myProfile.id, userId: u })],
      ['POST', '/v1/assignments/bulk-assign', (u) => ({ profileId: myProfile.id, userIds: [u] })],
      ['POST', '/v1/assignments/bulk-revoke', (u) => ({ profileId: myProfile.id, userIds: [u] })],
      ['POST', '/v1/assignments/bulk-assign', (_u, p) => ({ profileId: p, userIds: [myUser.id] })],
      ['POST', '/v1/access/check', (u) => ({ user: u, capability: 'Reports', level: 'Read' })],
      ['POST', '/v1/groups', (u) => ({ name: unique('g'), memberIds: [u] })],
      ['POST', '/v1/api-keys', (u) => ({ name: 'k', userId: u })],
      ['POST', '/v1/permissions', (_u, _p, r) => ({ resourceTypeId: r, name: unique('p') })],
    ];
    const tenantQueries = [
      [`/v1/capabilities/Reports/holders?tenant=`, '/v1/capabilities/:id/holders'],
      [`/v1/users/${myUser.id}/access?tenant=`, '/v1/users/:id/access'],
    ] as const;
    const findings: Finding[] = [];
    const check = (route: string, why: string | undefined) => void (why && findings.push({ route, why }));
    const ids = {
      theirs: { [theirUser.id]: '<id>', [theirProfile.id]: '<id>', [theirType.id]: '<id>' },
      never: { [NEVER_USED_ID]: '<id>' },
      // Each request that creates something (a group, a key) answers its own id and times.
      ignore: /"(id|createdAt|updatedAt)":"[^"]*"/g,
    };
    for (const [method, url, body] of probes) {
      const theirsAnswer = await as(
        t(),
        mine,
        method,
        url,
        body(theirUser.id, theirProfile.id, theirType.id),
      );
      const neverAnswer = await as(t(), mine, method, url, body(NEVER_USED_ID, NEVER_USED_ID, NEVER_USED_ID));
      check(
        `${method} ${url}`,
        asNeverUsed(registeredRoute(t(), method, url), theirsAnswer, neverAnswer, ids),
      );
    }
    for (const [url, route] of tenantQueries) {
      const theirsAnswer = await as(t(), mine, 'GET', `${url}${theirs.code}`);
      const neverAnswer = await as(t(), mine, 'GET', `${url}NEVER-USED`);
      const codes = { theirs: { [theirs.code]: '<tenant>' }, never: { 'NEVER-USED': '<tenant>' } };
      check(
        url,
        theirsAnswer.statusCode === 404
          ? asNeverUsed(registeredRoute(t(), 'GET', route), theirsAnswer, neverAnswer, codes)
          : `expected 404, got ${theirsAnswer.statusCode}`,
      );
    }
    assert.deepEqual(findings, []);
  });
});
