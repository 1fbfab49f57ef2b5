// Writes that lose to a concurrent transaction run again instead of failing: a row deleted
// between a read and an insert that refers to it, and a PostgreSQL deadlock between two writers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { assign, assignUsers } from '../../src/core/services/assignment.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { ConcurrentWrite, inTransaction } from '../../src/core/transaction.js';
import { forEachDatabase } from '../support/databases.js';

const code = () => `R${Math.random().toString(36).slice(2, 10)}`;

forEachDatabase('lost races', (db) => {
  async function aTenant() {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const made = await createTenant(ctx, wholeInstallation, { code: code(), name: 'races' });
    const tenant: ActingTenant = { id: made.id, path: `/${made.id}/` };
    const profile = await createProfile(ctx, tenant, { name: code() });
    return { ctx, tenant, profile };
  }

  test('an assignment to a user deleted since it was read is a lost race, not a database error', async () => {
    const { ctx, tenant, profile } = await aTenant();
    const terms = { profileId: profile.id, scopeTenantId: tenant.id, validFrom: null, validUntil: null };
    // The user was read (by assign) and deleted before the insert: the foreign key refuses it.
    await assert.rejects(
      inTransaction(ctx, (tx) => assignUsers(tx, tenant, terms, ['0190a7e4-0000-7000-8000-000000000000'])),
      (error: unknown) => error instanceof ConcurrentWrite,
    );
    const rows = await ctx.db
      .selectFrom('assignments')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    assert.deepEqual(rows, []);
  });

  test('run again, the assign finds the user gone: user.not_found', async () => {
    const { ctx, tenant, profile } = await aTenant();
    const user = await createUser(ctx, tenant, { username: 'gone' });
    await ctx.db.deleteFrom('users').where('id', '=', user.id).execute();
    await assert.rejects(assign(ctx, tenant, { profileId: profile.id, userId: user.id }), {
      code: 'user.not_found',
    });
  });

  test('two transactions that deadlock both complete: the one the database ends runs again', async (t) => {
    if (db().kind !== 'postgres') return t.skip('PostgreSQL detects deadlocks; SQLite has one writer');
    const { ctx, tenant } = await aTenant();
    const first = await createUser(ctx, tenant, { username: 'first' });
    const second = await createUser(ctx, tenant, { username: 'second' });
    const touch = (tx: CoreContext, id: string, by: string) =>
      tx.db.updateTable('users').set({ nickname: by }).where('id', '=', id).execute();
    // Each holds one row and then waits for the other's: PostgreSQL ends one of them (40P01).
    let arrived = 0;
    let bothHold!: () => void;
    const holding = new Promise<void>((resolve) => (bothHold = resolve));
    const attempts = { a: 0, b: 0 };
    const writer = (name: 'a' | 'b', own: string, other: string) =>
      inTransaction(ctx, async (tx) => {
        attempts[name] += 1;
        await touch(tx, own, name);
        if (attempts[name] === 1) {
          arrived += 1;
          if (arrived === 2) bothHold();
          await holding;
        }
        await touch(tx, other, name);
      });
    await Promise.all([writer('a', first.id, second.id), writer('b', second.id, first.id)]);
    assert.equal(attempts.a + attempts.b, 3, 'one of the two ran a second time');
  });
});
