import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InsertQueryNode, sql, type KyselyPlugin } from 'kysely';
import { countTogether } from '../../src/auth/attempt-batch.js';
import { attemptsOver } from '../../src/auth/attempt-limit.js';
import { countAttempts } from '../../src/store/repositories/attempt-count.repository.js';
import { forEachDatabase, openTestDatabase } from '../support/databases.js';
import { unique } from '../support/app.js';

forEachDatabase('attempt counts', (db) => {
  test('each key is counted once per call, in the order given, and a new window starts again', async () => {
    const [a, b] = [unique('address:'), unique('client:')];
    assert.deepEqual(await countAttempts(db().db, [a, b], 60_000), [1, 1]);
    assert.deepEqual(await countAttempts(db().db, [b, a], 60_000), [2, 2]);
    assert.deepEqual(await countAttempts(db().db, [a], 120_000), [1]);
    // An attempt of the window before, counted late, counts in the newer one.
    assert.deepEqual(await countAttempts(db().db, [a], 60_000), [2]);
    assert.deepEqual(await countAttempts(db().db, [a], 120_000), [3]);
  });

  test('SQLite: counting leaves the durability setting as it found it', async (t) => {
    if (db().kind !== 'sqlite') return t.skip('SQLite only');
    const setting = async () =>
      (await sql<{ synchronous: number }>`pragma synchronous`.execute(db().db)).rows[0]!.synchronous;
    for (const configured of ['FULL', 'NORMAL']) {
      await sql.raw(`pragma synchronous = ${configured}`).execute(db().db);
      const before = await setting();
      await countAttempts(db().db, [unique('key:')], 60_000);
      assert.equal(await setting(), before, configured);
    }
  });
});

forEachDatabase('attempts counted together (one statement a turn)', (db) => {
  /** `db` with a count of the statements that write attempt counts. */
  const counted = () => {
    const seen = { writes: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (InsertQueryNode.is(node)) seen.writes += 1;
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    };
    return { db: db().db.withPlugin(plugin), seen };
  };

  test('attempts asked for in one turn are one statement, each numbered in the order asked', async () => {
    const { db: counting, seen } = counted();
    const [address, a, b] = [unique('address:'), unique('client:'), unique('client:')];
    const answers = await Promise.all([
      countTogether(counting, [address, a], 60_000),
      countTogether(counting, [address, b], 60_000),
      countTogether(counting, [address, a], 60_000),
      countTogether(counting, [a], 60_000),
    ]);
    assert.deepEqual(answers, [[1, 1], [2, 1], [3, 2], [3]]);
    assert.equal(seen.writes, 1);
    // The next turn goes on from the stored counts, and another window starts again.
    assert.deepEqual(await countTogether(counting, [a, address], 60_000), [4, 4]);
    assert.deepEqual(await countTogether(counting, [a], 120_000), [1]);
    assert.equal(seen.writes, 3);
  });

  test('a turn of more attempts than one statement takes is split, and still counted exactly', async () => {
    const { db: counting, seen } = counted();
    const key = unique('client:');
    const answers = await Promise.all(
      Array.from({ length: 2500 }, () => countTogether(counting, [key], 60_000)),
    );
    // Each attempt has a number of its own. (On PostgreSQL the statements run side by side over
    // the pool and commit in either order, so the numbers follow the order asked within each.)
    assert.deepEqual(
      answers.map(([count]) => count!).sort((a, b) => a - b),
      Array.from({ length: 2500 }, (_, i) => i + 1),
    );
    assert.equal(seen.writes, 3);
  });

  test('under a limit of 2, exactly 2 of 6 attempts sent at once pass', async () => {
    const key = unique('client:');
    const limit = { max: 2 };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => attemptsOver(db().db, [{ key, limit }], 60_000, 60_000)),
    );
    assert.equal(answers.filter((over) => over === undefined).length, 2);
    assert.deepEqual(await countAttempts(db().db, [key], 60_000), [7]);
  });

  test('a key the database refuses fails its own attempt only, not those it shared a statement with', async () => {
    const key = unique('client:');
    // PostgreSQL refuses a NUL in text; SQLite stores it.
    const outcomes = await Promise.allSettled([
      countTogether(db().db, [key], 60_000),
      countTogether(db().db, [`${unique('client:')}\u0000`], 60_000),
      countTogether(db().db, [key], 60_000),
    ]);
    // (Counted again one by one, they may commit in either order on PostgreSQL.)
    const counts = [outcomes[0], outcomes[2]].map((o) => (o.status === 'fulfilled' ? o.value[0] : o.reason));
    assert.deepEqual(counts.sort(), [1, 2]);
    assert.equal(outcomes[1].status, db().kind === 'postgres' ? 'rejected' : 'fulfilled');
    assert.deepEqual(await countAttempts(db().db, [key], 60_000), [3], 'each counted once');
  });

  test('a database that fails fails every attempt of the turn', async () => {
    const closed = await openTestDatabase(db().kind);
    await closed.close();
    const outcomes = await Promise.allSettled([
      countTogether(closed.db, [unique('client:')], 60_000),
      countTogether(closed.db, [unique('client:')], 60_000),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected'],
    );
  });
});
