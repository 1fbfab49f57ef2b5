import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreContext } from '../../src/core/context.js';
import { assign } from '../../src/core/services/assignment.service.js';
import { createGroup } from '../../src/core/services/group.service.js';
import { createPermission } from '../../src/core/services/catalog-permission.service.js';
import { createLabel } from '../../src/core/services/label.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createResourceType } from '../../src/core/services/resource-type.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import * as assignments from '../../src/store/repositories/assignment.repository.js';
import * as checkouts from '../../src/store/repositories/checkout.repository.js';
import * as permissions from '../../src/store/repositories/catalog-permission.repository.js';
import * as groups from '../../src/store/repositories/group.repository.js';
import * as labels from '../../src/store/repositories/label.repository.js';
import * as profiles from '../../src/store/repositories/profile.repository.js';
import * as resourceTypes from '../../src/store/repositories/resource-type.repository.js';
import * as tenants from '../../src/store/repositories/tenant.repository.js';
import * as users from '../../src/store/repositories/user.repository.js';
import { forEachDatabase } from '../support/databases.js';

const page = { limit: 100, includeTotal: true };

// Each test ends with the same calls made as the owning tenant, which must find and change the
// row: without that, a repository that found nothing at all would pass as isolated.

forEachDatabase('a tenant cannot read or change another tenant’s rows through any repository', (db) => {
  async function twoTenants() {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const root = await createTenant(ctx, wholeInstallation, {
      code: `R${Math.random().toString(36).slice(2, 10)}`,
      name: 'r',
    });
    const rootActing = { id: root.id, path: `/${root.id}/` };
    const mine = await createTenant(ctx, rootActing, {
      code: `M${Math.random().toString(36).slice(2, 10)}`,
      name: 'm',
      parentId: root.id,
    });
    const theirs = await createTenant(ctx, rootActing, {
      code: `T${Math.random().toString(36).slice(2, 10)}`,
      name: 't',
      parentId: root.id,
    });
    const me = { id: mine.id, path: `/${root.id}/${mine.id}/` };
    const them = { id: theirs.id, path: `/${root.id}/${theirs.id}/` };
    const user = await createUser(ctx, them, { username: 'victim' });
    const profile = await createProfile(ctx, them, { name: 'secret' });
    const group = await createGroup(ctx, them, { name: 'g', memberIds: [user.id] });
    const { assignment } = await assign(ctx, them, { profileId: profile.id, userId: user.id });
    return { ctx, me, them, user, profile, group, assignment };
  }

  test('users', async () => {
    const { ctx, me, them, user } = await twoTenants();
    assert.equal(await users.findUser(ctx.db, me.id, user.id), undefined);
    assert.equal(await users.findUserByUsername(ctx.db, me.id, 'victim'), undefined);
    assert.deepEqual(await users.findUsers(ctx.db, me.id, [user.id]), []);
    assert.deepEqual([...(await users.findUserIds(ctx.db, me.id, [user.id]))], []);
    assert.equal((await users.listUsers(ctx.db, me.id, page)).total, 0);
    assert.equal(await users.updateUser(ctx.db, me.id, user.id, 1, { nickname: 'pwned' }), false);
    assert.equal(await users.deleteUser(ctx.db, me.id, user.id, 1), false);

    assert.equal((await users.findUser(ctx.db, them.id, user.id))?.nickname, null);
    assert.equal((await users.findUserByUsername(ctx.db, them.id, 'victim'))?.id, user.id);
    assert.deepEqual(
      (await users.findUsers(ctx.db, them.id, [user.id])).map((u) => u.id),
      [user.id],
    );
    assert.deepEqual([...(await users.findUserIds(ctx.db, them.id, [user.id]))], [user.id]);
    assert.equal((await users.listUsers(ctx.db, them.id, page)).total, 1);
    assert.equal(await users.updateUser(ctx.db, them.id, user.id, 1, { nickname: 'fine' }), true);
    assert.equal(await users.deleteUser(ctx.db, them.id, user.id, 2), true);
  });

  test('profiles', async () => {
    const { ctx, me, them, profile } = await twoTenants();
    assert.equal(await profiles.findProfile(ctx.db, me.id, profile.id), undefined);
    assert.equal((await profiles.listProfiles(ctx.db, me.id, page)).total, 0);
    assert.equal(await profiles.updateProfile(ctx.db, me.id, profile.id, 1, { name: 'pwned' }), false);
    assert.equal(await profiles.deleteProfile(ctx.db, me.id, profile.id, 1), false);

    assert.equal((await profiles.findProfile(ctx.db, them.id, profile.id))?.name, 'secret');
    assert.equal((await profiles.listProfiles(ctx.db, them.id, page)).total, 1);
    assert.equal(await profiles.updateProfile(ctx.db, them.id, profile.id, 1, { name: 'fine' }), true);
    assert.equal(await profiles.deleteProfile(ctx.db, them.id, profile.id, 2), true);
  });

  test('groups', async () => {
    const { ctx, me, them, group } = await twoTenants();
    assert.equal(await groups.findGroup(ctx.db, me.id, group.id), undefined);
    assert.equal((await groups.listGroups(ctx.db, me.id, page)).total, 0);
    assert.equal(await groups.updateGroup(ctx.db, me.id, group.id, 1, { name: 'pwned' }), false);
    assert.equal(await groups.deleteGroup(ctx.db, me.id, group.id, 1), false);

    assert.equal((await groups.findGroup(ctx.db, them.id, group.id))?.name, 'g');
    assert.equal((await groups.listGroups(ctx.db, them.id, page)).total, 1);
    assert.equal(await groups.updateGroup(ctx.db, them.id, group.id, 1, { name: 'fine' }), true);
    assert.equal(await groups.deleteGroup(ctx.db, them.id, group.id, 2), true);
  });

  test('assignments', async () => {
    const { ctx, me, assignment, user, profile, them } = await twoTenants();
    const held = { profileId: profile.id, scopeTenantId: them.id };
    const read = [{ id: assignment.id, version: 1 }];
    assert.equal(await assignments.findAssignment(ctx.db, me.id, assignment.id), undefined);
    assert.deepEqual(await assignments.findAssignmentsOfUsers(ctx.db, me.id, [user.id], held), []);
    assert.equal((await assignments.listAssignments(ctx.db, me.id, { userId: user.id }, page)).total, 0);
    assert.equal(await assignments.updateAssignment(ctx.db, me.id, assignment, 1, { validUntil: 0 }), false);
    assert.equal(
      await assignments.updateAssignmentsAtVersions(ctx.db, me.id, read, { validUntil: 0 }),
      false,
    );
    assert.equal(await assignments.deleteAssignmentsAtVersions(ctx.db, me.id, read), false);
    assert.equal(await assignments.deleteAssignment(ctx.db, me.id, assignment, 1), false);

    assert.equal((await assignments.findAssignment(ctx.db, them.id, assignment.id))?.id, assignment.id);
    assert.deepEqual(
      (await assignments.findAssignmentsOfUsers(ctx.db, them.id, [user.id], held)).map((a) => a.id),
      [assignment.id],
    );
    assert.equal((await assignments.listAssignments(ctx.db, them.id, { userId: user.id }, page)).total, 1);
    assert.equal(await assignments.updateAssignment(ctx.db, them.id, assignment, 1, { validUntil: 0 }), true);
    assert.equal(
      await assignments.updateAssignmentsAtVersions(ctx.db, them.id, [{ id: assignment.id, version: 2 }], {
        validUntil: 1,
      }),
      true,
    );
    assert.equal(await assignments.deleteAssignment(ctx.db, them.id, assignment, 3), true);
    const { assignment: again } = await assign(ctx, them, { profileId: profile.id, userId: user.id });
    assert.equal(await assignments.deleteAssignmentsAtVersions(ctx.db, them.id, [again]), true);
    assert.deepEqual(await assignments.findAssignmentsOfUsers(ctx.db, them.id, [user.id], held), []);
  });

  test('check-outs', async () => {
    const { ctx, me, them, user, profile, assignment } = await twoTenants();
    const at = Date.now();
    const checkout = {
      id: `c${Math.random().toString(36).slice(2, 10)}`,
      tenantId: them.id,
      profileId: profile.id,
      userId: user.id,
      assignmentId: assignment.id,
      policyId: 'p',
      checkedOutAt: at,
      expiresAt: at + 60_000,
      extensionsUsed: 0,
      checkedInAt: null,
    };
    await checkouts.insertCheckout(ctx.db, checkout);
    const selection = { profileId: profile.id };
    assert.equal(await checkouts.findCheckout(ctx.db, me.id, profile.id, checkout.id), undefined);
    assert.deepEqual(await checkouts.findLiveCheckouts(ctx.db, me.id, profile.id, at), []);
    assert.equal((await checkouts.listCheckouts(ctx.db, me.id, selection, page)).total, 0);
    assert.equal(await checkouts.updateCheckout(ctx.db, me.id, checkout.id, { checkedInAt: at }), false);

    assert.deepEqual(await checkouts.findCheckout(ctx.db, them.id, profile.id, checkout.id), checkout);
    assert.deepEqual(
      (await checkouts.findLiveCheckouts(ctx.db, them.id, profile.id, at)).map((c) => c.id),
      [checkout.id],
    );
    assert.equal((await checkouts.listCheckouts(ctx.db, them.id, selection, page)).total, 1);
    assert.equal(await checkouts.updateCheckout(ctx.db, them.id, checkout.id, { checkedInAt: at }), true);
    assert.deepEqual(await checkouts.findLiveCheckouts(ctx.db, them.id, profile.id, at), []);
  });

  test('resource types', async () => {
    const { ctx, me, them } = await twoTenants();
    const type = await createResourceType(ctx, them, { name: 'secret' });
    assert.equal(await resourceTypes.findResourceType(ctx.db, me.id, type.id), undefined);
    assert.deepEqual(await resourceTypes.findResourceTypes(ctx.db, me.id, [type.id]), []);
    assert.equal((await resourceTypes.listResourceTypes(ctx.db, me.id, page)).total, 0);
    assert.equal(await resourceTypes.updateResourceType(ctx.db, me.id, type.id, 1, { name: 'pwned' }), false);
    assert.equal(await resourceTypes.deleteResourceType(ctx.db, me.id, type.id, 1), false);

    assert.equal((await resourceTypes.findResourceType(ctx.db, them.id, type.id))?.name, 'secret');
    assert.equal((await resourceTypes.findResourceTypes(ctx.db, them.id, [type.id])).length, 1);
    assert.equal((await resourceTypes.listResourceTypes(ctx.db, them.id, page)).total, 1);
    assert.equal(await resourceTypes.updateResourceType(ctx.db, them.id, type.id, 1, { name: 'fine' }), true);
    assert.equal(await resourceTypes.deleteResourceType(ctx.db, them.id, type.id, 2), true);
  });

  test('catalog permissions and their versions', async () => {
    const { ctx, me, them } = await twoTenants();
    const type = await createResourceType(ctx, them, { name: 't' });
    const permission = await createPermission(ctx, them, { resourceTypeId: type.id, name: 'secret' });
    const next = { version: 2, variables: [], createdAt: Date.now() };
    const byType = { resourceTypeIds: [type.id] };
    assert.equal(await permissions.findCatalogPermission(ctx.db, me.id, permission.id), undefined);
    assert.equal((await permissions.listCatalogPermissions(ctx.db, me.id, {}, page)).total, 0);
    assert.equal((await permissions.listCatalogPermissions(ctx.db, me.id, byType, page)).total, 0);
    assert.equal((await permissions.listPermissionVersions(ctx.db, me.id, permission.id, page)).total, 0);
    assert.equal(await permissions.resourceTypeHasPermissions(ctx.db, me.id, type.id), false);
    assert.equal(
      await permissions.updateCatalogPermission(ctx.db, me.id, permission.id, 1, { name: 'pwned' }),
      false,
    );
    assert.equal(await permissions.addPermissionVersion(ctx.db, me.id, permission.id, 1, next), false);
    assert.equal(await permissions.deleteCatalogPermission(ctx.db, me.id, permission.id, 1), false);

    assert.equal((await permissions.findCatalogPermission(ctx.db, them.id, permission.id))?.name, 'secret');
    assert.equal((await permissions.listCatalogPermissions(ctx.db, them.id, {}, page)).total, 1);
    assert.equal((await permissions.listCatalogPermissions(ctx.db, them.id, byType, page)).total, 1);
    assert.equal((await permissions.listPermissionVersions(ctx.db, them.id, permission.id, page)).total, 1);
    assert.equal(await permissions.resourceTypeHasPermissions(ctx.db, them.id, type.id), true);
    assert.equal(
      await permissions.updateCatalogPermission(ctx.db, them.id, permission.id, 1, { name: 'fine' }),
      true,
    );
    assert.equal(await permissions.addPermissionVersion(ctx.db, them.id, permission.id, 2, next), true);
    assert.equal(await permissions.deleteCatalogPermission(ctx.db, them.id, permission.id, 3), true);
  });

  test('labels', async () => {
    const { ctx, me, them } = await twoTenants();
    const label = await createLabel(ctx, them, { keyName: 'secret', values: [{ name: 'v' }] });
    assert.equal(await labels.findLabel(ctx.db, me.id, label.id), undefined);
    assert.deepEqual(await labels.findLabelsByKeys(ctx.db, me.id, ['secret']), []);
    assert.equal((await labels.listLabels(ctx.db, me.id, page)).total, 0);
    assert.equal(await labels.updateLabel(ctx.db, me.id, label.id, 1, { values: [] }), false);
    assert.equal(await labels.deleteLabel(ctx.db, me.id, label.id, 1), false);

    assert.equal((await labels.findLabel(ctx.db, them.id, label.id))?.values.length, 1);
    assert.equal((await labels.findLabelsByKeys(ctx.db, them.id, ['secret'])).length, 1);
    assert.equal((await labels.listLabels(ctx.db, them.id, page)).total, 1);
    assert.equal(await labels.updateLabel(ctx.db, them.id, label.id, 1, { values: [] }), true);
    assert.equal((await labels.findLabel(ctx.db, them.id, label.id))?.values.length, 0);
    assert.equal(await labels.deleteLabel(ctx.db, them.id, label.id, 2), true);
  });

  test('tenants', async () => {
    const { ctx, me, them } = await twoTenants();
    const theirs = await tenants.findTenant(ctx.db, them.path, them.id);
    assert.ok(theirs);
    assert.equal(await tenants.findTenant(ctx.db, me.path, them.id), undefined);
    assert.equal(await tenants.findTenantByCode(ctx.db, me.path, theirs.code), undefined);
    const list = await tenants.listTenants(ctx.db, me.path, page);
    assert.deepEqual(
      list.rows.map((r) => r.id),
      [me.id],
    );
  });
});
