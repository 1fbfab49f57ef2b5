import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../support/app.js';
import { as, newTenant, rootTenant } from '../support/fixtures.js';

forEachApp('tenants', (t) => {
  test('a tenant is created under a parent and found by id and by code', async () => {
    const root = await rootTenant(t());
    const child = await newTenant(t(), root, { address: { city: 'Vancouver', country: 'CA' } });
    const byId = await t().request({ method: 'GET', url: `/v1/tenants/${child.id}` });
    assert.equal(byId.statusCode, 200);
    assert.equal(byId.json().parentId, root.id);
    assert.deepEqual(byId.json().address, { city: 'Vancouver', country: 'CA' });
    assert.equal(byId.headers.etag, '"1"');
    const byCode = await t().request({ method: 'GET', url: `/v1/tenants/${child.code}` });
    assert.equal(byCode.json().id, child.id);
  });

  test('a tenant is changed and deleted by its code, under If-Match', async () => {
    const root = await rootTenant(t());
    const child = await newTenant(t(), root);
    const renamed = await t().request({
      method: 'PATCH',
      url: `/v1/tenants/${child.code}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Renamed' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().id, child.id);
    assert.equal(renamed.json().name, 'Renamed');
    assert.equal(renamed.headers.etag, '"2"');
    const stale = await t().request({
      method: 'DELETE',
      url: `/v1/tenants/${child.code}`,
      headers: { 'if-match': '"1"' },
    });
    assert.equal(stale.statusCode, 412);
    const deleted = await t().request({
      method: 'DELETE',
      url: `/v1/tenants/${child.code}`,
      headers: { 'if-match': '"2"' },
    });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await t().request({ method: 'GET', url: `/v1/tenants/${child.id}` })).statusCode, 404);
  });

  test('moving a tenant under its own descendant is refused and changes nothing', async () => {
    const a = await newTenant(t());
    const b = await newTenant(t(), a);
    const c = await newTenant(t(), b);
    const res = await t().request({
      method: 'PATCH',
      url: `/v1/tenants/${a.id}`,
      payload: { parentId: c.id },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'tenant.cycle');
    const self = await t().request({
      method: 'PATCH',
      url: `/v1/tenants/${a.id}`,
      payload: { parentId: a.id },
    });
    assert.equal(self.json().code, 'tenant.cycle');
    const after = await t().request({ method: 'GET', url: `/v1/tenants/${a.id}` });
    assert.equal(after.json().version, 1);
  });

  test('moving a tenant takes its subtree along', async () => {
    const a = await newTenant(t());
    const b = await newTenant(t(), a);
    const c = await newTenant(t(), b);
    const d = await newTenant(t());
    const moved = await t().request({
      method: 'PATCH',
      url: `/v1/tenants/${b.id}`,
      payload: { parentId: d.id },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    // c is now below d: acting from d sees it, acting from a does not.
    assert.equal((await as(t(), d, 'GET', `/v1/tenants/${c.id}`)).statusCode, 200);
    assert.equal((await as(t(), a, 'GET', `/v1/tenants/${c.id}`)).statusCode, 404);
  });

  test('a duplicate code is a 409 that names the code', async () => {
    const a = await newTenant(t());
    const res = await t().request({
      method: 'POST',
      url: '/v1/tenants',
      payload: { code: a.code, name: 'again', parentId: (await rootTenant(t())).id },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'tenant.code_in_use');
    assert.match(res.json().detail, new RegExp(a.code));
  });

  test('a tenant with children cannot be deleted; a leaf can', async () => {
    const a = await newTenant(t());
    const b = await newTenant(t(), a);
    assert.equal(
      (await t().request({ method: 'DELETE', url: `/v1/tenants/${a.id}` })).json().code,
      'tenant.has_children',
    );
    assert.equal((await t().request({ method: 'DELETE', url: `/v1/tenants/${b.id}` })).statusCode, 204);
    assert.equal((await t().request({ method: 'GET', url: `/v1/tenants/${b.id}` })).statusCode, 404);
  });

  test('a sibling subtree does not exist for a tenant: get, list, patch and delete answer 404', async () => {
    const a = await newTenant(t());
    const b = await newTenant(t());
    assert.equal((await as(t(), a, 'GET', `/v1/tenants/${b.id}`)).statusCode, 404);
    assert.equal((await as(t(), a, 'PATCH', `/v1/tenants/${b.id}`, { name: 'x' })).statusCode, 404);
    assert.equal((await as(t(), a, 'DELETE', `/v1/tenants/${b.id}`)).statusCode, 404);
    const list = await as(
      t(),
      a,
      'GET',
      `/v1/tenants?filter=${encodeURIComponent(`id eq "${b.id}"`)}&count=true`,
    );
    assert.deepEqual(list.json().items, []);
    assert.equal(list.json().total, 0);
  });

  test('an unknown Target-Tenant is a 404', async () => {
    const res = await t().request({
      method: 'GET',
      url: '/v1/users',
      headers: { 'target-tenant': unique('nope') },
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'tenant.not_found');
  });
});
