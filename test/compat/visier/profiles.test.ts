import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { as, newProfile, newTenant, newUser } from '../../support/fixtures.js';
import { modelForm, visierClient } from '../../support/visier.js';

const MISSING = '33ba5517-e4dc-a548-8d5f-b43f7a412506';

forEachApp('Visier tenant profiles', (t) => {
  async function setup() {
    const tenant = await newTenant(t());
    const visier = await visierClient(t(), tenant);
    const profile = await newProfile(t(), tenant, {
      audience: 'tenant',
      capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Detailed' }],
      additionalCapabilities: ['Approve'],
    });
    const analytic = await newProfile(t(), tenant, { audience: 'accessible-tenants' });
    const user = await newUser(t(), tenant);
    return { tenant, visier, profile, analytic, user };
  }

  test('lists and shows the tenant profiles in Visier field names, not the analytic ones', async () => {
    const { visier, profile, analytic } = await setup();
    const list = await visier.request({ method: 'GET', url: '/v1/admin/profiles' });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().profiles, [
      {
        profileId: profile.id,
        displayName: profile.name,
        capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Detailed' }],
        additionalCapabilities: ['Approve'],
      },
    ]);
    const one = await visier.request({ method: 'GET', url: `/v1/admin/profiles/${analytic.id}` });
    assert.equal(one.statusCode, 404);
    assert.equal(one.json().userError, true);
    assert.equal(one.json().code, 'profile.not_found');
    assert.ok(one.json().rci);
  });

  test('assigns from a model= form, reports unknown users, and round-trips the epoch extremes', async () => {
    const { tenant, visier, profile, user } = await setup();
    const assigned = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/${profile.id}/assign`,
      ...modelForm({
        targetUserIds: [user.id, MISSING],
        validityStartTime: '-9223372036854775808',
        validityEndTime: '9223372036854775807',
      }),
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const body = assigned.json();
    assert.equal(body.errors, true);
    assert.deepEqual(body.successfulAssignments, [{ userId: user.id }]);
    assert.equal(body.badUserIds[0].userId, MISSING);
    assert.equal(body.badUserIds[0].error.errorMessage, 'User ID does not exist');
    assert.deepEqual(body.failedAssignments, []);

    const held = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    assert.equal(held.statusCode, 200, held.body);
    const [first] = held.json().assignedProfiles;
    assert.equal(first.validityStartTime, '-9223372036854775808');
    assert.equal(first.validityEndTime, '9223372036854775807');
    assert.deepEqual(first.additionalCapabilities, { additionalCapabilities: ['Approve'] });

    // The native API sees open ends.
    const native = await as(t(), tenant, 'GET', `/v1/assignments?userId=${user.id}`);
    assert.equal(native.json().items[0].validFrom, null);
    assert.equal(native.json().items[0].validUntil, null);
  });

  test('a window in epoch strings is kept to the millisecond; an end in the past revokes', async () => {
    const { visier, profile, user } = await setup();
    const put = (start: string, end: string) =>
      visier.request({
        method: 'PUT',
        url: `/v1/admin/profiles/${profile.id}/assign`,
        payload: { targetUserIds: [user.id], validityStartTime: start, validityEndTime: end },
      });
    assert.equal((await put('1571122800000', '1571727600001')).statusCode, 200);
    const held = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    const [first] = held.json().assignedProfiles;
    assert.equal(first.validityStartTime, '1571122800000');
    assert.equal(first.validityEndTime, '1571727600001');
    const check = await visier.request({
      method: 'POST',
      url: '/v1/access/check',
      payload: { user: user.id, capability: 'Security', level: 'Write' },
    });
    assert.equal(check.json().allowed, false, 'the window of 2019 is over');
  });

  test("one profile's details: the spec's object, and the same profile in `profiles` as the samples read it", async () => {
    const { visier, profile } = await setup();
    for (const url of [`/v1/admin/profiles/${profile.id}`]) {
      const res = await visier.request({ method: 'GET', url });
      assert.equal(res.statusCode, 200, res.body);
      const { profiles, ...spec } = res.json();
      assert.equal(spec.profileId, profile.id);
      assert.deepEqual(profiles, [spec]);
    }
  });

  test('no value opens a window by accident: a far end or start is a 400, and nothing is assigned', async () => {
    const { visier, profile, user } = await setup();
    const put = (window: object) =>
      visier.request({
        method: 'PUT',
        url: `/v1/admin/profiles/${profile.id}/assign`,
        payload: { targetUserIds: [user.id], ...window },
      });
    for (const window of [
      { validityEndTime: '-9000000000000000000' },
      { validityStartTime: '9223372036854775808' },
      { validityStartTime: '8640000000000001' },
      { validityEndTime: '253402300800000' },
      { validityStartTime: '' },
      { validityStartTime: '00001' },
      { validityStartTime: '1571727600001', validityEndTime: '1571122800000' },
    ]) {
      const res = await put(window);
      assert.equal(res.statusCode, 400, `${JSON.stringify(window)}: ${res.body}`);
      assert.equal(res.json().code, 'validation.failed');
    }
    const held = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    assert.deepEqual(held.json().assignedProfiles, []);
    const check = await visier.request({
      method: 'POST',
      url: '/v1/access/check',
      payload: { user: user.id, capability: 'Security', level: 'Write' },
    });
    assert.equal(check.json().allowed, false);
  });

  test('removes with a model= DELETE body: unknown users fail with Visier’s message', async () => {
    const { tenant, visier, profile, user } = await setup();
    await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/${profile.id}/assign`,
      payload: { targetUserIds: [user.id] },
    });
    const removed = await visier.request({
      method: 'DELETE',
      url: `/v1/admin/profiles/${profile.id}/remove`,
      ...modelForm({ targetUserIds: [user.id, MISSING] }),
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json(), {
      failed: [{ userId: MISSING, message: 'User ID does not exist' }],
      succeeded: [{ userId: user.id }],
    });
    const held = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    assert.deepEqual(held.json().assignedProfiles, []);

    // Both writes are in the audit trail, as coming through the Visier API.
    const events = await as(
      t(),
      tenant,
      'GET',
      `/v1/audit-events?filter=${encodeURIComponent('targetType eq "assignment" and source eq "visier"')}&sort=at`,
    );
    assert.equal(events.statusCode, 200, events.body);
    assert.deepEqual(
      events.json().items.map((e: any) => e.action),
      ['assignment.create', 'assignment.delete'],
    );
  });

  test('bad input is a 400 in Visier’s shape, and nothing is written', async () => {
    const { visier, profile, user } = await setup();
    const cases = [
      { payload: 'model={not json', type: 'application/x-www-form-urlencoded' },
      { payload: JSON.stringify({ targetUserIds: [user.id], validityStartTime: '12abc' }) },
      { payload: JSON.stringify({ targetUserIds: [user.id], surprise: true }) },
      {
        payload: JSON.stringify({
          targetUserIds: [user.id],
          validityStartTime: '1571727600000',
          validityEndTime: '1571122800000',
        }),
      },
    ];
    for (const c of cases) {
      const res = await visier.request({
        method: 'PUT',
        url: `/v1/admin/profiles/${profile.id}/assign`,
        headers: { 'content-type': c.type ?? 'application/json' },
        payload: c.payload,
      });
      assert.equal(res.statusCode, 400, `${c.payload}: ${res.body}`);
      assert.equal(res.json().userError, true);
      assert.ok(res.json().localizedMessage.length > 0);
    }
    const held = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    assert.deepEqual(held.json().assignedProfiles, []);
  });
});
