import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { newTenant } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

forEachApp('Visier capabilities', (t) => {
  test('lists the catalog and shows one capability; unknown ones and foreign tenants are 404', async () => {
    const tenant = await newTenant(t());
    const visier = await visierClient(t(), tenant);
    const list = await visier.request({ method: 'GET', url: '/v1/admin/capabilities' });
    assert.equal(list.statusCode, 200, list.body);
    const [first] = list.json().capabilities;
    assert.deepEqual(Object.keys(first).sort(), ['description', 'displayName', 'name']);

    const one = await visier.request({ method: 'GET', url: `/v1/admin/capabilities/${first.name}` });
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), first);

    const missing = await visier.request({ method: 'GET', url: '/v1/admin/capabilities/NoSuchThing' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'capability.not_found');

    const stranger = await newTenant(t());
    const foreign = await visier.request({
      method: 'GET',
      url: `/v1/admin/capabilities?tenantCode=${stranger.code}`,
    });
    assert.equal(foreign.statusCode, 404);
  });
});
