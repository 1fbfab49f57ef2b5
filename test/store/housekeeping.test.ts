import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { allScopes } from '../../src/auth/scopes.js';
import { cleanUp } from '../../src/auth/housekeeping.js';
import { issueCredential } from '../../src/auth/credential.service.js';
import { createSealer } from '../../src/auth/seal.js';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { countAttempt } from '../../src/store/repositories/attempt-count.repository.js';
import { testPasswordHashCost } from '../support/app.js';
import { forEachDatabase } from '../support/databases.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

forEachDatabase('housekeeping', (db) => {
  const ctxAt = (at: number): CoreContext => ({ db: db().db, now: () => at, actor: 'test' });
  const sealer = createSealer(randomBytes(32));

  async function sessions() {
    const ctx = ctxAt(NOW - 10 * DAY);
    const code = `H${randomBytes(4).toString('hex')}`;
    const made = await createTenant(ctx, wholeInstallation, { code, name: 'h' });
    const tenant = { id: made.id, path: `/${made.id}/` };
    const user = await createUser(ctx, tenant, { username: 'ada' });
    const session = (at: number, expiresAt: number, userId: string | null) =>
      issueCredential(
        ctxAt(at),
        tenant,
        'session',
        { name: 's', userId, expiresAt },
        { settings: { sealer, passwordHashCost: testPasswordHashCost }, grantable: allScopes },
      );
    const ids = {
      // Ada signed in three times; the sessions of the first two ended long ago.
      first: (await session(NOW - 9 * DAY, NOW - 8 * DAY, user.id)).credential.id,
      second: (await session(NOW - 7 * DAY, NOW - 6 * DAY, user.id)).credential.id,
      newest: (await session(NOW - 5 * DAY, NOW - 4 * DAY, user.id)).credential.id,
      // A client's sessions have no last login to keep.
      client: (await session(NOW - 5 * DAY, NOW - 4 * DAY, null)).credential.id,
      live: (await session(NOW - DAY, NOW + DAY, user.id)).credential.id,
    };
    return ids;
  }

  const exists = async (id: string) =>
    (await db().db.selectFrom('credentials').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined;

  test('ended sessions go, batch after batch in one run; live ones and each user’s newest stay', async () => {
    const ids = await sessions();
    const policy = { idempotencyTtlMs: DAY, attemptWindowMs: 60_000, batch: 1 };
    const first = await cleanUp(db().db, policy, NOW);
    assert.ok(first.sessions >= 3, `one run removed ${first.sessions} in batches of 1`);
    assert.equal((await cleanUp(db().db, policy, NOW)).sessions, 0, 'nothing left for the next run');
    assert.equal(await exists(ids.first), false);
    assert.equal(await exists(ids.client), false);
    // Ada's second session is not her newest: the live one is.
    assert.equal(await exists(ids.second), false);
    assert.equal(await exists(ids.newest), false);
    assert.equal(await exists(ids.live), true);
  });

  test('a user whose sessions all ended keeps the newest, for the last login', async () => {
    const ids = await sessions();
    await db().db.deleteFrom('credentials').where('id', '=', ids.live).execute();
    const policy = { idempotencyTtlMs: DAY, attemptWindowMs: 60_000, batch: 1000 };
    await cleanUp(db().db, policy, NOW);
    assert.equal(await exists(ids.first), false);
    assert.equal(await exists(ids.second), false);
    assert.equal(await exists(ids.newest), true);
  });

  test('idempotency keys past their time and rate-limit windows that are over go, batch after batch', async () => {
    const made = await createTenant(ctxAt(NOW), wholeInstallation, {
      code: `I${randomBytes(4).toString('hex')}`,
      name: 'i',
    });
    for (const [key, at] of [
      ['old-1', NOW - 2 * DAY],
      ['old-2', NOW - 3 * DAY],
      ['old-3', NOW - 2 * DAY],
      ['fresh', NOW - 1000],
    ] as const) {
      await db()
        .db.insertInto('idempotency_keys')
        .values({
          tenant_id: made.id,
          key,
          fingerprint: 'f',
          status_code: 201,
          response_body: '{}',
          created_at: at,
        })
        .execute();
    }
    const prefix = randomBytes(4).toString('hex');
    await countAttempt(db().db, `${prefix}:over`, NOW - 120_000);
    await countAttempt(db().db, `${prefix}:current`, NOW - (NOW % 60_000));
    const removed = await cleanUp(db().db, { idempotencyTtlMs: DAY, attemptWindowMs: 60_000, batch: 1 }, NOW);
    assert.ok(removed.idempotencyKeys >= 3 && removed.attemptWindows >= 1);
    const keys = await db()
      .db.selectFrom('idempotency_keys')
      .select('key')
      .where('tenant_id', '=', made.id)
      .execute();
    assert.deepEqual(
      keys.map((k) => k.key),
      ['fresh'],
    );
    const windows = await db()
      .db.selectFrom('attempt_counts')
      .select('key')
      .where('key', 'like', `${prefix}:%`)
      .execute();
    assert.deepEqual(
      windows.map((w) => w.key),
      [`${prefix}:current`],
    );
  });

  test('an attempt counts once per call, and a new window starts again at 1', async () => {
    const key = `count:${randomBytes(4).toString('hex')}`;
    assert.equal(await countAttempt(db().db, key, 60_000), 1);
    assert.equal(await countAttempt(db().db, key, 60_000), 2);
    assert.equal(await countAttempt(db().db, key, 120_000), 1);
  });
});
