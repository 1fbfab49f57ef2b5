import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { countAttempts } from '../../src/store/repositories/attempt-count.repository.js';
import { forEachDatabase } from '../support/databases.js';
import { unique } from '../support/app.js';

forEachDatabase('attempt counts', (db) => {
  test('each key is counted once per call, in the order given, and a new window starts again', async () => {
    const [a, b] = [unique('address:'), unique('client:')];
    assert.deepEqual(await countAttempts(db().db, [a, b], 60_000), [1, 1]);
    assert.deepEqual(await countAttempts(db().db, [b, a], 60_000), [2, 2]);
    assert.deepEqual(await countAttempts(db().db, [a], 120_000), [1]);
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
