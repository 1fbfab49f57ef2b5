import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../src/core/audit/redact.js';
import { forEachApp, type Answer, type TestApp } from '../support/app.js';
import { as, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

/** The audit events about one target, oldest first. */
async function eventsOf(t: TestApp, tenant: TenantRef, targetId: string): Promise<any[]> {
  const filter = encodeURIComponent(`targetId eq "${targetId}"`);
  const res = await as(t, tenant, 'GET', `/v1/audit-events?filter=${filter}&sort=id`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

const countAll = async (t: TestApp, tenant: TenantRef) =>
  (await as(t, tenant, 'GET', '/v1/audit-events?count=true&limit=1')).json().total as number;

forEachApp('the audit trail', (t) => {
  test('each write through the API appends exactly one event with who, what, before and after', async () => {
    const tenant = await newTenant(t());
    const created = await as(t(), tenant, 'POST', '/v1/profiles', { name: 'Analyst', description: 'reads' });
    const id = created.json().id;
    const updated = await as(t(), tenant, 'PATCH', `/v1/profiles/${id}`, { description: 'reads and writes' });
    const deleted = await as(t(), tenant, 'DELETE', `/v1/profiles/${id}`);
    assert.equal(deleted.statusCode, 204);

    const events = await eventsOf(t(), tenant, id);
    assert.deepEqual(
      events.map((e) => e.action),
      ['profile.create', 'profile.update', 'profile.delete'],
    );
    const [create, update, remove] = events;
    assert.equal(create.before, null);
    assert.equal(create.after.name, 'Analyst');
    assert.equal(update.before.description, 'reads');
    assert.equal(update.after.description, 'reads and writes');
    assert.equal(remove.before.description, 'reads and writes');
    assert.equal(remove.after, null);
    const answers: Answer[] = [created, updated, deleted];
    events.forEach((event, i) => {
      assert.equal(event.requestId, answers[i]!.headers['x-request-id']);
      assert.equal(event.tenantId, tenant.id);
      assert.equal(event.source, 'native');
      assert.equal(event.targetType, 'profile');
      assert.match(event.actor, /^client:/);
      assert.ok(event.credentialId);
    });
    const one = await as(t(), tenant, 'GET', `/v1/audit-events/${update.id}`);
    assert.deepEqual(one.json(), update);
  });

  test('a failed write leaves no event', async () => {
    const tenant = await newTenant(t());
    const profile = await newProfile(t(), tenant);
    const user = await newUser(t(), tenant);
    const before = await countAll(t(), tenant);
    const failures = [
      await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { name: 'x' }, { 'if-match': '"7"' }),
      await as(t(), tenant, 'POST', '/v1/profiles', { name: profile.name }),
      await as(t(), tenant, 'POST', '/v1/profiles', { name: 'x', unknownField: 1 }),
      await as(t(), tenant, 'DELETE', `/v1/users/0190b7e4-0000-7000-8000-00000000dead`),
      await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: 'short' }),
      await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
        profileId: profile.id,
        userIds: [user.id, '0190b7e4-0000-7000-8000-00000000dead'],
        atomic: true,
      }),
    ];
    assert.deepEqual(
      failures.map((f) => f.statusCode),
      [412, 409, 400, 404, 400, 200],
    );
    assert.equal(failures[5]!.json().applied, false);
    assert.equal(await countAll(t(), tenant), before);
    assert.equal((await eventsOf(t(), tenant, profile.id)).length, 1, 'only its creation');
  });

  test('a replayed creating POST (same Idempotency-Key) appends no second event', async () => {
    const tenant = await newTenant(t());
    const send = () =>
      as(t(), tenant, 'POST', '/v1/users', { username: 'once' }, { 'idempotency-key': 'k1' });
    const first = await send();
    const replay = await send();
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal((await eventsOf(t(), tenant, first.json().id)).length, 1);
  });

  test('secrets never reach the trail', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const key = await as(t(), tenant, 'POST', '/v1/api-keys', { name: 'job', scopes: ['profiles:read'] });
    const access = await as(t(), tenant, 'POST', '/v1/access-keys', {
      name: 'job',
      scopes: ['profiles:read'],
    });
    const password = 'Never-In-The-Trail-42';
    await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password });
    const trail = (await as(t(), tenant, 'GET', '/v1/audit-events?limit=200')).body;
    for (const secret of [key.json().key, access.json().secretKey, password]) {
      assert.ok(!trail.includes(secret), 'a secret is in the audit trail');
    }
    const [created] = await eventsOf(t(), tenant, key.json().id);
    assert.equal(created.action, 'credential.create');
    assert.deepEqual(created.after.scopes, ['profiles:read']);
    const [passwordSet] = await eventsOf(t(), tenant, user.id).then((e) =>
      e.filter((x) => x.action === 'user.set_password'),
    );
    assert.ok(passwordSet, 'setting a password is audited');

    // The second fence: whatever a model carries under a secret-looking name is redacted.
    assert.deepEqual(
      redactSecrets({ name: 'n', clientSecret: 's', nested: [{ password: 'p', token: 't', keep: 1 }] }),
      {
        name: 'n',
        clientSecret: '[redacted]',
        nested: [{ password: '[redacted]', token: '[redacted]', keep: 1 }],
      },
    );
  });

  test('no API changes or deletes an event', async () => {
    const tenant = await newTenant(t());
    const [event] = (await as(t(), tenant, 'GET', '/v1/audit-events?limit=1')).json().items;
    const url = `/v1/audit-events/${event.id}`;
    const attempts = [
      await as(t(), tenant, 'DELETE', url),
      await as(t(), tenant, 'PATCH', url, { action: 'forged' }),
      await as(t(), tenant, 'PUT', url, { ...event, action: 'forged' }),
      await as(t(), tenant, 'POST', '/v1/audit-events', { ...event, action: 'forged' }),
      await as(t(), tenant, 'DELETE', '/v1/audit-events'),
    ];
    for (const res of attempts) {
      assert.ok([404, 405].includes(res.statusCode), `${res.statusCode} ${res.body}`);
    }
    assert.deepEqual((await as(t(), tenant, 'GET', url)).json(), event);
  });
});
