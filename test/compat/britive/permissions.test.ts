import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { britiveClient, type BritiveClient } from '../../support/britive.js';
import { newTenant } from '../../support/fixtures.js';

const RM = '/api/resource-manager';

forEachApp('Britive catalog, profile permissions and associations', (t) => {
  /** The catalog as a Britive client sets it up (no native call): a resource type, permissions, a label. */
  async function catalog(b: BritiveClient) {
    const ok = async (method: 'POST' | 'PUT', url: string, payload: object, status = 201) => {
      const res = await b.request({ method, url, payload });
      assert.equal(res.statusCode, status, res.body);
      return res.json();
    };
    const type = await ok('POST', `${RM}/resource-types`, { name: 'Linux server', description: '' });
    // resources.permissions.create as the SDK sends it: a draft without variables.
    const admin = await ok('POST', `${RM}/permissions`, {
      description: '',
      isDraft: true,
      name: 'Admin',
      resourceTypeId: type.resourceTypeId,
    });
    // Publishing it with variables (PUT) makes version 2.
    const v2 = await ok(
      'PUT',
      `${RM}/permissions/${admin.permissionId}`,
      {
        name: 'Admin',
        isDraft: false,
        resourceTypeId: type.resourceTypeId,
        variables: ['host', 'secret:password'],
        inlineFileExists: true,
      },
      200,
    );
    const reader = await ok('POST', `${RM}/permissions`, {
      name: 'Reader',
      resourceTypeId: type.resourceTypeId,
      isDraft: false,
      variables: ['host'],
    });
    const label = await ok('POST', `${RM}/labels`, {
      keyName: 'env',
      description: '',
      values: [{ name: 'prod', description: '' }, { name: 'dev' }],
    });
    const profile = await ok('POST', `${RM}/profiles`, {
      name: 'Ops',
      delegationEnabled: false,
      description: '',
      expirationDuration: 900000,
    });
    return { type, admin, v2, reader, label, profile, base: `${RM}/profiles/${profile.profileId}` };
  }

  test('the catalog through the Britive API: types (types.list reads data), versioned permissions, labels', async () => {
    const b = await britiveClient(t(), await newTenant(t()));
    const { type, admin, v2, label } = await catalog(b);
    assert.equal(v2.version, '2');
    assert.deepEqual(v2.variables, [
      { name: 'host', type: 'String' },
      { name: 'secret', type: 'password' },
    ]);
    const types = (await b.request({ method: 'GET', url: `${RM}/resource-types` })).json();
    assert.deepEqual(
      types.data.map((x: { name: string }) => x.name),
      ['Linux server'],
    );
    assert.ok(!('size' in types), 'not an inline page: the SDK indexes data itself');
    const v1 = await b.request({ method: 'GET', url: `${RM}/permissions/${admin.permissionId}/1` });
    assert.deepEqual(v1.json().variables, []);
    const ofType = await b.request({
      method: 'GET',
      url: `${RM}/resource-types/${type.resourceTypeId}/permissions?searchText=adm`,
    });
    assert.deepEqual(
      ofType.json().data.map((p: { name: string }) => p.name),
      ['Admin'],
    );
    assert.equal(ofType.json().count, 1);
    assert.deepEqual(
      label.values.map((v: { name: string }) => v.name),
      ['prod', 'dev'],
    );
    const busy = await b.request({ method: 'DELETE', url: `${RM}/resource-types/${type.resourceTypeId}` });
    assert.equal(busy.statusCode, 409, 'a type with permissions stays');
    const missing = await b.request({
      method: 'GET',
      url: `${RM}/resource-types/0190b7e4-0000-7000-8000-00000000dead`,
    });
    assert.equal(missing.json().errorCode, 'RM-0011');
  });

  test("the seed's permission samples: add 201 at a version with variables, list with filter, available, patch 204, delete 204", async () => {
    const b = await britiveClient(t(), await newTenant(t()));
    const { type, admin, reader, base } = await catalog(b);
    const added = await b.request({
      method: 'POST',
      url: `${base}/permissions`,
      payload: {
        permissionId: admin.permissionId,
        version: 2,
        permissionName: 'Admin',
        resourceTypeId: type.resourceTypeId,
        resourceTypeName: 'Linux server',
        variables: [
          { name: 'host', value: 'db-1', isSystemDefined: false },
          { name: 'secret', isSystemDefined: true, regexPattern: '[a-z]{16}', type: 'String' },
        ],
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json(), {
      permissionId: admin.permissionId,
      version: '2',
      permissionName: 'Admin',
      description: '',
      resourceTypeId: type.resourceTypeId,
      resourceTypeName: 'Linux server',
      variables: [
        { name: 'host', value: 'db-1', isSystemDefined: false, promptAtCheckout: false, type: 'String' },
        {
          name: 'secret',
          isSystemDefined: true,
          promptAtCheckout: false,
          type: 'password',
          regexPattern: '[a-z]{16}',
        },
      ],
    });
    const listed = await b.request({
      method: 'GET',
      url: `${base}/permissions?page=0&size=20&sort=name,asc&filter=name%20co%20Admin`,
    });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual([listed.json().count, listed.json().data[0].permissionId], [1, admin.permissionId]);
    const available = await b.request({
      method: 'GET',
      url: `${base}/available-permissions?page=0&size=20&sort=name,asc`,
    });
    assert.deepEqual(
      available.json().data.map((p: { permissionId: string }) => p.permissionId),
      [reader.permissionId],
    );
    assert.equal(available.json().data[0].resourceTypeName, 'Linux server');
    const patched = await b.request({
      method: 'PATCH',
      url: `${base}/permissions/${admin.permissionId}`,
      payload: {
        variables: [
          { name: 'host', value: 'db-2' },
          { name: 'secret', promptAtCheckout: true, regexPattern: '.{12,}' },
        ],
      },
    });
    assert.equal(patched.statusCode, 204, patched.body);
    const again = (await b.request({ method: 'GET', url: `${base}/permissions` })).json().data[0];
    assert.equal(again.variables[0].value, 'db-2');
    const twice = await b.request({
      method: 'POST',
      url: `${base}/permissions`,
      payload: { permissionId: admin.permissionId, version: '2', variables: [] },
    });
    assert.equal(twice.statusCode, 400);
    assert.equal(twice.json().errorCode, 'RM-0014');
    assert.equal(
      (await b.request({ method: 'DELETE', url: `${base}/permissions/${admin.permissionId}` })).statusCode,
      204,
    );
    assert.equal(
      (await b.request({ method: 'DELETE', url: `${base}/permissions/${admin.permissionId}` })).json()
        .errorCode,
      'RM-0008',
    );
    const values = await b.request({
      method: 'GET',
      url: `${RM}/profiles/permissions/system-defined-values?resourceTypeId=${type.resourceTypeId}`,
    });
    assert.ok(values.json().includes('user.email'));
  });

  test("variable rules, each with Britive's code; latest follows the newest version", async () => {
    const b = await britiveClient(t(), await newTenant(t()));
    const { admin, reader, base } = await catalog(b);
    const add = (variables: object[], permissionId = admin.permissionId, version: string | number = 2) =>
      b.request({
        method: 'POST',
        url: `${base}/permissions`,
        payload: { permissionId, version, variables },
      });
    const host = { name: 'host', value: 'h' };
    for (const [variables, code] of [
      [
        [host, { name: 'secret', isSystemDefined: true, promptAtCheckout: true, regexPattern: 'x' }],
        'RM-0027',
      ],
      [[host, { name: 'secret', isSystemDefined: true, regexPattern: '[' }], 'RM-0023'],
      [[host, { name: 'secret', isSystemDefined: true }], 'RM-0022'],
      [[host, { name: 'secret', value: 'hunter2', regexPattern: '.*' }], 'RM-0028'],
      [[{ name: 'host', value: 'no', regexPattern: '[0-9]+', promptAtCheckout: false }], 'E0400'],
      [[{ name: 'nope', value: 'x' }], 'E0400'],
    ] as const) {
      const res = await add([...variables]);
      assert.equal(res.statusCode, 400, `${code}: ${res.body}`);
      assert.equal(res.json().errorCode, code, res.body);
      assert.match(res.json().details, /variables\/\d/);
    }
    assert.equal((await add([], admin.permissionId, 7)).statusCode, 400, 'an unknown version is a 400');
    const latest = await add([{ name: 'host', value: 'h' }], reader.permissionId, 'latest');
    assert.equal(latest.statusCode, 201, latest.body);
    assert.equal(latest.json().version, 'latest');
  });

  test('hostile input: patterns that backtrack, odd filters, a profile holding many permissions', async () => {
    const b = await britiveClient(t(), await newTenant(t()));
    const { type, reader, base } = await catalog(b);
    // A backtracking engine takes exponential time on these; RE2 answers at once.
    for (const regexPattern of ['(a|a)*', '(a+)+', '\\d*\\d*\\d*\\d*x']) {
      const res = await b.request({
        method: 'POST',
        url: `${base}/permissions`,
        payload: {
          permissionId: reader.permissionId,
          variables: [{ name: 'host', value: `${'a'.repeat(3000)}b`, regexPattern }],
        },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().message, /does not match/);
    }
    const backref = await b.request({
      method: 'POST',
      url: `${base}/permissions`,
      payload: {
        permissionId: reader.permissionId,
        variables: [{ name: 'host', value: 'aa', regexPattern: '(a)\\1' }],
      },
    });
    assert.equal(backref.json().errorCode, 'RM-0023');
    for (const filter of [
      'name eq "abc',
      'name eq "a\\x"',
      'name eq zzz) or (name pr',
      '(name eq a',
      'name eq a)',
    ]) {
      for (const url of [
        `${RM}/profiles`,
        `${base}/available-permissions`,
        `${base}/permissions`,
        `${base}/policies`,
        `${RM}/labels`,
      ]) {
        const res = await b.request({
          method: 'GET',
          url: `${url}?filter=${encodeURIComponent(filter.replace('name', url.endsWith('labels') ? 'keyName' : 'name'))}`,
        });
        assert.equal(res.statusCode, 400, `${url} ${filter}: ${res.body}`);
      }
    }
    const sorted = await b.request({ method: 'GET', url: `${RM}/profiles?sort=description,asc` });
    assert.equal(sorted.statusCode, 400);
    assert.match(sorted.json().message, /id, name, createdAt, updatedAt/);
    // Fifty held permissions: the available ones are still listed.
    for (let i = 0; i < 50; i += 1) {
      const made = await b.request({
        method: 'POST',
        url: `${RM}/permissions`,
        payload: { name: `p${i}`, resourceTypeId: type.resourceTypeId, isDraft: false },
      });
      const id = made.json().permissionId as string;
      assert.equal(
        (
          await b.request({
            method: 'POST',
            url: `${base}/permissions`,
            payload: { permissionId: id, variables: [] },
          })
        ).statusCode,
        201,
      );
    }
    const available = await b.request({ method: 'GET', url: `${base}/available-permissions` });
    assert.equal(available.statusCode, 200, available.body);
    assert.deepEqual(
      available
        .json()
        .data.map((p: { name: string }) => p.name)
        .sort(),
      ['Admin', 'Reader'],
    );
  });

  test('associations: keys and values from the labels; an unknown one is a 400 naming it', async () => {
    const b = await britiveClient(t(), await newTenant(t()));
    const { base } = await catalog(b);
    const set = await b.request({
      method: 'POST',
      url: `${base}/associations`,
      payload: { associations: { env: ['prod'] } },
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json(), { associations: { env: ['prod'] } });
    assert.deepEqual((await b.request({ method: 'GET', url: `${base}/associations` })).json(), {
      associations: { env: ['prod'] },
    });
    for (const associations of [{ region: ['eu'] }, { env: ['staging'] }]) {
      const res = await b.request({ method: 'POST', url: `${base}/associations`, payload: { associations } });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().message, Object.keys(associations)[0] === 'region' ? /region/ : /staging/);
    }
  });
});
