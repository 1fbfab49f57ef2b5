import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { mint } from '../support/credentials.js';
import { as, newProfile, newTenant, newUser } from '../support/fixtures.js';

/**
 * The windows open and close seconds apart: within the read cache's age bound (22.5 s at the
 * least), so that what ends a kept answer is its window, not its age.
 */
const S = 1000;

/** The clock of the app and its caches, which the tests move; it starts at the real time. */
let offset = 0;
const clock = () => Date.now() + offset;

/**
 * An access check or effective access about now is kept whole (one cached read answers it) until
 * a write, or until a window of the user's assignments opens or closes: time alone must change
 * the answer at that instant, and only an instant the kept answer is true at may be stated.
 */
forEachApp(
  'answers about now',
  (t) => {
    async function windowed() {
      const tenant = await newTenant(t());
      const user = await newUser(t(), tenant);
      const profile = await newProfile(t(), tenant, {
        capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
      });
      const start = clock();
      const made = await as(t(), tenant, 'POST', '/v1/assignments', {
        profileId: profile.id,
        userId: user.id,
        validFrom: new Date(start + 10 * S).toISOString(),
        validUntil: new Date(start + 20 * S).toISOString(),
      });
      assert.equal(made.statusCode, 201, made.body);
      // An API key: its answers are kept as a token's are, and no clock makes it expire.
      const key = await mint(t(), 'api_key', { tenant: t().root, scopes: ['access:check'] });
      const byNow = () => ({ authorization: `Bearer ${key.secret}` });
      const check = async () => {
        const answer = await as(
          t(),
          tenant,
          'POST',
          '/v1/access/check',
          { user: user.id, capability: 'Security', level: 'Read' },
          byNow(),
        );
        assert.equal(answer.statusCode, 200, answer.body);
        return answer.json<{ allowed: boolean; at: string }>();
      };
      const access = async () => {
        const answer = await as(t(), tenant, 'GET', `/v1/users/${user.id}/access`, undefined, byNow());
        assert.equal(answer.statusCode, 200, answer.body);
        return answer.json<{ capabilities: { capability: string }[]; at: string }>();
      };
      return { start, check, access };
    }

    const misses = () => t().auth.reads!.stats().misses;

    test('a window that opens, then closes, changes the next answer at its instant, with no write', async () => {
      offset = 0;
      const { start, check, access } = await windowed();
      assert.equal((await check()).allowed, false);
      assert.deepEqual((await access()).capabilities, []);
      const before = misses();
      assert.equal((await check()).allowed, false);
      assert.deepEqual((await access()).capabilities, []);
      assert.equal(misses(), before, 'asked again, both are answered from what was kept');

      offset = 10 * S;
      const opened = await check();
      assert.equal(opened.allowed, true, 'the window opened: the kept "no" is not used past it');
      assert.ok(Date.parse(opened.at) >= start + 10 * S, opened.at);
      assert.deepEqual(
        (await access()).capabilities.map((c) => c.capability),
        ['Security'],
      );

      offset = 20 * S;
      assert.equal((await check()).allowed, false, 'the window closed');
      assert.deepEqual((await access()).capabilities, []);
    });

    test('a clock set back before a kept answer was made is answered for its own instant', async () => {
      offset = 0;
      const { start, check, access } = await windowed();
      // Made 15 s on: the window is open.
      offset = 15 * S;
      assert.equal((await check()).allowed, true);
      assert.equal((await access()).capabilities.length, 1);
      // Then the clock goes back to before the window opened.
      offset = 0;
      const back = await check();
      assert.equal(back.allowed, false, back.at);
      assert.ok(Date.parse(back.at) < start + 10 * S, back.at);
      assert.deepEqual((await access()).capabilities, []);
    });

    test('the instant an answer states is the clock of the request, not of the kept answer', async () => {
      offset = 0;
      const { check } = await windowed();
      const first = await check();
      offset = 5 * S;
      const second = await check();
      assert.equal(second.allowed, false);
      assert.ok(Date.parse(second.at) - Date.parse(first.at) >= 5 * S, `${first.at} ${second.at}`);
    });

    test('malformed questions are refused with a 400, and none is kept', async () => {
      offset = 0;
      const tenant = await newTenant(t());
      // The caller's credential read first, so that only the questions could add entries.
      assert.equal((await as(t(), tenant, 'GET', '/v1/whoami')).statusCode, 200);
      const entries = t().auth.reads!.stats().entries;
      for (const body of [
        { user: 'a\u0000b', capability: 'Security', level: 'Read' },
        { user: 'u', capability: 'Security', level: 'Read', tenant: '' },
        { user: 'u', capability: 'x'.repeat(201), level: 'Read' },
        { user: 42, capability: 'Security', level: 'Read' },
        { user: 'u', capability: 'Security', level: 'Everything' },
      ]) {
        const answer = await as(t(), tenant, 'POST', '/v1/access/check', body);
        assert.equal(answer.statusCode, 400, `${JSON.stringify(body)}: ${answer.body}`);
      }
      for (const query of ['tenant=a%00b', 'tenant=', `tenant=${'x'.repeat(101)}`, 'at=1e400']) {
        const answer = await as(t(), tenant, 'GET', `/v1/users/u/access?${query}`);
        assert.equal(answer.statusCode, 400, `${query}: ${answer.body}`);
      }
      assert.equal(t().auth.reads!.stats().entries, entries);
    });
  },
  { now: clock },
);
