import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { testAppOptions, testAuthSettings } from '../support/app.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';

/**
 * Two apps over one database, each with a connection of its own, stand for two processes behind
 * a load balancer: the attempts at the token endpoint are counted once between them, so together
 * they allow the limit once.
 */
for (const kind of testDatabaseKinds()) {
  void describe(`rate limits shared by every process [${kind}]`, () => {
    let database: TestDatabase;
    let second: Database;
    const apps: FastifyInstance[] = [];
    // Windows are aligned to the clock: a test that ran across a minute's end would start afresh
    // halfway. The apps' clock stands still, a second into the current minute.
    const now = Date.now() - (Date.now() % 60_000) + 1000;
    before(async () => {
      database = await openTestDatabase(kind, true);
      // Not the same handle: attempts counted together in one process share a statement.
      second = openDatabase({ url: database.url, sqliteSynchronous: 'NORMAL', poolSize: 4 });
      for (const db of [database.db, second.db]) {
        const options = testAppOptions(
          db,
          testAuthSettings(db, () => now),
          {
            rateLimit: { perAddress: 100, perClient: 4 },
            now: () => now,
          },
        );
        apps.push(await buildApp(options));
      }
    });
    after(async () => {
      for (const app of apps) await app.close();
      await second.close();
      await database.close();
    });

    const attempt = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/oauth2/token',
        payload: { grant_type: 'client_credentials', client_id: 'shared-limit', client_secret: 'wrong' },
      });

    test('four attempts through two processes use up a limit of four: the fifth, on either, is 429', async () => {
      for (const app of [apps[0]!, apps[1]!, apps[0]!, apps[1]!])
        assert.equal((await attempt(app)).statusCode, 401);
      for (const app of apps) {
        const limited = await attempt(app);
        assert.equal(limited.statusCode, 429, limited.body);
        assert.ok(Number(limited.headers['retry-after']) >= 1);
      }
    });

    test('parallel attempts are each counted once', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          apps[i % 2]!.inject({
            method: 'POST',
            url: '/oauth2/token',
            payload: {
              grant_type: 'client_credentials',
              client_id: 'parallel-limit',
              client_secret: 'wrong',
            },
          }),
        ),
      );
      const statuses = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
    });
  });
}
