import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../../support/app.js';
import { as, newTenant } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

forEachApp('Visier tenants', (t) => {
  async function setup() {
    const admin = await newTenant(t());
    const visier = await visierClient(t(), admin);
    return { admin, visier };
  }
  const provision = (tenantCode: string, extra: object = {}) => ({
    tenantCode,
    tenantDisplayName: `Tenant ${tenantCode}`,
    ...extra,
  });

  test('provisions a child coded {admin}~{tenantCode}, shows it, and finds it by either code', async () => {
    const { admin, visier } = await setup();
    const code = unique('c');
    const created = await visier.request({
      method: 'POST',
      url: '/v1/admin/tenants',
      payload: provision(code, {
        purchasedModules: ['Talent'],
        industryCode: 541,
        customProperties: [{ key: 'region', value: 'EU' }],
      }),
    });
    assert.equal(created.statusCode, 200, created.body);
    const full = `${admin.code}~${code}`;
    // The provisioning answer echoes tenantCode as sent (the reference allows no `~` there).
    assert.deepEqual(created.json(), {
      tenantCode: code,
      tenantDisplayName: `Tenant ${code}`,
      purchasedModules: ['Talent'],
      industryCode: 541,
      customProperties: [{ key: 'region', value: 'EU' }],
    });

    const native = await as(t(), admin, 'GET', `/v1/tenants/${full}`);
    assert.equal(native.statusCode, 200, native.body);
    assert.equal(native.json().parentId, admin.id);
    assert.deepEqual(native.json().settings.visier.purchasedModules, ['Talent']);

    const one = await visier.request({ method: 'GET', url: `/v1/admin/tenants/${encodeURIComponent(full)}` });
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().tenantCode, full);
    const byShort = await visier.request({ method: 'GET', url: `/v1/admin/tenants/${code}` });
    assert.equal(byShort.json().tenantCode, full);
    const body = one.json();
    assert.equal(body.status, 'Current');
    assert.match(body.provisionDate, /^\d{13}$/);
    assert.equal(body.canAdministerOtherTenants, false);
    assert.deepEqual(body.modules, [{ symbolName: 'Talent', displayName: 'Talent' }]);

    const updated = await visier.request({
      method: 'PUT',
      url: `/v1/admin/tenants/${native.json().id}`,
      payload: { tenantDisplayName: 'Renamed', customProperties: { region: 'US' } },
    });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json().tenantDisplayName, 'Renamed');
    assert.deepEqual(updated.json().customProperties, [{ key: 'region', value: 'US' }]);
    assert.deepEqual(updated.json().purchasedModules, ['Talent']);
  });

  test('lists the descendants by offset; details adds modules', async () => {
    const { visier } = await setup();
    for (const code of ['bb', 'aa', 'cc']) {
      const res = await visier.request({
        method: 'POST',
        url: '/v1/admin/tenants',
        payload: provision(code),
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const page = await visier.request({ method: 'GET', url: '/v1/admin/tenants?limit=2&start=1' });
    assert.equal(page.statusCode, 200, page.body);
    const body = page.json();
    assert.deepEqual(
      body.tenants.map((x: { tenantCode: string }) => x.tenantCode.split('~')[1]),
      ['bb', 'cc'],
    );
    assert.equal(body.limit, 2);
    assert.equal(body.start, 1);
    assert.equal(body.tenants[0].modules, undefined);
    const detailed = await visier.request({ method: 'GET', url: '/v1/admin/tenants?details=true' });
    assert.equal(detailed.json().tenants.length, 3);
    assert.deepEqual(detailed.json().tenants[0].modules, []);

    const past = await visier.request({ method: 'GET', url: '/v1/admin/tenants?start=2147483647' });
    assert.equal(past.statusCode, 200, past.body);
    assert.deepEqual(past.json().tenants, []);
    // Visier's start is an int32 here: past it is the caller's mistake, never a 500.
    for (const start of ['-1', '2147483648', '100000000000000000000']) {
      const bad = await visier.request({ method: 'GET', url: `/v1/admin/tenants?start=${start}` });
      assert.equal(bad.statusCode, 400, start);
      assert.equal(bad.json().userError, true);
    }
  });

  test('disable and enable show in the native API; deleting needs a disabled tenant', async () => {
    const { admin, visier } = await setup();
    const code = unique('d');
    await visier.request({ method: 'POST', url: '/v1/admin/tenants', payload: provision(code) });
    const full = encodeURIComponent(`${admin.code}~${code}`);
    const native = async () => (await as(t(), admin, 'GET', `/v1/tenants/${full}`)).json();

    const refused = await visier.request({ method: 'DELETE', url: `/v1/admin/tenants/${full}` });
    assert.equal(refused.statusCode, 400);

    const off = await visier.request({ method: 'PUT', url: `/v1/admin/tenants/${full}/disable` });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().status, 'Disabled');
    assert.equal((await native()).enabled, false);
    const on = await visier.request({ method: 'PUT', url: `/v1/admin/tenants/${full}/enable` });
    assert.equal(on.json().status, 'Current');
    assert.equal((await native()).enabled, true);

    await visier.request({ method: 'PUT', url: `/v1/admin/tenants/${full}/disable` });
    const removed = await visier.request({ method: 'DELETE', url: `/v1/admin/tenants/${full}` });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().status, 'Deprovisioned');
    const gone = await as(t(), admin, 'GET', `/v1/tenants/${full}`);
    assert.equal(gone.statusCode, 404);
  });

  test('a tenant outside, and the acting tenant itself, are not found', async () => {
    const { admin, visier } = await setup();
    const stranger = await newTenant(t());
    for (const ref of [stranger.code, stranger.id, admin.code]) {
      const res = await visier.request({ method: 'PUT', url: `/v1/admin/tenants/${ref}/disable` });
      assert.equal(res.statusCode, 404, ref);
      assert.equal(res.json().code, 'tenant.not_found');
    }
    assert.equal((await as(t(), stranger, 'GET', `/v1/tenants/${stranger.id}`)).json().enabled, true);
  });

  test('a taken code is 409; a batch is all or nothing; bad input is 400 and writes nothing', async () => {
    const { admin, visier } = await setup();
    const code = unique('e');
    await visier.request({ method: 'POST', url: '/v1/admin/tenants', payload: provision(code) });
    const again = await visier.request({
      method: 'POST',
      url: '/v1/admin/tenants',
      payload: provision(code),
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'tenant.code_in_use');

    const fresh = unique('f');
    const batch = await visier.request({
      method: 'POST',
      url: '/v1/admin/tenants/batch',
      payload: { tenants: [provision(fresh), provision(code)] },
    });
    assert.equal(batch.statusCode, 409, batch.body);
    const notMade = await as(
      t(),
      admin,
      'GET',
      `/v1/tenants/${encodeURIComponent(`${admin.code}~${fresh}`)}`,
    );
    assert.equal(notMade.statusCode, 404);

    for (const payload of [
      provision('9starts-with-digit'),
      provision('has~tilde'),
      { tenantCode: 'NoName' },
      provision('x'.repeat(60)),
      provision(unique('g'), { industryCode: 'retail' }),
    ]) {
      const res = await visier.request({ method: 'POST', url: '/v1/admin/tenants', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().userError, true);
    }
    const twice = await visier.request({
      method: 'POST',
      url: '/v1/admin/tenants/batch',
      payload: { tenants: [provision(fresh), provision(fresh)] },
    });
    assert.equal(twice.statusCode, 400, twice.body);

    const ok = await visier.request({
      method: 'POST',
      url: '/v1/admin/tenants/batch',
      payload: { tenants: [provision(fresh), provision(unique('h'))] },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().tenants.length, 2);
    const list = await visier.request({ method: 'GET', url: '/v1/admin/tenants' });
    assert.equal(list.json().tenants.length, 3);
  });
});
