import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { issueCredential } from '../../src/auth/credential.service.js';
import { cleanUp } from '../../src/auth/housekeeping.js';
import { allScopes } from '../../src/auth/scopes.js';
import { createSealer } from '../../src/auth/seal.js';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { openDatabase } from '../../src/store/database.js';
import type { Executor } from '../../src/store/executor.js';
import { CHANGE_CHANNEL } from '../../src/store/remote-changes.js';
import { countAttempt } from '../../src/store/repositories/attempt-count.repository.js';
import { claimSignature } from '../../src/store/repositories/used-signature.repository.js';
import { forEachDatabase } from '../support/databases.js';
import { settled } from '../support/settled.js';
import { testPasswordHashCost, unique } from '../support/app.js';

/**
 * The change feed moves with every committed write a cached read could depend on, once the
 * write is committed, and not for writes no cached read depends on: it is what keeps the read
 * cache from ever answering stale in this process.
 */
forEachDatabase('change feed', (db) => {
  const ctx = (): CoreContext => ({ db: db().db, now: Date.now, actor: 'test' });
  const generation = () => db().changes.stamp();
  // PostgreSQL: until the feed listens for other processes' commits, it moves on every read.
  before(() => settled(async () => generation() === generation()));
  const newCapability = (on: Executor, prefix = 'Cap') =>
    on
      .insertInto('capabilities')
      .values({ name: unique(prefix), display_name: 'x', description: 'x' })
      .execute();
  const tenant = () => createTenant(ctx(), wholeInstallation, { code: unique('CF'), name: 'cf' });

  test('a write outside a transaction moves it once it is done', async () => {
    const before = generation();
    await newCapability(db().db);
    assert.ok(generation() > before);
  });

  test('a transaction moves it at its commit, not before; a rollback does not', async () => {
    const before = generation();
    await db()
      .db.transaction()
      .execute(async (trx) => {
        await newCapability(trx);
        assert.equal(generation(), before, 'not yet committed: readers may still trust what they hold');
      });
    const committed = generation();
    assert.ok(committed > before);
    await assert.rejects(
      db()
        .db.transaction()
        .execute(async (trx) => {
          await newCapability(trx);
          throw new Error('undo');
        }),
      /undo/,
    );
    assert.equal(generation(), committed);
  });

  test('an update that changes no row, and reads, move nothing', async () => {
    const made = await tenant();
    const before = generation();
    await db().db.updateTable('tenants').set({ name: 'n' }).where('id', '=', 'no-such-tenant').execute();
    await db().db.selectFrom('tenants').selectAll().where('id', '=', made.id).execute();
    await sql`select 1`.execute(db().db);
    assert.equal(generation(), before);
  });

  test('the audit trail, rate-limit counters and last-used times move nothing', async () => {
    await tenant(); // its audit event is written with it
    const before = generation();
    await countAttempt(db().db, unique('key:'), 60_000);
    await db()
      .db.updateTable('credentials')
      .set({ last_used_at: Date.now() })
      .where('id', '=', 'no-matter')
      .execute();
    assert.equal(generation(), before);
  });

  test('a signature recorded on a signed request, and its removal by housekeeping, move nothing', async () => {
    const made = await tenant();
    const key = await issueCredential(
      ctx(),
      { id: made.id, path: `/${made.id}/` },
      'access_key',
      { name: 'k' },
      {
        settings: { sealer: createSealer(randomBytes(32)), passwordHashCost: testPasswordHashCost },
        grantable: allScopes,
      },
    );
    const before = generation();
    const used = { credentialId: key.credential.id, signatureHash: unique('sig:'), expiresAt: Date.now() };
    assert.equal(await claimSignature(db().db, used), true);
    const removed = await cleanUp(
      db().db,
      { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 1000 },
      used.expiresAt + 1,
    );
    assert.ok(removed.usedSignatures >= 1);
    assert.equal(generation(), before);
  });

  test('a core service write (a tenant with its audit event) moves it', async () => {
    const before = generation();
    await tenant();
    assert.ok(generation() > before);
  });

  test('it says which tables changed: a delete (which may cascade) counts as all of them', async () => {
    const made = await tenant();
    const before = generation();
    await db().db.updateTable('tenants').set({ name: 'renamed' }).where('id', '=', made.id).execute();
    assert.equal(db().changes.changedSince(before, ['tenants']), true);
    assert.equal(db().changes.changedSince(before, ['users', 'assignments']), false);
    const updated = generation();
    await db().db.deleteFrom('capabilities').where('name', '=', 'no-such-capability').execute();
    assert.equal(db().changes.changedSince(updated, ['users']), false, 'a delete of no row changes nothing');
    await newCapability(db().db, 'Gone');
    const inserted = generation();
    await db().db.deleteFrom('capabilities').where('name', 'like', 'Gone%').execute();
    assert.equal(db().changes.changedSince(inserted, ['users']), true);
  });

  test('PostgreSQL: a lost listening connection is replaced, and hears other processes again', async (t) => {
    if (db().kind !== 'postgres') return t.skip('PostgreSQL only');
    const other = new pg.Client({ connectionString: db().url });
    await other.connect();
    try {
      const listeners = () =>
        other.query(
          `select pid from pg_stat_activity where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`,
        );
      assert.equal((await listeners()).rowCount, 1, 'the feed listens on a connection of its own');
      await other.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`,
      );
      await settled(() => listeners().then((r) => r.rowCount === 1));
      await settled(async () => generation() === generation());
      const before = generation();
      await other.query(`select pg_notify('${CHANGE_CHANNEL}', 'another process')`);
      await settled(async () => generation() > before);
    } finally {
      await other.end();
    }
  });

  test('PostgreSQL: another process hears which tables a commit wrote, and its heartbeats change nothing', async (t) => {
    if (db().kind !== 'postgres') return t.skip('PostgreSQL only');
    const other = openDatabase({ url: db().url, poolSize: 1 });
    try {
      await settled(async () => other.changes.stamp() === other.changes.stamp());
      const quiet = other.changes.stamp();
      // Both feeds beat every 250 ms: after a second of them, nothing counts as changed.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(other.changes.changedSince(quiet, ['users', 'tenants', 'assignments']), false);
      const before = other.changes.stamp();
      await tenant();
      await settled(async () => other.changes.changedSince(before, ['tenants']));
      assert.equal(other.changes.changedSince(before, ['users']), false, 'a new tenant changes no user');
    } finally {
      await other.close();
    }
  });
});
