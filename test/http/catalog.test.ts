import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPermission } from '../../src/core/services/catalog-permission.service.js';
import { updateLabel } from '../../src/core/services/label.service.js';
import { addPermissionVersion } from '../../src/core/services/permission-versions.service.js';
import { deleteResourceType, updateResourceType } from '../../src/core/services/resource-type.service.js';
import { forEachApp, type Answer } from '../support/app.js';
import {
  actingOf,
  as,
  create,
  newPermission,
  newResourceType,
  newTenant,
  type TenantRef,
} from '../support/fixtures.js';
import { NEVER_USED_ID } from '../support/security-routes.js';

const ok = (answer: Answer, status = 200) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};
const problem = (answer: Answer, status: number, code: string) => {
  assert.equal(answer.statusCode, status, answer.body);
  assert.equal(answer.json().code, code, answer.body);
  return answer.json();
};
const filterOf = (text: string) => encodeURIComponent(text);

forEachApp('the catalog: resource types, permissions and labels', (t) => {
  test('a resource type is created, read, changed under If-Match, listed and deleted', async () => {
    const tenant = await newTenant(t());
    const made = await as(t(), tenant, 'POST', '/v1/resource-types', {
      name: 'Database',
      description: 'SQL',
    });
    const type = ok(made, 201);
    assert.equal(made.headers.location, `/v1/resource-types/${type.id}`);
    assert.equal(made.headers.etag, '"1"');
    assert.equal(type.tenantId, tenant.id);
    assert.match(type.createdAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(ok(await as(t(), tenant, 'GET', `/v1/resource-types/${type.id}`)), type);
    const stale = { 'if-match': '"7"' };
    const path = `/v1/resource-types/${type.id}`;
    problem(await as(t(), tenant, 'PATCH', path, { name: 'x' }, stale), 412, 'precondition.failed');
    const renamed = ok(await as(t(), tenant, 'PATCH', path, { name: 'Warehouse' }, { 'if-match': '"1"' }));
    assert.deepEqual([renamed.name, renamed.description, renamed.version], ['Warehouse', 'SQL', 2]);
    const list = ok(
      await as(t(), tenant, 'GET', `/v1/resource-types?filter=${filterOf('name sw "ware"')}&count=true`),
    );
    assert.deepEqual([list.total, list.items[0].id], [1, type.id]);
    assert.equal((await as(t(), tenant, 'DELETE', path)).statusCode, 204);
    problem(await as(t(), tenant, 'GET', path), 404, 'resource_type.not_found');
  });

  test('names in use are 409s that name them', async () => {
    const tenant = await newTenant(t());
    const type = await newResourceType(t(), tenant, { name: 'Bucket' });
    const again = problem(
      await as(t(), tenant, 'POST', '/v1/resource-types', { name: 'Bucket' }),
      409,
      'resource_type.name_in_use',
    );
    assert.match(again.detail, /"Bucket"/);
    const other = await newResourceType(t(), tenant);
    problem(
      await as(t(), tenant, 'PATCH', `/v1/resource-types/${other.id}`, { name: 'Bucket' }),
      409,
      'resource_type.name_in_use',
    );
    await newPermission(t(), tenant, { resourceTypeId: type.id, name: 'read' });
    const taken = { resourceTypeId: type.id, name: 'read' };
    problem(await as(t(), tenant, 'POST', '/v1/permissions', taken), 409, 'permission.name_in_use');
    ok(await as(t(), tenant, 'POST', '/v1/permissions', { ...taken, resourceTypeId: other.id }), 201);
    await create(t(), tenant, '/v1/labels', { keyName: 'env' });
    problem(await as(t(), tenant, 'POST', '/v1/labels', { keyName: 'env' }), 409, 'label.key_in_use');
  });

  test('a permission starts at version 1 and each POST of a version appends the next', async () => {
    const tenant = await newTenant(t());
    const permission = await newPermission(t(), tenant, { variables: [{ name: 'schema' }], isDraft: true });
    assert.equal(permission.isDraft, true);
    assert.deepEqual(
      permission.versions.map((v: any) => [v.version, v.variables]),
      [[1, [{ name: 'schema', type: 'String' }]]],
    );
    assert.match(permission.versions[0].createdAt, /Z$/);
    const url = `/v1/permissions/${permission.id}/versions`;
    const added = await as(
      t(),
      tenant,
      'POST',
      url,
      { variables: [{ name: 'db.user' }, { name: 'secret', type: 'password' }] },
      { 'if-match': '"1"' },
    );
    const after = ok(added, 201);
    assert.equal(added.headers.etag, '"2"');
    assert.deepEqual(after.versions.at(-1).version, 2);
    assert.deepEqual(after.versions.at(-1).variables, [
      { name: 'db.user', type: 'String' },
      { name: 'secret', type: 'password' },
    ]);
    problem(await as(t(), tenant, 'POST', url, {}, { 'if-match': '"1"' }), 412, 'precondition.failed');
    ok(await as(t(), tenant, 'POST', url, {}), 201);
    const first = ok(await as(t(), tenant, 'GET', `${url}?limit=2&count=true`));
    assert.deepEqual([first.items.map((v: any) => v.version), first.total], [[1, 2], 3]);
    const rest = ok(await as(t(), tenant, 'GET', `${url}?limit=2&cursor=${first.nextCursor}`));
    assert.deepEqual([rest.items.map((v: any) => v.version), rest.nextCursor], [[3], null]);
    const newest = ok(await as(t(), tenant, 'GET', `${url}?sort=-version&limit=1`));
    assert.equal(newest.items[0].version, 3);
    const changed = ok(
      await as(t(), tenant, 'PATCH', `/v1/permissions/${permission.id}`, { isDraft: false }),
    );
    assert.deepEqual([changed.isDraft, changed.versions.length, changed.version], [false, 3, 4]);
  });

  test('variable names: the rule and uniqueness in a version are 400s naming the variable', async () => {
    const tenant = await newTenant(t());
    const permission = await newPermission(t(), tenant);
    const url = `/v1/permissions/${permission.id}/versions`;
    for (const name of ['9lives', 'has space', '', 'a'.repeat(101)]) {
      const refused = problem(
        await as(t(), tenant, 'POST', url, { variables: [{ name }] }),
        400,
        'validation.failed',
      );
      assert.equal(refused.errors[0].pointer, '/variables/0/name', refused.detail);
    }
    problem(
      await as(t(), tenant, 'POST', url, { variables: [{ name: 'x', type: 'Number' }] }),
      400,
      'validation.failed',
    );
    const twice = problem(
      await as(t(), tenant, 'POST', url, { variables: [{ name: 'x' }, { name: 'y' }, { name: 'x' }] }),
      400,
      'validation.failed',
    );
    assert.match(twice.detail, /variable "x" appears twice/);
    assert.deepEqual(twice.errors, [
      { pointer: '/variables/2/name', detail: 'appears twice in the version' },
    ]);
    const made = await as(t(), tenant, 'POST', '/v1/permissions', {
      resourceTypeId: permission.resourceTypeId,
      name: 'twice',
      variables: [{ name: 'x' }, { name: 'x' }],
    });
    problem(made, 400, 'validation.failed');
    const versions = ok(await as(t(), tenant, 'GET', `${url}?count=true`));
    assert.equal(versions.total, 1, 'no refused version was added');
  });

  test('a permission names a resource type of the tenant; a resource type lists its own permissions', async () => {
    const tenant = await newTenant(t());
    const [a, b] = [await newResourceType(t(), tenant), await newResourceType(t(), tenant)];
    for (const name of ['p2', 'p1', 'p3']) await newPermission(t(), tenant, { resourceTypeId: a.id, name });
    await newPermission(t(), tenant, { resourceTypeId: b.id, name: 'p0' });
    const page = ok(
      await as(t(), tenant, 'GET', `/v1/resource-types/${a.id}/permissions?limit=2&count=true`),
    );
    assert.deepEqual([page.items.map((p: any) => p.name), page.total], [['p1', 'p2'], 3]);
    const next = ok(
      await as(
        t(),
        tenant,
        'GET',
        `/v1/resource-types/${a.id}/permissions?limit=2&cursor=${page.nextCursor}`,
      ),
    );
    assert.deepEqual(
      next.items.map((p: any) => p.name),
      ['p3'],
    );
    const byType = ok(
      await as(t(), tenant, 'GET', `/v1/permissions?filter=${filterOf(`resourceTypeId eq "${b.id}"`)}`),
    );
    assert.deepEqual(
      byType.items.map((p: any) => p.name),
      ['p0'],
    );
    problem(
      await as(t(), tenant, 'GET', `/v1/resource-types/${NEVER_USED_ID}/permissions`),
      404,
      'resource_type.not_found',
    );
    const unknown = problem(
      await as(t(), tenant, 'POST', '/v1/permissions', { resourceTypeId: NEVER_USED_ID, name: 'x' }),
      422,
      'reference.not_found',
    );
    assert.deepEqual(unknown.errors, [{ pointer: '/resourceTypeId', detail: 'no such resource type' }]);
  });

  test('a resource type with permissions is a 409 to delete, until they are gone', async () => {
    const tenant = await newTenant(t());
    const permission = await newPermission(t(), tenant);
    const path = `/v1/resource-types/${permission.resourceTypeId}`;
    problem(await as(t(), tenant, 'DELETE', path), 409, 'resource_type.has_permissions');
    assert.equal((await as(t(), tenant, 'DELETE', `/v1/permissions/${permission.id}`)).statusCode, 204);
    problem(
      await as(t(), tenant, 'GET', `/v1/permissions/${permission.id}/versions`),
      404,
      'permission.not_found',
    );
    assert.equal((await as(t(), tenant, 'DELETE', path)).statusCode, 204);
  });

  test('a label is created with values; a change replaces the values as a whole', async () => {
    const tenant = await newTenant(t());
    const label = await create(t(), tenant, '/v1/labels', {
      keyName: 'env',
      description: 'where it runs',
      values: [{ name: 'prod', description: 'live' }, { name: 'dev' }],
    });
    assert.deepEqual(
      label.values.map((v: any) => [v.name, v.description]),
      [
        ['prod', 'live'],
        ['dev', null],
      ],
    );
    const path = `/v1/labels/${label.id}`;
    const changed = ok(await as(t(), tenant, 'PATCH', path, { values: [{ name: 'dev' }, { name: 'test' }] }));
    assert.deepEqual(
      changed.values.map((v: any) => v.name),
      ['dev', 'test'],
    );
    assert.equal(changed.values[0].id, label.values[1].id, 'a value kept by name keeps its id');
    assert.equal(changed.description, 'where it runs');
    const renamed = ok(await as(t(), tenant, 'PATCH', path, { keyName: 'stage' }));
    assert.deepEqual(renamed.values, changed.values, 'values not given are left alone');
    const twice = problem(
      await as(t(), tenant, 'PATCH', path, { values: [{ name: 'a' }, { name: 'a' }] }),
      400,
      'validation.failed',
    );
    assert.equal(twice.errors[0].pointer, '/values/1/name');
    const list = ok(
      await as(t(), tenant, 'GET', `/v1/labels?filter=${filterOf('keyName eq "stage"')}&count=true`),
    );
    assert.deepEqual([list.total, list.items[0].values.length], [1, 2]);
    assert.equal((await as(t(), tenant, 'DELETE', path)).statusCode, 204);
    problem(await as(t(), tenant, 'GET', path), 404, 'label.not_found');
  });

  test('lists page by cursor with a total, in name order unless sorted otherwise', async () => {
    const tenant = await newTenant(t());
    for (const name of ['c', 'a', 'e', 'b', 'd']) {
      await newResourceType(t(), tenant, { name });
      await create(t(), tenant, '/v1/labels', { keyName: name });
    }
    for (const [collection, field] of [
      ['resource-types', 'name'],
      ['labels', 'keyName'],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=2&sort=-${field}&count=true${cursor ? `&cursor=${cursor}` : ''}`;
        const page = ok(await as(t(), tenant, 'GET', `/v1/${collection}?${query}`));
        assert.equal(page.total, 5);
        seen.push(...page.items.map((item: any) => item[field]));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(seen, ['e', 'd', 'c', 'b', 'a'], collection);
      problem(await as(t(), tenant, 'GET', `/v1/${collection}?sort=description`), 400, 'query.invalid_sort');
    }
  });

  test("another tenant's catalog answers 404 exactly as ids never used", async () => {
    const [mine, theirs] = [await newTenant(t()), await newTenant(t())];
    const permission = await newPermission(t(), theirs);
    const label = await create(t(), theirs, '/v1/labels', { keyName: 'secret' });
    const probes: [string, string, object | undefined][] = [
      ['GET', '/v1/resource-types/:id', undefined],
      ['PATCH', '/v1/resource-types/:id', { name: 'x' }],
      ['DELETE', '/v1/resource-types/:id', undefined],
      ['GET', '/v1/resource-types/:id/permissions', undefined],
      ['GET', '/v1/permissions/:permission', undefined],
      ['PATCH', '/v1/permissions/:permission', { isDraft: true }],
      ['POST', '/v1/permissions/:permission/versions', {}],
      ['GET', '/v1/permissions/:permission/versions', undefined],
      ['DELETE', '/v1/permissions/:permission', undefined],
      ['GET', '/v1/labels/:label', undefined],
      ['PATCH', '/v1/labels/:label', { values: [] }],
      ['DELETE', '/v1/labels/:label', undefined],
    ];
    const ids = { ':id': permission.resourceTypeId, ':permission': permission.id, ':label': label.id };
    const ask = (method: string, url: string, body: object | undefined, id: string) =>
      as(t(), mine, method as 'GET', url.replace(/:[a-z]+/, id), body);
    for (const [method, url, body] of probes) {
      const their = ids[url.match(/:[a-z]+/)![0] as keyof typeof ids];
      const answer = await ask(method, url, body, their);
      const never = await ask(method, url, body, NEVER_USED_ID);
      assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
      const { requestId: _a, ...theirsBody } = answer.json();
      const { requestId: _b, ...neverBody } = never.json();
      assert.deepEqual(
        JSON.parse(JSON.stringify(theirsBody).replaceAll(their, '<id>')),
        JSON.parse(JSON.stringify(neverBody).replaceAll(NEVER_USED_ID, '<id>')),
      );
    }
    const stolen = await as(t(), mine, 'POST', '/v1/permissions', {
      resourceTypeId: permission.resourceTypeId,
      name: 'x',
    });
    problem(stolen, 422, 'reference.not_found');
    ok(await as(t(), theirs, 'GET', `/v1/permissions/${permission.id}`));
  });

  test('catalog writes leave audit events', async () => {
    const tenant = await newTenant(t());
    const permission = await newPermission(t(), tenant);
    ok(
      await as(t(), tenant, 'POST', `/v1/permissions/${permission.id}/versions`, {
        variables: [{ name: 'v' }],
      }),
      201,
    );
    const events = ok(
      await as(
        t(),
        tenant,
        'GET',
        `/v1/audit-events?filter=${filterOf(`targetId eq "${permission.id}"`)}&sort=id`,
      ),
    ).items;
    assert.deepEqual(
      events.map((e: any) => [e.action, e.targetType, e.source]),
      [
        ['catalog_permission.create', 'catalog_permission', 'native'],
        ['catalog_permission.add_version', 'catalog_permission', 'native'],
      ],
    );
    assert.deepEqual(events[1].after.versions.length, 2);
  });

  test('a cached read shows the next write, whether through the API or straight through core', async () => {
    const tenant: TenantRef = await newTenant(t());
    const acting = actingOf(t(), tenant);
    const permission = await newPermission(t(), tenant);
    const label = await create(t(), tenant, '/v1/labels', { keyName: 'k', values: [{ name: 'a' }] });
    const reads = {
      permission: `/v1/permissions/${permission.id}`,
      versions: `/v1/permissions/${permission.id}/versions`,
      typePermissions: `/v1/resource-types/${permission.resourceTypeId}/permissions`,
      type: `/v1/resource-types/${permission.resourceTypeId}`,
      types: '/v1/resource-types',
      label: `/v1/labels/${label.id}`,
      labels: '/v1/labels',
    };
    const readAll = async () => {
      const answers: Record<string, any> = {};
      for (const [name, url] of Object.entries(reads))
        answers[name] = (await as(t(), tenant, 'GET', url)).json();
      return answers;
    };
    await readAll();
    const hits = t().auth.reads!.stats().hits;
    await readAll();
    assert.ok(
      t().auth.reads!.stats().hits >= hits + Object.keys(reads).length,
      'the second reads were cached',
    );

    await addPermissionVersion(t().ctx, acting, permission.id, { variables: [{ name: 'late' }] });
    await createPermission(t().ctx, acting, { resourceTypeId: permission.resourceTypeId, name: 'zz-second' });
    await updateResourceType(t().ctx, acting, permission.resourceTypeId, { description: 'changed' });
    await updateLabel(t().ctx, acting, label.id, { values: [{ name: 'b' }] });
    const after = await readAll();
    assert.equal(after.permission.versions.length, 2);
    assert.equal(after.versions.items.length, 2);
    assert.deepEqual(
      after.typePermissions.items.map((p: any) => p.name),
      [permission.name, 'zz-second'],
    );
    assert.equal(after.type.description, 'changed');
    assert.equal(after.types.items[0].description, 'changed');
    assert.deepEqual(
      after.label.values.map((v: any) => v.name),
      ['b'],
    );
    assert.deepEqual(
      after.labels.items[0].values.map((v: any) => v.name),
      ['b'],
    );

    const other = await newResourceType(t(), tenant);
    ok(await as(t(), tenant, 'GET', `/v1/resource-types/${other.id}`));
    await deleteResourceType(t().ctx, acting, other.id);
    problem(await as(t(), tenant, 'GET', `/v1/resource-types/${other.id}`), 404, 'resource_type.not_found');
  });
});
