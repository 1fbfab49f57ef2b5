import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { britiveClient } from '../../support/britive.js';
import { newTenant } from '../../support/fixtures.js';

const RM = '/api/resource-manager';

forEachApp('Britive resource profiles', (t) => {
  test("the seed's samples: create 201, list paged, get, patch 204, delete 204", async () => {
    const tenant = await newTenant(t());
    const b = await britiveClient(t(), tenant, { scheme: 'TOKEN' });
    const made = await b.request({
      method: 'POST',
      url: `${RM}/profiles`,
      payload: {
        profileId: 'string',
        name: 'string',
        description: 'string',
        expirationDuration: 0,
        status: 'inactive',
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const profile = made.json();
    assert.notEqual(profile.profileId, 'string');
    assert.deepEqual(profile, {
      profileId: profile.profileId,
      name: 'string',
      description: 'string',
      expirationDuration: 0,
      status: 'inactive',
      delegationEnabled: false,
      extendable: false,
      policyOrderingEnabled: false,
      exclusiveCheckout: false,
    });
    const list = await b.request({
      method: 'GET',
      url: `${RM}/profiles?view=summary&page=0&size=20&sort=name,asc`,
    });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(Object.keys(list.json()).sort(), ['count', 'data', 'page', 'size', 'sort']);
    assert.equal(list.json().count, 1);
    assert.deepEqual(Object.keys(list.json().data[0]).sort(), [
      'associations',
      'description',
      'expiration',
      'id',
      'lastModifiedBy',
      'name',
      'policyOrderingEnabled',
      'status',
    ]);
    const id = profile.profileId;
    assert.equal((await b.request({ method: 'GET', url: `${RM}/profiles/${id}` })).json().name, 'string');
    const patched = await b.request({
      method: 'PATCH',
      url: `${RM}/profiles/${id}`,
      payload: { description: 'new', delegationEnabled: false, expirationDuration: 3_600_000 },
    });
    assert.equal(patched.statusCode, 204, patched.body);
    assert.equal(patched.body, '');
    const after = (await b.request({ method: 'GET', url: `${RM}/profiles/${id}` })).json();
    assert.equal(after.description, 'new');
    assert.equal(after.expirationDuration, 3_600_000);
    assert.equal(after.status, 'inactive', 'fields not sent are kept');
    const gone = await b.request({ method: 'DELETE', url: `${RM}/profiles/${id}` });
    assert.equal(gone.statusCode, 204, gone.body);
    const missing = await b.request({ method: 'GET', url: `${RM}/profiles/${id}` });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().errorCode, 'RM-0010');
  });

  test('paging: count is the total, page and size are honoured, filter and sort', async () => {
    const tenant = await newTenant(t());
    const b = await britiveClient(t(), tenant);
    for (const name of ['delta', 'alpha', 'charlie', 'bravo', 'echo']) {
      const res = await b.request({
        method: 'POST',
        url: `${RM}/profiles`,
        payload: { name, status: name === 'echo' ? 'inactive' : 'active' },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const names = (res: { json: () => { data: { name: string }[] } }) => res.json().data.map((p) => p.name);
    const p0 = await b.request({ method: 'GET', url: `${RM}/profiles?size=2` });
    assert.deepEqual([p0.json().count, p0.json().page, p0.json().size], [5, 0, 2]);
    assert.deepEqual(names(p0), ['alpha', 'bravo']);
    const p2 = await b.request({ method: 'GET', url: `${RM}/profiles?size=2&page=2` });
    assert.deepEqual(names(p2), ['echo']);
    assert.deepEqual(names(await b.request({ method: 'GET', url: `${RM}/profiles?sort=name,desc&size=2` })), [
      'echo',
      'delta',
    ]);
    assert.deepEqual(
      names(await b.request({ method: 'GET', url: `${RM}/profiles?filter=name%20eq%20bravo` })),
      ['bravo'],
    );
    assert.deepEqual(
      names(
        await b.request({
          method: 'GET',
          url: `${RM}/profiles?filter=name%20co%20ha%20and%20status%20eq%20active`,
        }),
      ),
      ['alpha', 'charlie'],
    );
    assert.deepEqual(names(await b.request({ method: 'GET', url: `${RM}/profiles?searchText=LTA` })), [
      'delta',
    ]);
    for (const query of [
      'size=0',
      'size=101',
      'page=-1',
      'sort=secret,asc',
      'filter=password%20eq%20x',
      'filter=name%20eq',
    ]) {
      const res = await b.request({ method: 'GET', url: `${RM}/profiles?${query}` });
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
    }
  });

  test('HEAD /api/health without credentials, GET /api/features, and an empty JSON body on GET and DELETE', async () => {
    const health = await t().app.inject({
      method: 'HEAD',
      url: '/api/health',
      headers: { 'user-agent': 'python-requests/2.34.2' },
    });
    assert.equal(health.statusCode, 200);
    const tenant = await newTenant(t());
    const b = await britiveClient(t(), tenant);
    const features = await b.request({ method: 'GET', url: '/api/features' });
    assert.equal(features.statusCode, 200, features.body);
    assert.ok(Array.isArray(features.json()));
    assert.ok(
      features
        .json()
        .every(
          (f: { name: string; enabled: boolean }) =>
            typeof f.name === 'string' && typeof f.enabled === 'boolean',
        ),
    );
    const made = await b.request({ method: 'POST', url: `${RM}/profiles`, payload: { name: 'x' } });
    const del = await b.request({
      method: 'DELETE',
      url: `${RM}/profiles/${made.json().profileId}`,
      payload: '',
    });
    assert.equal(del.statusCode, 204, del.body);
  });

  test('POST /api/token: a TOKEN of the tenant, holding no more than its creator, that works as TOKEN and Bearer', async () => {
    const tenant = await newTenant(t());
    const native = await t().tokenFor(['credentials:write', 'profiles:read'], {
      id: tenant.id,
      path: `${t().root.path}${tenant.id}/`,
    });
    const res = await t().app.inject({
      method: 'POST',
      url: '/api/token',
      headers: { authorization: `Bearer ${native}`, 'content-type': 'application/json' },
      payload: { name: 'ci', tokenExpirationDays: 7 },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { token, expiresOn, status } = res.json();
    assert.equal(status, 'Active');
    assert.ok(Math.abs(Date.parse(expiresOn) - (Date.now() + 7 * 86_400_000)) < 60_000);
    for (const scheme of ['TOKEN', 'Bearer']) {
      const list = await t().app.inject({
        method: 'GET',
        url: `${RM}/profiles`,
        headers: { authorization: `${scheme} ${token}` },
      });
      assert.equal(list.statusCode, 200, `${scheme}: ${list.body}`);
    }
    const write = await t().app.inject({
      method: 'POST',
      url: `${RM}/profiles`,
      headers: { authorization: `TOKEN ${token}`, 'content-type': 'application/json' },
      payload: { name: 'not allowed' },
    });
    assert.equal(write.statusCode, 403, "the token holds only its creator's scopes");
    const bad = await t().app.inject({
      method: 'GET',
      url: `${RM}/profiles`,
      headers: { authorization: 'TOKEN nope' },
    });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().errorCode, 'AU-0018');
    for (const days of [0, 91]) {
      const refused = await t().app.inject({
        method: 'POST',
        url: '/api/token',
        headers: { authorization: `Bearer ${native}`, 'content-type': 'application/json' },
        payload: { name: 'ci', tokenExpirationDays: days },
      });
      assert.equal(refused.statusCode, 400);
    }
  });
});
