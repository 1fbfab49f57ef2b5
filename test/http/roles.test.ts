import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer } from '../support/app.js';
import { as, newTenant } from '../support/fixtures.js';

const ok = (answer: Answer, status = 200) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};
const problem = (answer: Answer, status: number, code: string) => {
  assert.equal(answer.statusCode, status, answer.body);
  assert.equal(answer.json().code, code, answer.body);
  return answer.json();
};

forEachApp('the role catalog', (t) => {
  test('a role is created, read, changed, listed and deleted; its name never changes', async () => {
    const tenant = await newTenant(t());
    const role = ok(
      await as(t(), tenant, 'POST', '/v1/roles', { name: 'ops.reader', capabilities: ['Analyze'] }),
      201,
    );
    assert.deepEqual(
      [role.name, role.kind, role.description, role.capabilities, role.permissions, role.version],
      ['ops.reader', 'external-access', null, ['Analyze'], [], 1],
    );
    const path = `/v1/roles/${role.id}`;
    assert.deepEqual(ok(await as(t(), tenant, 'GET', path)), role);
    const changed = ok(await as(t(), tenant, 'PATCH', path, { kind: 'server', description: 'VMs' }));
    assert.deepEqual([changed.kind, changed.description, changed.version], ['server', 'VMs', 2]);
    problem(await as(t(), tenant, 'PATCH', path, { name: 'renamed' }), 400, 'validation.failed');
    const list = ok(await as(t(), tenant, 'GET', '/v1/roles?count=true'));
    assert.deepEqual([list.total, list.items[0].id], [1, role.id]);
    assert.equal((await as(t(), tenant, 'DELETE', path)).statusCode, 204);
    problem(await as(t(), tenant, 'GET', path), 404, 'role.not_found');
  });

  test('names are unique in a tenant, with a pattern; kinds are a fixed list', async () => {
    const tenant = await newTenant(t());
    ok(await as(t(), tenant, 'POST', '/v1/roles', { name: 'dup' }), 201);
    problem(await as(t(), tenant, 'POST', '/v1/roles', { name: 'dup' }), 409, 'role.name_in_use');
    problem(await as(t(), tenant, 'POST', '/v1/roles', { name: 'no spaces' }), 400, 'validation.failed');
    problem(
      await as(t(), tenant, 'POST', '/v1/roles', { name: 'k', kind: 'admin' }),
      400,
      'validation.failed',
    );
    // Another tenant has a catalog of its own.
    const other = await newTenant(t());
    ok(await as(t(), other, 'POST', '/v1/roles', { name: 'dup' }), 201);
  });

  test('a role a profile carries cannot be deleted, and shows in effective access through it', async () => {
    const tenant = await newTenant(t());
    const role = ok(await as(t(), tenant, 'POST', '/v1/roles', { name: 'db_admin' }), 201);
    // A name that only looks like it (LIKE's _ wildcard) does not hold the role.
    ok(await as(t(), tenant, 'POST', '/v1/profiles', { name: 'Lookalike', roles: ['dbXadmin'] }), 201);
    const profile = ok(
      await as(t(), tenant, 'POST', '/v1/profiles', { name: 'DBA', enabled: true, roles: ['db_admin'] }),
      201,
    );
    const refused = problem(await as(t(), tenant, 'DELETE', `/v1/roles/${role.id}`), 409, 'role.in_use');
    assert.match(refused.detail, /"DBA"/);
    assert.doesNotMatch(refused.detail, /Lookalike/);
    const user = ok(await as(t(), tenant, 'POST', '/v1/users', { username: 'dana' }), 201);
    ok(await as(t(), tenant, 'POST', '/v1/assignments', { userId: user.id, profileId: profile.id }), 201);
    const access = ok(await as(t(), tenant, 'GET', `/v1/users/${user.id}/access`));
    assert.deepEqual(access.roles, ['db_admin']);
    ok(await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { roles: [] }));
    assert.equal((await as(t(), tenant, 'DELETE', `/v1/roles/${role.id}`)).statusCode, 204);
  });

  test('every tenant has an account number of twelve digits, its own', async () => {
    const a = ok(await as(t(), await newTenant(t()), 'GET', '/v1/tenants?limit=1'));
    assert.ok(a.items.length >= 1);
    const first = await newTenant(t());
    const second = await newTenant(t());
    const one = ok(await as(t(), first, 'GET', `/v1/tenants/${first.id}`));
    const two = ok(await as(t(), second, 'GET', `/v1/tenants/${second.id}`));
    assert.match(one.accountNumber, /^[1-9]\d{11}$/);
    assert.notEqual(one.accountNumber, two.accountNumber);
  });
});
