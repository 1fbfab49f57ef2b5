import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer } from '../support/app.js';
import { as, newTenant } from '../support/fixtures.js';

const ok = (answer: Answer, status = 200) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};

/**
 * Effective access and access checks keep the text of their answers with the cached grants and
 * put the instant in: each answer must still be exactly the answer about its instant, and a write
 * must show at once.
 */
forEachApp('answers made once, with their instant put in', (t) => {
  test('each answer has its own instant and the grants of the moment', async () => {
    const tenant = await newTenant(t());
    const user = ok(await as(t(), tenant, 'POST', '/v1/users', { username: 'once' }), 201);
    const profile = ok(
      await as(t(), tenant, 'POST', '/v1/profiles', {
        name: 'Once',
        enabled: true,
        capabilities: [{ capability: 'Reports', accessLevel: 'Read', viewLevel: 'Simple' }],
      }),
      201,
    );
    ok(await as(t(), tenant, 'POST', '/v1/assignments', { userId: user.id, profileId: profile.id }), 201);
    const access = async (at: string) =>
      ok(await as(t(), tenant, 'GET', `/v1/users/${user.id}/access?at=${encodeURIComponent(at)}`));
    const check = async (at: string, level = 'Read') =>
      ok(
        await as(t(), tenant, 'POST', '/v1/access/check', {
          user: user.id,
          capability: 'Reports',
          level,
          at,
        }),
      );

    const instants = ['2026-01-01T00:00:00.000Z', '2026-06-01T12:30:00.500Z', '2027-03-04T05:06:07.008Z'];
    const answers = [];
    for (const at of instants) answers.push(await access(at));
    assert.deepEqual(
      answers.map((a) => a.at),
      instants,
    );
    for (const a of answers) {
      assert.deepEqual(
        a.capabilities.map((c: any) => [c.capability, c.accessLevel]),
        [['Reports', 'Read']],
      );
      assert.equal(a.userId, user.id);
    }
    const checks = [];
    for (const at of instants) checks.push(await check(at));
    assert.deepEqual(
      checks.map((c) => [c.at, c.allowed, c.grantedBy.length]),
      instants.map((at) => [at, true, 1]),
    );
    assert.equal((await check(instants[0]!, 'Write')).allowed, false);

    // A write shows on the next answer, whatever was kept.
    ok(
      await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, {
        capabilities: [{ capability: 'Reports', accessLevel: 'Write', viewLevel: 'Detailed' }],
      }),
    );
    const after = await access(instants[1]!);
    assert.deepEqual(after.capabilities[0].accessLevel, 'Write');
    assert.equal(after.at, instants[1]);
    assert.equal((await check(instants[2]!, 'Write')).allowed, true);
  });
});
