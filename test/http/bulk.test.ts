import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { as, newProfile, newTenant, newUser } from '../support/fixtures.js';

const MISSING = '0190b7e4-0000-7000-8000-00000000dead';

forEachApp('bulk assign and revoke', (t) => {
  test('per-user results: good users succeed, unknown ones fail with a reason', async () => {
    const tenant = await newTenant(t());
    const [a, b, profile] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
    ];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id, MISSING, b.id],
      validFrom: '2026-01-01T00:00:00Z',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.applied, true);
    assert.equal(body.succeeded, 2);
    assert.equal(body.failed, 1);
    assert.deepEqual(
      body.results.map((r: any) => [r.userId, r.status, r.error?.code]),
      [
        [a.id, 'created', undefined],
        [MISSING, 'failed', 'user.not_found'],
        [b.id, 'created', undefined],
      ],
    );
    const again = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id],
    });
    assert.equal(again.json().results[0].status, 'updated');
  });

  test('atomic: one failure and nothing is written', async () => {
    const tenant = await newTenant(t());
    const [a, profile] = [await newUser(t(), tenant), await newProfile(t(), tenant)];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id, MISSING],
      atomic: true,
    });
    const body = res.json();
    assert.equal(body.applied, false);
    assert.equal(body.succeeded, 0);
    assert.equal(body.results[1].error.code, 'user.not_found');
    const list = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(list.json().total, 0);
  });

  test('bulk revoke removes the profile per user and reports users without it', async () => {
    const tenant = await newTenant(t());
    const [a, b, profile] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
    ];
    await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', { profileId: profile.id, userIds: [a.id] });
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: profile.id,
      userIds: [a.id, b.id],
    });
    const body = res.json();
    assert.deepEqual(
      body.results.map((r: any) => [r.status, r.error?.code]),
      [
        ['revoked', undefined],
        ['failed', 'assignment.not_found'],
      ],
    );
    const list = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(list.json().total, 0);
  });

  test('a window that ends before it starts fails the whole request', async () => {
    const tenant = await newTenant(t());
    const [a, profile] = [await newUser(t(), tenant), await newProfile(t(), tenant)];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id],
      validFrom: '2026-02-01T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
    });
    assert.equal(res.statusCode, 400);
  });
});
