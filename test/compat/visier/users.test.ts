import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../../support/app.js';
import { as, create, newProfile, newTenant, newUser } from '../../support/fixtures.js';
import { modelForm, visierClient } from '../../support/visier.js';

const MISSING = '33ba5517-e4dc-a548-8d5f-b43f7a412506';

forEachApp('Visier users', (t) => {
  async function setup() {
    const tenant = await newTenant(t());
    const visier = await visierClient(t(), tenant);
    return { tenant, visier };
  }

  test('creates a user: 201, accountEnabled a string there and a boolean when read', async () => {
    const { tenant, visier } = await setup();
    const username = unique('jdoe');
    const created = await visier.request({
      method: 'POST',
      url: '/v1/admin/users',
      ...modelForm({
        username,
        displayName: 'Jane Doe',
        employeeId: 'E-42',
        accountEnabled: 'false',
        email: `${username}@example.com`,
      }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.deepEqual(body, {
      userId: body.userId,
      username,
      displayName: 'Jane Doe',
      employeeId: 'E-42',
      accountEnabled: 'false',
      email: `${username}@example.com`,
    });

    const read = await visier.request({ method: 'GET', url: `/v1/admin/users/${body.userId}` });
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json(), {
      userId: body.userId,
      username,
      displayName: 'Jane Doe',
      employeeId: 'E-42',
      accountEnabled: false,
      email: `${username}@example.com`,
    });

    // The native API shows the new fields too.
    const native = await as(t(), tenant, 'GET', `/v1/users/${body.userId}`);
    assert.equal(native.json().displayName, 'Jane Doe');
    assert.equal(native.json().employeeId, 'E-42');
    assert.equal(native.json().enabled, false);
  });

  test('updates with the same DTO, clears with an empty string, deletes with {}', async () => {
    const { visier, tenant } = await setup();
    const user = await newUser(t(), tenant, { displayName: 'Old', employeeId: 'E-1' });
    const put = await visier.request({
      method: 'PUT',
      url: `/v1/admin/users/${user.id}`,
      payload: { displayName: 'New', employeeId: '', accountEnabled: 'false' },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { username: user.username, displayName: 'New', accountEnabled: 'false' });
    const native = await as(t(), tenant, 'GET', `/v1/users/${user.id}`);
    assert.equal(native.json().employeeId, null);

    const gone = await visier.request({ method: 'DELETE', url: `/v1/admin/users/${user.id}` });
    assert.equal(gone.statusCode, 200, gone.body);
    assert.deepEqual(gone.json(), {});
    const again = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}` });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().code, 'user.not_found');
  });

  test('pages by offset with limit and start, in username order, and caps the limit', async () => {
    const { visier, tenant } = await setup();
    for (const name of ['c', 'a', 'b']) await newUser(t(), tenant, { username: `${name}-user` });
    const page = async (query: string) => {
      const res = await visier.request({ method: 'GET', url: `/v1/admin/users?${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const first = await page('limit=2&start=0');
    assert.deepEqual(
      first.users.map((u: { username: string }) => u.username),
      ['a-user', 'b-user'],
    );
    assert.equal(first.limit, 2);
    assert.equal(first.start, 0);
    const second = await page('limit=2&start=2');
    assert.deepEqual(
      second.users.map((u: { username: string }) => u.username),
      ['c-user'],
    );
    assert.equal(typeof second.users[0].accountEnabled, 'boolean');
    const capped = await page('limit=5000');
    assert.equal(capped.limit, 1000);
    assert.equal(capped.users.length, 3);
    const past = await page('start=4294967295');
    assert.deepEqual(past.users, []);
    assert.equal(past.start, 4294967295);
    // Visier's start is a uint32: below 0 or past it is the caller's mistake, never a 500.
    for (const start of ['-1', '4294967296', '100000000000000000000']) {
      const bad = await visier.request({ method: 'GET', url: `/v1/admin/users?start=${start}` });
      assert.equal(bad.statusCode, 400, start);
      assert.equal(bad.json().userError, true);
    }
  });

  test('the flags add profiles, their permissions and groups; lastLogin follows a sign-in', async () => {
    const { visier, tenant } = await setup();
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant, {
      audience: 'tenant',
      permissions: [{ permissionId: 'perm-1', name: 'Read payroll', description: 'Payroll data' }],
    });
    await as(t(), tenant, 'POST', '/v1/assignments', { profileId: profile.id, userId: user.id });
    const group = await create(t(), tenant, '/v1/groups', { name: unique('group'), memberIds: [user.id] });

    const plain = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}` });
    assert.equal(plain.json().profiles, undefined);
    assert.equal(plain.json().lastLogin, undefined);

    const full = await visier.request({
      method: 'GET',
      url: `/v1/admin/users/${user.id}?assignedProfiles=true&assignedPermissions=true&assignedUserGroups=true`,
    });
    assert.equal(full.statusCode, 200, full.body);
    const body = full.json();
    assert.equal(body.profiles.assignedProfiles[0].profileId, profile.id);
    assert.equal(body.profiles.assignedProfiles[0].validityStartTime, '-9223372036854775808');
    assert.deepEqual(body.permissions, {
      assignedPermissions: [
        { permissionId: 'perm-1', displayName: 'Read payroll', description: 'Payroll data' },
      ],
    });
    assert.deepEqual(body.userGroups, {
      assignedUserGroups: [{ userGroupId: group.id, displayName: group.name }],
    });

    const onlyPermissions = await visier.request({
      method: 'GET',
      url: `/v1/admin/users?assignedPermissions=true`,
    });
    const listed = onlyPermissions.json().users[0];
    assert.equal(listed.profiles, undefined);
    assert.equal(listed.permissions.assignedPermissions[0].permissionId, 'perm-1');

    const password = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, {
      password: 'Correct-Horse-Battery-42!',
    });
    assert.equal(password.statusCode, 200, password.body);
    const signIn = await t().request({
      method: 'POST',
      url: '/v1/sessions',
      payload: { tenant: tenant.code, username: user.username, password: 'Correct-Horse-Battery-42!' },
    });
    assert.equal(signIn.statusCode, 201, signIn.body);
    const after = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}` });
    assert.match(after.json().lastLogin.timestamp, /^\d{13}$/);
  });

  test('tenantCode and TargetTenantID pick a tenant below; one outside answers 404', async () => {
    const { visier, tenant } = await setup();
    const child = await newTenant(t(), tenant);
    const stranger = await newTenant(t());
    const user = await newUser(t(), child);

    const byCode = await visier.request({ method: 'GET', url: `/v1/admin/users?tenantCode=${child.code}` });
    assert.equal(byCode.statusCode, 200, byCode.body);
    assert.deepEqual(
      byCode.json().users.map((u: { userId: string }) => u.userId),
      [user.id],
    );
    const byHeader = await visier.request({
      method: 'GET',
      url: `/v1/admin/users/${user.id}`,
      headers: { targettenantid: child.code },
    });
    assert.equal(byHeader.statusCode, 200, byHeader.body);
    const own = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}` });
    assert.equal(own.statusCode, 404);

    const created = await visier.request({
      method: 'POST',
      url: `/v1/admin/users?tenantCode=${child.code}`,
      payload: { username: unique('child-user') },
    });
    assert.equal(created.statusCode, 201, created.body);
    const nativeChild = await as(t(), child, 'GET', `/v1/users/${created.json().userId}`);
    assert.equal(nativeChild.statusCode, 200);

    const outside = await visier.request({
      method: 'GET',
      url: `/v1/admin/users?tenantCode=${stranger.code}`,
    });
    assert.equal(outside.statusCode, 404);
    assert.equal(outside.json().code, 'tenant.not_found');
    const outsideWrite = await visier.request({
      method: 'POST',
      url: `/v1/admin/users?tenantCode=${stranger.code}`,
      payload: { username: unique('intruder') },
    });
    assert.equal(outsideWrite.statusCode, 404);
  });

  test('a taken username is 409; bad input is 400 and writes nothing', async () => {
    const { visier, tenant } = await setup();
    const user = await newUser(t(), tenant);
    const taken = await visier.request({
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: user.username },
    });
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json().code, 'user.username_in_use');

    for (const payload of [
      { username: unique('u'), accountEnabled: true },
      { username: unique('u'), accountEnabled: 'yes' },
      { displayName: 'No username' },
      { username: unique('u'), email: 'not an email' },
      { username: unique('u'), shoeSize: 42 },
    ]) {
      const res = await visier.request({ method: 'POST', url: '/v1/admin/users', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().userError, true);
      assert.ok(res.json().message);
    }
    const emptyUpdate = await visier.request({
      method: 'PUT',
      url: `/v1/admin/users/${user.id}`,
      payload: {},
    });
    assert.equal(emptyUpdate.statusCode, 400);
    const missing = await visier.request({
      method: 'PUT',
      url: `/v1/admin/users/${MISSING}`,
      payload: { displayName: 'x' },
    });
    assert.equal(missing.statusCode, 404);

    const list = await visier.request({ method: 'GET', url: '/v1/admin/users' });
    assert.deepEqual(
      list.json().users.map((u: { userId: string }) => u.userId),
      [user.id],
    );
  });

  test('needs users scopes', async () => {
    const { tenant } = await setup();
    const reader = await visierClient(t(), tenant, ['users:read']);
    const denied = await reader.request({
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: 'x' },
    });
    assert.equal(denied.statusCode, 403);
    const allowed = await reader.request({ method: 'GET', url: '/v1/admin/users' });
    assert.equal(allowed.statusCode, 200);
  });
});
