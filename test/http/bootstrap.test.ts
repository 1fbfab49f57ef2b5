import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureClient, ensureRootTenant } from '../../src/auth/bootstrap.js';
import { allScopes, readOnlyScopes } from '../../src/auth/scopes.js';
import { forEachApp } from '../support/app.js';

forEachApp('bootstrap: the root tenant and configured clients', (t) => {
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
