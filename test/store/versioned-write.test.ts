import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { deleteAtVersion, updateAtVersion } from '../../src/store/repositories/versioned-write.js';
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
});
