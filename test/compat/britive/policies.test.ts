import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { britiveClient } from '../../support/britive.js';
import { create, newTenant, newUser } from '../../support/fixtures.js';

const RM = '/api/resource-manager';

forEachApp('Britive policies', (t) => {
  async function setup() {
    const tenant = await newTenant(t());
    const b = await britiveClient(t(), tenant);
    const profile = (
      await b.request({ method: 'POST', url: `${RM}/profiles`, payload: { name: 'Admins' } })
    ).json();
    const user = await newUser(t(), tenant, { username: `ada-${tenant.code}` });
    const group = await create(t(), tenant, '/v1/groups', { name: 'oncall', memberIds: [user.id] });
    return { tenant, b, base: `${RM}/profiles/${profile.profileId}`, user, group };
  }

  test("the SDK's create body, list, get by id and by name, compact members", async () => {
    const { b, base, user, group } = await setup();
    // policies.create as the SDK sends it: members a list, condition {}.
    const made = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: {
        name: 'on call',
        accessType: 'Allow',
        condition: {},
        isActive: true,
        isDraft: false,
        isReadOnly: false,
        resourceLabels: {},
        members: [
          { name: user.username, memberType: 'User' },
          { id: group.id, memberType: 'Tag' },
        ],
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const policy = made.json();
    assert.deepEqual(policy.members, [
      { id: user.id, name: user.username, memberType: 'User' },
      { id: group.id, name: 'oncall', memberType: 'Tag' },
    ]);
    assert.equal(policy.accessType, 'Allow');
    const list = await b.request({ method: 'GET', url: `${base}/policies` });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().map((p: { id: string }) => p.id),
      [policy.id],
    );
    const byName = await b.request({
      method: 'GET',
      url: `${base}/policies/${encodeURIComponent('on call')}`,
    });
    assert.equal(byName.json().id, policy.id);
    const compact = await b.request({
      method: 'GET',
      url: `${base}/policies/${policy.id}?compactResponse=true`,
    });
    assert.deepEqual(compact.json().members, [
      { id: user.id, memberType: 'User' },
      { id: group.id, memberType: 'Tag' },
    ]);
    const filtered = await b.request({
      method: 'GET',
      url: `${base}/policies?filter=${encodeURIComponent('name eq nobody')}`,
    });
    assert.deepEqual(filtered.json(), []);
  });

  test('members as an object, condition as text; unknown members and bad conditions are 400; names unique', async () => {
    const { b, base, user } = await setup();
    const made = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: {
        name: 'deny contractors',
        accessType: 'Deny',
        members: { users: [{ id: user.id }], tags: [], serviceIdentities: ['svc-1'], tokens: [] },
        condition: JSON.stringify({ ipAddress: '10.0.0.0/8' }),
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json().condition, { ipAddress: '10.0.0.0/8' });
    assert.deepEqual(
      made.json().members.map((m: { memberType: string }) => m.memberType),
      ['User', 'ServiceIdentity'],
    );
    for (const payload of [
      { name: 'x', members: [{ name: 'nobody', memberType: 'User' }] },
      { name: 'x', members: { tags: [{ name: 'no-such-group' }] } },
      { name: 'x', condition: 'not json' },
      { name: 'deny contractors' },
    ]) {
      const res = await b.request({ method: 'POST', url: `${base}/policies`, payload });
      assert.ok([400, 409].includes(res.statusCode), `${JSON.stringify(payload)}: ${res.body}`);
    }
  });

  test('members by id are that user, whatever usernames say; boolean filters', async () => {
    const { b, base, user, tenant } = await setup();
    // A username that reads like another user's id must not stand for that user.
    const impostor = await newUser(t(), tenant, { username: user.id });
    const made = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: { name: 'by id', members: [{ id: user.id, memberType: 'User' }] },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(
      made.json().members.map((m: { id: string }) => m.id),
      [user.id],
    );
    const byName = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: { name: 'by name', members: [{ name: user.id, memberType: 'User' }] },
    });
    assert.deepEqual(
      byName.json().members.map((m: { id: string }) => m.id),
      [impostor.id],
    );
    // Usernames that differ only in case: the one spelled exactly.
    const upper = await newUser(t(), tenant, { username: `${user.username}`.toUpperCase() });
    const exact = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: { name: 'exact', members: [{ name: upper.username, memberType: 'User' }] },
    });
    assert.deepEqual(
      exact.json().members.map((m: { id: string }) => m.id),
      [upper.id],
    );
    await b.request({ method: 'DELETE', url: `${base}/policies/exact` });
    await b.request({ method: 'POST', url: `${base}/policies`, payload: { name: 'off', isActive: false } });
    const active = await b.request({
      method: 'GET',
      url: `${base}/policies?filter=${encodeURIComponent('isActive eq true')}`,
    });
    assert.deepEqual(
      active.json().map((p: { name: string }) => p.name),
      ['by id', 'by name'],
    );
    const inactive = await b.request({
      method: 'GET',
      url: `${base}/policies?filter=${encodeURIComponent('isActive eq false')}`,
    });
    assert.deepEqual(
      inactive.json().map((p: { name: string }) => p.name),
      ['off'],
    );
  });

  test('update: the fields sent; condition null leaves it; delete 204; unknown policy 404', async () => {
    const { b, base } = await setup();
    const made = (
      await b.request({
        method: 'POST',
        url: `${base}/policies`,
        payload: { name: 'p', condition: { approval: { required: true } } },
      })
    ).json();
    const patched = await b.request({
      method: 'PATCH',
      url: `${base}/policies/${made.id}`,
      payload: { name: 'p2', accessType: 'Allow', condition: null, isActive: false, members: [] },
    });
    assert.equal(patched.statusCode, 204, patched.body);
    const got = (await b.request({ method: 'GET', url: `${base}/policies/${made.id}` })).json();
    assert.equal(got.name, 'p2');
    assert.equal(got.isActive, false);
    assert.deepEqual(got.condition, { approval: { required: true } });
    assert.equal((await b.request({ method: 'DELETE', url: `${base}/policies/${made.id}` })).statusCode, 204);
    const gone = await b.request({ method: 'GET', url: `${base}/policies/${made.id}` });
    assert.equal(gone.statusCode, 404);
  });

  test('order: 400 until policy ordering is enabled, then the given order', async () => {
    const { b, base } = await setup();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push((await b.request({ method: 'POST', url: `${base}/policies`, payload: { name } })).json().id);
    }
    const order = [
      { id: ids[2], order: 0 },
      { id: ids[0], order: 1 },
    ];
    const refused = await b.request({ method: 'POST', url: `${base}/policies/order`, payload: order });
    assert.equal(refused.statusCode, 400, refused.body);
    // policy_prioritization.enable(id) is a PATCH of the profile.
    assert.equal(
      (await b.request({ method: 'PATCH', url: base, payload: { policyOrderingEnabled: true } })).statusCode,
      204,
    );
    const done = await b.request({ method: 'POST', url: `${base}/policies/order`, payload: order });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json(), [
      { id: ids[2], order: 0 },
      { id: ids[0], order: 1 },
      { id: ids[1], order: 2 },
    ]);
    const listed = (await b.request({ method: 'GET', url: `${base}/policies` }))
      .json()
      .map((p: { name: string }) => p.name);
    assert.deepEqual(listed, ['c', 'a', 'b']);
  });

  test('ten policies added at once all stay (no lost update, no 412)', async () => {
    const { b, base } = await setup();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        b.request({ method: 'POST', url: `${base}/policies`, payload: { name: `p${i}` } }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      Array(10).fill(201),
    );
    assert.equal((await b.request({ method: 'GET', url: `${base}/policies` })).json().length, 10);
  });
});
