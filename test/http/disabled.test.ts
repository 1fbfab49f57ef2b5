import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { mint, type PresentedKind } from '../support/credentials.js';
import { actingOf, as, newTenant, newUser } from '../support/fixtures.js';

forEachApp('disabled tenants and users', (t) => {
  const whoami = (headers: Record<string, string>) =>
    t().app.inject({ method: 'GET', url: '/v1/whoami', headers });
  const headersOf = (kind: PresentedKind, secret: string): Record<string, string> =>
    kind === 'api_key' ? { 'x-api-key': secret } : { authorization: `Bearer ${secret}` };

  for (const kind of ['api_key', 'oauth_client'] as const) {
    test(`${kind}: a credential of a disabled tenant, or of a tenant below one, stops working until re-enabled`, async () => {
      const parent = await newTenant(t());
      const child = await newTenant(t(), parent);
      const own = await mint(t(), kind, { scopes: ['users:read'], tenant: actingOf(t(), parent), own: true });
      const below = await mint(t(), kind, {
        scopes: ['users:read'],
        tenant: actingOf(t(), child),
        own: true,
      });
      assert.equal((await whoami(headersOf(kind, own.secret))).statusCode, 200);

      const off = await as(t(), parent, 'PATCH', `/v1/tenants/${parent.id}`, { enabled: false });
      assert.equal(off.statusCode, 200, off.body);
      for (const credential of [own, below]) {
        const res = await whoami(headersOf(kind, credential.secret));
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(res.json().code, 'auth.unauthenticated');
      }
      await as(t(), parent, 'PATCH', `/v1/tenants/${parent.id}`, { enabled: true });
      assert.equal((await whoami(headersOf(kind, below.secret))).statusCode, 200);
    });
  }

  test('a credential acting as a disabled user stops working; one of the same tenant without a user goes on', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const acting = actingOf(t(), tenant);
    const hers = await mint(t(), 'api_key', { scopes: ['users:read'], tenant: acting, userId: user.id });
    const service = await mint(t(), 'api_key', { scopes: ['users:read'], tenant: acting });
    const off = await as(t(), tenant, 'PATCH', `/v1/users/${user.id}`, { enabled: false });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await whoami({ 'x-api-key': hers.secret })).statusCode, 401);
    assert.equal((await whoami({ 'x-api-key': service.secret })).statusCode, 200);
  });
});
