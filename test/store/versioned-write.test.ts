import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import {
  deleteAtVersion,
  deleteAtVersions,
  updateAtVersion,
  updateAtVersions,
} from '../../src/store/repositories/versioned-write.js';
import { forEachDatabase } from '../support/databases.js';

const code = () => `V${Math.random().toString(36).slice(2, 10)}`;

forEachDatabase('versioned writes: optimistic locking of every versioned table', (db) => {
  async function aUser() {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const tenant = await createTenant(ctx, wholeInstallation, { code: code(), name: 'versions' });
    const user = await createUser(ctx, { id: tenant.id, path: `/${tenant.id}/` }, { username: 'ada' });
    const stored = () =>
      ctx.db.selectFrom('users').select(['nickname', 'version']).where('id', '=', user.id).executeTakeFirst();
    return { ctx, tenant, user, stored };
  }

  test('an update at the stored version applies and moves the row to the next version', async () => {
    const { ctx, tenant, user, stored } = await aUser();
    const key = { tenantId: tenant.id, id: user.id };
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 1, { nickname: 'countess' }), true);
    assert.deepEqual(await stored(), { nickname: 'countess', version: 2 });
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 2, { nickname: 'ada' }), true);
    assert.deepEqual(await stored(), { nickname: 'ada', version: 3 });
  });

  test('an update at a stale version answers false and changes nothing', async () => {
    const { ctx, tenant, user, stored } = await aUser();
    const key = { tenantId: tenant.id, id: user.id };
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 1, { nickname: 'first' }), true);
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 1, { nickname: 'second' }), false);
    assert.deepEqual(await stored(), { nickname: 'first', version: 2 });
  });

  test('the row of another tenant is not matched, whatever the version', async () => {
    const { ctx, user, stored } = await aUser();
    const other = await createTenant(ctx, wholeInstallation, { code: code(), name: 'other' });
    const key = { tenantId: other.id, id: user.id };
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 1, { nickname: 'pwned' }), false);
    assert.equal(await deleteAtVersion(ctx.db, 'users', key, 1), false);
    assert.deepEqual(await stored(), { nickname: null, version: 1 });
  });

  test('a delete at a stale version answers false and keeps the row; at the stored one it goes', async () => {
    const { ctx, tenant, user, stored } = await aUser();
    const key = { tenantId: tenant.id, id: user.id };
    assert.equal(await updateAtVersion(ctx.db, 'users', key, 1, { nickname: 'moved on' }), true);
    assert.equal(await deleteAtVersion(ctx.db, 'users', key, 1), false);
    assert.deepEqual(await stored(), { nickname: 'moved on', version: 2 });
    assert.equal(await deleteAtVersion(ctx.db, 'users', key, 2), true);
    assert.equal(await stored(), undefined);
    assert.equal(await deleteAtVersion(ctx.db, 'users', key, 2), false);
  });

  test('tenants, which no tenant owns, are matched by id and version alone', async () => {
    const { ctx } = await aUser();
    const tenant = await createTenant(ctx, wholeInstallation, { code: code(), name: 'before' });
    const name = async () =>
      (await ctx.db.selectFrom('tenants').select('name').where('id', '=', tenant.id).executeTakeFirst())
        ?.name;
    assert.equal(await updateAtVersion(ctx.db, 'tenants', { id: tenant.id }, 2, { name: 'stale' }), false);
    assert.equal(await updateAtVersion(ctx.db, 'tenants', { id: tenant.id }, 1, { name: 'after' }), true);
    assert.equal(await name(), 'after');
    assert.equal(await deleteAtVersion(ctx.db, 'tenants', { id: tenant.id }, 1), false);
    assert.equal(await deleteAtVersion(ctx.db, 'tenants', { id: tenant.id }, 2), true);
    assert.equal(await name(), undefined);
  });

  /** Three users of one tenant, and what is stored of them. */
  async function threeUsers() {
    const { ctx, tenant, user } = await aUser();
    const acting = { id: tenant.id, path: `/${tenant.id}/` };
    const more = [
      await createUser(ctx, acting, { username: 'bea' }),
      await createUser(ctx, acting, { username: 'cy' }),
    ];
    const ids = [user.id, ...more.map((u) => u.id)];
    const stored = async () =>
      (
        await ctx.db
          .selectFrom('users')
          .select(['id', 'nickname', 'version'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute()
      ).map(({ nickname, version }) => [nickname, version]);
    return { ctx, tenant, targets: ids.map((id) => ({ id, version: 1 })), stored };
  }

  test('many rows at their versions: one write changes them all, each to its next version', async () => {
    const { ctx, tenant, targets, stored } = await threeUsers();
    assert.equal(
      await updateAtVersion(ctx.db, 'users', { tenantId: tenant.id, id: targets[0]!.id }, 1, {}),
      true,
    );
    const read = [{ ...targets[0]!, version: 2 }, ...targets.slice(1)];
    assert.equal(await updateAtVersions(ctx.db, 'users', tenant.id, read, { nickname: 'all' }), true);
    assert.deepEqual(
      (await stored()).map(([nickname]) => nickname),
      ['all', 'all', 'all'],
    );
    const moved = read.map((t) => ({ ...t, version: t.version + 1 }));
    assert.equal(await deleteAtVersions(ctx.db, 'users', tenant.id, moved), true);
    assert.deepEqual(await stored(), []);
    assert.equal(await updateAtVersions(ctx.db, 'users', tenant.id, [], { nickname: 'none' }), true);
    assert.equal(await deleteAtVersions(ctx.db, 'users', tenant.id, []), true);
  });

  test('many rows, one of them stale or gone: false, and the transaction that rolls back changes nothing', async () => {
    const { ctx, tenant, targets, stored } = await threeUsers();
    await updateAtVersion(ctx.db, 'users', { tenantId: tenant.id, id: targets[1]!.id }, 1, {
      nickname: 'moved',
    });
    const before = await stored();
    for (const write of [
      (db: typeof ctx.db) => updateAtVersions(db, 'users', tenant.id, targets, { nickname: 'stale' }),
      (db: typeof ctx.db) => deleteAtVersions(db, 'users', tenant.id, targets),
      (db: typeof ctx.db) =>
        updateAtVersions(db, 'users', tenant.id, [...targets, { id: 'gone', version: 1 }], { nickname: 'x' }),
    ]) {
      const answered = await ctx.db
        .transaction()
        .execute(async (trx) => {
          const ok = await write(trx);
          if (!ok) throw new Error('lost race');
          return ok;
        })
        .catch((error: Error) => error.message);
      assert.equal(answered, 'lost race');
      assert.deepEqual(await stored(), before);
    }
  });

  test('many rows of another tenant are not matched, whatever the versions', async () => {
    const { ctx, targets, stored } = await threeUsers();
    const other = await createTenant(ctx, wholeInstallation, { code: code(), name: 'other' });
    const before = await stored();
    assert.equal(await updateAtVersions(ctx.db, 'users', other.id, targets, { nickname: 'pwned' }), false);
    assert.equal(await deleteAtVersions(ctx.db, 'users', other.id, targets), false);
    assert.deepEqual(await stored(), before);
  });
});
