import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAuditEvents } from '../../src/core/audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { DomainError, type DomainErrorCode } from '../../src/core/errors.js';
import {
  createPermission,
  deletePermission,
  listPermissionsOfResourceTypes,
} from '../../src/core/services/catalog-permission.service.js';
import { checkAssociations } from '../../src/core/services/label-associations.service.js';
import { createLabel, updateLabel } from '../../src/core/services/label.service.js';
import {
  addPermissionVersion,
  getPermissionVersion,
  listPermissionVersions,
} from '../../src/core/services/permission-versions.service.js';
import {
  createResourceType,
  deleteResourceType,
  findResourceTypesById,
  getResourceType,
} from '../../src/core/services/resource-type.service.js';
import { createTenant, deleteTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { forEachDatabase } from '../support/databases.js';

const code = () => `C${Math.random().toString(36).slice(2, 10)}`;

/** Asserts that `work` fails with a DomainError of `code` whose message matches `message`. */
async function refused(work: Promise<unknown>, code: DomainErrorCode, message?: RegExp) {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

forEachDatabase('the catalog in core: resource types, versioned permissions, labels', (db) => {
  async function aTenant(): Promise<{ ctx: CoreContext; tenant: ActingTenant }> {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const made = await createTenant(ctx, wholeInstallation, { code: code(), name: 'catalog' });
    return { ctx, tenant: { id: made.id, path: `/${made.id}/` } };
  }

  test('a permission starts at version 1; each added version is the newest plus one', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Database' });
    const made = await createPermission(ctx, tenant, {
      resourceTypeId: type.id,
      name: 'read',
      variables: [{ name: 'schema' }],
    });
    assert.deepEqual(
      made.versions.map((v) => [v.version, v.variables]),
      [[1, [{ name: 'schema', type: 'String' }]]],
    );
    assert.equal(made.isDraft, false);
    const second = await addPermissionVersion(ctx, tenant, made.id, {
      variables: [{ name: 'user' }, { name: 'secret', type: 'password' }],
    });
    assert.deepEqual(
      second.versions.map((v) => v.version),
      [1, 2],
    );
    assert.equal(second.version, 2, "adding a version moves the record's own version (its ETag)");
    await addPermissionVersion(ctx, tenant, made.id, {}, 2);
    const page = await listPermissionVersions(ctx, tenant, made.id, { limit: 2, includeTotal: true });
    assert.deepEqual(
      page.rows.map((v) => v.version),
      [1, 2],
    );
    assert.equal(page.total, 3);
    assert.ok(page.nextCursor);
    const rest = await listPermissionVersions(ctx, tenant, made.id, { limit: 2, cursor: page.nextCursor });
    assert.deepEqual(
      rest.rows.map((v) => [v.version, v.variables]),
      [[3, []]],
    );
    await refused(addPermissionVersion(ctx, tenant, made.id, {}, 2), 'precondition.failed');
  });

  test('a version is found by number, by its text or as latest; any other is a 400 naming it', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Bucket' });
    const { id } = await createPermission(ctx, tenant, { resourceTypeId: type.id, name: 'write' });
    await addPermissionVersion(ctx, tenant, id, { variables: [{ name: 'bucket' }] });
    assert.equal((await getPermissionVersion(ctx, tenant, id, 1)).version, 1);
    assert.equal((await getPermissionVersion(ctx, tenant, id, '2')).version, 2);
    const latest = await getPermissionVersion(ctx, tenant, id, 'latest');
    assert.deepEqual([latest.version, latest.variables], [2, [{ name: 'bucket', type: 'String' }]]);
    assert.equal((await getPermissionVersion(ctx, tenant, id, 'LATEST')).version, 2);
    for (const unknown of [3, '3', 0, '0', '-1', '1.5', 'newest', '']) {
      await refused(
        getPermissionVersion(ctx, tenant, id, unknown),
        'permission.version_not_found',
        new RegExp(`no version "${String(unknown).replace('.', '\\.')}"`),
      );
    }
    await refused(getPermissionVersion(ctx, tenant, 'nope', 'latest'), 'permission.not_found');
  });

  test('variable names follow the rule and are unique in their version', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Queue' });
    const { id } = await createPermission(ctx, tenant, {
      resourceTypeId: type.id,
      name: 'consume',
      variables: [{ name: '_a.b-c9' }, { name: 'A'.repeat(100) }],
    });
    for (const name of ['9lives', '-x', 'a b', 'a/b', '', 'é', 'A'.repeat(101)]) {
      await refused(
        addPermissionVersion(ctx, tenant, id, { variables: [{ name }] }),
        'validation.failed',
        /is not a variable name/,
      );
    }
    await refused(
      addPermissionVersion(ctx, tenant, id, { variables: [{ name: 'x' }, { name: 'x', type: 'password' }] }),
      'validation.failed',
      /variable "x" appears twice/,
    );
    await refused(
      createPermission(ctx, tenant, {
        resourceTypeId: type.id,
        name: 'other',
        variables: [{ name: 'x' }, { name: 'x' }],
      }),
      'validation.failed',
    );
    assert.equal((await getPermissionVersion(ctx, tenant, id, 'latest')).version, 1, 'nothing was added');
  });

  test('a resource type with permissions cannot be deleted; without them it can', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Cluster', description: 'k8s' });
    const permission = await createPermission(ctx, tenant, { resourceTypeId: type.id, name: 'admin' });
    await refused(
      deleteResourceType(ctx, tenant, type.id),
      'resource_type.has_permissions',
      /delete them first/,
    );
    assert.equal((await getResourceType(ctx, tenant, type.id)).description, 'k8s');
    await deletePermission(ctx, tenant, permission.id);
    await deleteResourceType(ctx, tenant, type.id);
    await refused(getResourceType(ctx, tenant, type.id), 'resource_type.not_found');
  });

  test('names are unique: resource types per tenant, permissions per resource type, label keys per tenant', async () => {
    const { ctx, tenant } = await aTenant();
    const { tenant: other } = await aTenant();
    const a = await createResourceType(ctx, tenant, { name: 'Same' });
    await refused(createResourceType(ctx, tenant, { name: 'Same' }), 'resource_type.name_in_use', /"Same"/);
    await createResourceType(ctx, other, { name: 'Same' });
    const b = await createResourceType(ctx, tenant, { name: 'Other' });
    await createPermission(ctx, tenant, { resourceTypeId: a.id, name: 'p' });
    await refused(
      createPermission(ctx, tenant, { resourceTypeId: a.id, name: 'p' }),
      'permission.name_in_use',
      /"p"/,
    );
    await createPermission(ctx, tenant, { resourceTypeId: b.id, name: 'p' });
    await createLabel(ctx, tenant, { keyName: 'env' });
    await refused(createLabel(ctx, tenant, { keyName: 'env' }), 'label.key_in_use', /"env"/);
    await createLabel(ctx, other, { keyName: 'env' });
  });

  test("a permission refers to a resource type of its own tenant; another tenant's is unknown", async () => {
    const { ctx, tenant } = await aTenant();
    const { tenant: other } = await aTenant();
    const theirs = await createResourceType(ctx, other, { name: 'Theirs' });
    await refused(
      createPermission(ctx, tenant, { resourceTypeId: theirs.id, name: 'steal' }),
      'reference.not_found',
      new RegExp(theirs.id),
    );
    assert.deepEqual(await findResourceTypesById(ctx, tenant, [theirs.id]), []);
    assert.deepEqual(
      (await findResourceTypesById(ctx, other, [theirs.id, theirs.id, 'nope'])).map((r) => r.id),
      [theirs.id],
    );
  });

  test('the permissions of a set of resource types, paged by cursor or by skipping rows', async () => {
    const { ctx, tenant } = await aTenant();
    const [a, b, c] = [
      await createResourceType(ctx, tenant, { name: 'A' }),
      await createResourceType(ctx, tenant, { name: 'B' }),
      await createResourceType(ctx, tenant, { name: 'C' }),
    ];
    for (const [type, name] of [
      [a, 'a1'],
      [b, 'b1'],
      [a, 'a2'],
      [c, 'c1'],
      [b, 'b2'],
    ] as const) {
      await createPermission(ctx, tenant, { resourceTypeId: type.id, name, isDraft: name === 'b2' });
    }
    const ids = [a.id, b.id, 'not-a-type'];
    const first = await listPermissionsOfResourceTypes(ctx, tenant, ids, { limit: 3, includeTotal: true });
    assert.deepEqual(
      first.rows.map((p) => p.name),
      ['a1', 'a2', 'b1'],
    );
    assert.equal(first.total, 4);
    const second = await listPermissionsOfResourceTypes(ctx, tenant, ids, {
      limit: 3,
      cursor: first.nextCursor!,
    });
    assert.deepEqual(
      second.rows.map((p) => p.name),
      ['b2'],
    );
    assert.equal(second.nextCursor, null);
    const drafts = await listPermissionsOfResourceTypes(ctx, tenant, ids, {
      limit: 10,
      filter: 'isDraft eq false',
      sort: '-name',
    });
    assert.deepEqual(
      drafts.rows.map((p) => p.name),
      ['b1', 'a2', 'a1'],
    );
    // Pages by number (as Britive's) skip rows in the same order.
    const skipped = await listPermissionsOfResourceTypes(ctx, tenant, ids, {
      skip: 1,
      limit: 2,
      includeTotal: true,
    });
    assert.deepEqual(
      skipped.rows.map((p) => p.name),
      ['a2', 'b1'],
    );
    assert.equal(skipped.total, 4);
    const none = await listPermissionsOfResourceTypes(ctx, tenant, [], { limit: 10, includeTotal: true });
    assert.deepEqual([none.rows, none.total], [[], 0]);
    const all = await listPermissionsOfResourceTypes(ctx, tenant, undefined, {
      limit: 10,
      includeTotal: true,
    });
    assert.equal(all.total, 5);
  });

  test('label associations: every key is a label of the tenant and every value one of its values', async () => {
    const { ctx, tenant } = await aTenant();
    const { tenant: other } = await aTenant();
    await createLabel(ctx, tenant, { keyName: 'env', values: [{ name: 'prod' }, { name: 'dev' }] });
    await createLabel(ctx, tenant, { keyName: 'team/x', values: [{ name: 'blue' }] });
    await createLabel(ctx, other, { keyName: 'region', values: [{ name: 'eu' }] });
    await checkAssociations(ctx, tenant, {});
    await checkAssociations(ctx, tenant, { env: ['dev', 'prod'], 'team/x': [] });
    const issueOf = async (associations: Record<string, string[]>) => {
      try {
        await checkAssociations(ctx, tenant, associations);
      } catch (error) {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'validation.failed');
        return { message: error.message, pointer: error.issues[0]?.pointer };
      }
      return assert.fail('the associations were accepted');
    };
    assert.deepEqual(await issueOf({ env: ['prod'], region: ['eu'] }), {
      message: 'label key "region" does not exist in this tenant',
      pointer: '/associations/region',
    });
    assert.deepEqual(await issueOf({ env: ['prod', 'staging'] }), {
      message: '"staging" is not a value of label key "env"',
      pointer: '/associations/env/1',
    });
    assert.deepEqual(await issueOf({ 'team/x': ['red'] }), {
      message: '"red" is not a value of label key "team/x"',
      pointer: '/associations/team~1x/0',
    });
  });

  test('replacing the values of a label keeps the ids of those kept by name, in the order given', async () => {
    const { ctx, tenant } = await aTenant();
    const label = await createLabel(ctx, tenant, {
      keyName: 'tier',
      values: [{ name: 'gold' }, { name: 'silver', description: 'second' }],
    });
    const [gold, silver] = label.values;
    const changed = await updateLabel(ctx, tenant, label.id, {
      values: [{ name: 'bronze' }, { name: 'gold', description: 'first' }],
    });
    assert.deepEqual(
      changed.values.map((v) => [v.name, v.description]),
      [
        ['bronze', null],
        ['gold', 'first'],
      ],
    );
    assert.equal(changed.values[1]!.id, gold!.id);
    assert.notEqual(changed.values[0]!.id, silver!.id);
    await refused(
      updateLabel(ctx, tenant, label.id, { values: [{ name: 'a' }, { name: 'a' }] }),
      'validation.failed',
      /"a" appears twice/,
    );
  });

  test('every write leaves an audit event with the target before and after', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Audited' });
    const permission = await createPermission(ctx, tenant, { resourceTypeId: type.id, name: 'p' });
    await addPermissionVersion(ctx, tenant, permission.id, { variables: [{ name: 'v' }] });
    await deletePermission(ctx, tenant, permission.id);
    const label = await createLabel(ctx, tenant, { keyName: 'k' });
    await updateLabel(ctx, tenant, label.id, { description: 'd' });
    const events = await listAuditEvents(ctx, tenant, { limit: 50, sort: 'at' });
    assert.deepEqual(
      events.rows.map((e) => e.action),
      [
        'tenant.create',
        'resource_type.create',
        'catalog_permission.create',
        'catalog_permission.add_version',
        'catalog_permission.delete',
        'label.create',
        'label.update',
      ],
    );
    const added = events.rows[3]!;
    assert.equal(added.targetId, permission.id);
    assert.equal((added.before as { versions: unknown[] }).versions.length, 1);
    assert.equal((added.after as { versions: unknown[] }).versions.length, 2);
  });

  test('deleting a tenant removes its catalog', async () => {
    const { ctx, tenant } = await aTenant();
    const type = await createResourceType(ctx, tenant, { name: 'Gone' });
    const permission = await createPermission(ctx, tenant, { resourceTypeId: type.id, name: 'p' });
    await addPermissionVersion(ctx, tenant, permission.id, {});
    await createLabel(ctx, tenant, { keyName: 'k', values: [{ name: 'v' }] });
    await deleteTenant(ctx, wholeInstallation, tenant.id);
    const left = await Promise.all(
      (['resource_types', 'catalog_permissions', 'labels'] as const).map((table) =>
        ctx.db.selectFrom(table).select('id').where('tenant_id', '=', tenant.id).execute(),
      ),
    );
    assert.deepEqual(left, [[], [], []]);
    const versions = await ctx.db
      .selectFrom('catalog_permission_versions')
      .select('version')
      .where('permission_id', '=', permission.id)
      .execute();
    assert.deepEqual(versions, []);
  });
});
