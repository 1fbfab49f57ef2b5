import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { newProfile, newTenant, newUser } from '../support/fixtures.js';

const count = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((tally, s) => ({ ...tally, [s]: (tally[s] ?? 0) + 1 }), {});

forEachApp('writes racing each other', (t) => {
  test('30 identical assigns at once all succeed, with one assignment', async () => {
    const tenant = await newTenant(t());
    const [profile, user] = [await newProfile(t(), tenant), await newUser(t(), tenant)];
    const headers = { 'target-tenant': tenant.id };
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        t().request({
          method: 'POST',
          url: '/v1/assignments',
          headers,
          payload: { profileId: profile.id, userId: user.id },
        }),
      ),
    );
    assert.deepEqual(
      count(answers.map((a) => a.statusCode)),
      { 200: 29, 201: 1 },
      answers.map((a) => a.body).join('\n'),
    );
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1, 'every answer names the one assignment');
    const listed = await t().request({
      method: 'GET',
      url: `/v1/users/${user.id}/assignments?count=true`,
      headers,
    });
    assert.equal(listed.json().total, 1);
  });

  test('bulk assigns of the same users at once all succeed, atomic or not', async () => {
    const tenant = await newTenant(t());
    const profile = await newProfile(t(), tenant);
    const users = await Promise.all([1, 2, 3].map(() => newUser(t(), tenant)));
    const headers = { 'target-tenant': tenant.id };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t().request({
          method: 'POST',
          url: '/v1/assignments/bulk-assign',
          headers,
          payload: { profileId: profile.id, userIds: users.map((u) => u.id), atomic: i % 2 === 0 },
        }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(answer.json().failed, 0, answer.body);
    }
    const listed = await t().request({
      method: 'GET',
      url: `/v1/profiles/${profile.id}/assignments?count=true`,
      headers,
    });
    assert.equal(listed.json().total, 3);
  });

  test('12 PATCHes without If-Match at once all succeed, each applied once', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const headers = { 'target-tenant': tenant.id };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t().request({
          method: 'PATCH',
          url: `/v1/users/${user.id}`,
          headers,
          payload: { nickname: `n${i}` },
        }),
      ),
    );
    assert.deepEqual(
      count(answers.map((a) => a.statusCode)),
      { 200: 12 },
      answers.map((a) => a.body).join('\n'),
    );
    const now = (await t().request({ method: 'GET', url: `/v1/users/${user.id}`, headers })).json();
    assert.equal(now.version, user.version + 12);
    // With If-Match, a lost race is still the client's 412: it asked for that version.
    const stale = await t().request({
      method: 'PATCH',
      url: `/v1/users/${user.id}`,
      headers: { ...headers, 'if-match': `"${user.version}"` },
      payload: { nickname: 'late' },
    });
    assert.equal(stale.statusCode, 412);
  });

  test('retries of one Idempotency-Key at once get the first answer, not a 409', async () => {
    const tenant = await newTenant(t());
    const headers = { 'target-tenant': tenant.id, 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t().request({ method: 'POST', url: '/v1/users', headers, payload: { username: 'once' } }),
      ),
    );
    assert.deepEqual(
      count(answers.map((a) => a.statusCode)),
      { 201: 6 },
      answers.map((a) => a.body).join('\n'),
    );
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
    assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 5);
  });
});
