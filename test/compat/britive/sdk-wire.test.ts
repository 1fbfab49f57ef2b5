import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Answer, TestApp } from '../../support/app.js';
import { forEachApp } from '../../support/app.js';
import { SDK_AGENT } from '../../support/britive.js';
import { create, newTenant } from '../../support/fixtures.js';

const RM = '/api/resource-manager';

/**
 * Britive's Python SDK (4.6.0) as ../shared/reference/clients/britive-python-sdk.md records it:
 * every request with `Content-Type: application/json` (GET and DELETE without a body too), the
 * token as `TOKEN` under 50 characters and `Bearer` from 50, its paging loop, its error mapping.
 */
class Sdk {
  readonly sent: string[] = [];
  constructor(
    private readonly t: TestApp,
    private readonly token: string,
  ) {}

  private get scheme() {
    return this.token.length >= 50 ? 'Bearer' : 'TOKEN';
  }

  async raw(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    json?: unknown,
  ): Promise<Answer> {
    const res = (await this.t.app.inject({
      method,
      url,
      headers: {
        'user-agent': SDK_AGENT,
        accept: '*/*',
        authorization: `${this.scheme} ${this.token}`,
        'content-type': 'application/json',
      },
      payload: json === undefined ? '' : JSON.stringify(json),
    })) as Answer;
    this.sent.push(`${method} ${url} -> ${res.statusCode}`);
    return res;
  }

  /** britive.__request: raise on the error statuses, None on 204, the inline paging loop. */
  async call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    json?: unknown,
  ): Promise<unknown> {
    const res = await this.raw(method, url, json);
    if ([400, 401, 403, 404, 405, 409, 500, 503].includes(res.statusCode)) {
      throw new Error(`${res.statusCode} - ${res.json().errorCode ?? 'E0000'} - ${res.json().message}`);
    }
    if (res.statusCode === 204 || res.body === '') return null;
    const body = res.json();
    if (body && typeof body === 'object' && ['count', 'page', 'size', 'data'].every((k) => k in body)) {
      const items = [...body.data];
      let { page, size, count } = body as { page: number; size: number; count: number };
      for (let loops = 0; size * (page + 1) < count; loops += 1) {
        assert.ok(loops < 1000, 'the paging loop does not end');
        const sep = url.includes('?') ? '&' : '?';
        const next = (await this.raw(method, `${url}${sep}page=${page + 1}`)).json();
        items.push(...next.data);
        ({ page, size, count } = next);
      }
      return items;
    }
    return body;
  }
}

forEachApp("Britive: the requests of Britive's Python SDK", (t) => {
  async function sdk() {
    const tenant = await newTenant(t());
    const key = (await create(t(), tenant, '/v1/api-keys', { name: 'sdk' })).key as string;
    return { tenant, sdk: new Sdk(t(), key) };
  }

  test('start-up: HEAD /api/health without credentials, GET /api/features a list of {name, enabled}', async () => {
    const health = await t().app.inject({
      method: 'HEAD',
      url: '/api/health',
      headers: { 'user-agent': 'python-requests/2.34.2', accept: '*/*' },
    });
    assert.equal(health.statusCode, 200);
    const { sdk: s } = await sdk();
    const features = (await s.call('GET', '/api/features')) as { name: string; enabled: boolean }[];
    assert.ok(Array.isArray(features));
  });

  test('profiles: create, list through the paging loop (30 profiles, pages of 20), update after a get, delete with an empty JSON body', async () => {
    const { sdk: s } = await sdk();
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const made = (await s.call('POST', `${RM}/profiles`, {
        name: `p${String(i).padStart(2, '0')}`,
        delegationEnabled: false,
        description: 'sdk',
        expirationDuration: 900000,
      })) as { profileId: string };
      ids.push(made.profileId);
    }
    const listed = (await s.call('GET', `${RM}/profiles`)) as { id: string }[];
    assert.equal(listed.length, 30);
    assert.deepEqual(new Set(listed.map((p) => p.id)), new Set(ids));
    assert.ok(
      s.sent.some((line) => line.startsWith(`GET ${RM}/profiles?page=1 -> 200`)),
      s.sent.slice(-3).join('\n'),
    );
    // profiles.update: GET, then PATCH with delegationEnabled as read and the truthy fields.
    const read = (await s.call('GET', `${RM}/profiles/${ids[0]}`)) as { delegationEnabled: boolean };
    assert.equal(
      await s.call('PATCH', `${RM}/profiles/${ids[0]}`, {
        description: 'new',
        delegationEnabled: read.delegationEnabled,
      }),
      null,
    );
    assert.equal(await s.call('DELETE', `${RM}/profiles/${ids[0]}`), null);
    await assert.rejects(s.call('GET', `${RM}/profiles/${ids[0]}`), /404 - RM-0010/);
  });

  test("policies: the SDK's create and update bodies, a bare-array reorder; clone with percent-encoded options", async () => {
    const { sdk: s } = await sdk();
    const { profileId } = (await s.call('POST', `${RM}/profiles`, {
      name: 'p',
      delegationEnabled: false,
      description: '',
      expirationDuration: 900000,
    })) as { profileId: string };
    const body = (name: string, accessType: string, condition: unknown) => ({
      name,
      accessType,
      condition,
      isActive: true,
      isDraft: false,
      isReadOnly: false,
      resourceLabels: {},
      members: [],
    });
    const a = (await s.call('POST', `${RM}/profiles/${profileId}/policies`, body('a', 'Allow', {}))) as {
      id: string;
    };
    const b = (await s.call('POST', `${RM}/profiles/${profileId}/policies`, body('b', 'Allow', {}))) as {
      id: string;
    };
    assert.equal(
      await s.call('PATCH', `${RM}/profiles/${profileId}/policies/${a.id}`, body('a', 'Deny', null)),
      null,
    );
    assert.equal(await s.call('PATCH', `${RM}/profiles/${profileId}`, { policyOrderingEnabled: true }), null);
    const order = await s.call('POST', `${RM}/profiles/${profileId}/policies/order`, [
      { id: b.id, order: 0 },
      { id: a.id, order: 1 },
    ]);
    assert.deepEqual(order, [
      { id: b.id, order: 0 },
      { id: a.id, order: 1 },
    ]);
    const listed = (await s.call('GET', `${RM}/profiles/${profileId}/policies`)) as {
      name: string;
      accessType: string;
    }[];
    assert.deepEqual(
      listed.map((p) => [p.name, p.accessType]),
      [
        ['b', 'Allow'],
        ['a', 'Deny'],
      ],
    );
    const clone = (await s.call(
      'POST',
      `${RM}/profiles/${profileId}/clone?options=profile%2Cpermissions%2Cassociations%2Cpolicies%2CadvancedSettings&ignoreErrors=false`,
      { name: 'copy', description: 'c' },
    )) as { name: string };
    assert.equal(clone.name, 'copy');
    assert.equal(await s.call('DELETE', `${RM}/profiles/${profileId}/policies/${a.id}`), null);
  });

  test('catalog, permissions and associations as the SDK sends them', async () => {
    const { sdk: s } = await sdk();
    // resources.types.create, resources.permissions.create, resources.labels.create.
    const type = (await s.call('POST', `${RM}/resource-types`, { name: 'Linux', description: '' })) as {
      resourceTypeId: string;
    };
    const types = (await s.raw('GET', `${RM}/resource-types`)).json();
    assert.equal(types.data[0].resourceTypeId, type.resourceTypeId, "types.list() reads ['data']");
    const permission = (await s.call('POST', `${RM}/permissions`, {
      description: '',
      isDraft: true,
      name: 'Admin',
      resourceTypeId: type.resourceTypeId,
    })) as { permissionId: string };
    await s.call('PUT', `${RM}/permissions/${permission.permissionId}`, {
      description: '',
      isDraft: false,
      name: 'Admin',
      resourceTypeId: type.resourceTypeId,
      variables: [],
      inlineFileExists: true,
      checkinTimeLimit: 60,
    });
    const label = (await s.call('POST', `${RM}/labels`, {
      keyName: 'env',
      description: '',
      values: [{ name: 'prod', description: '' }],
    })) as { keyId: string; keyName: string };
    assert.equal(label.keyName, 'env');
    const { profileId } = (await s.call('POST', `${RM}/profiles`, {
      name: 'p',
      delegationEnabled: false,
      description: '',
      expirationDuration: 900000,
    })) as { profileId: string };
    // profiles.add_association / list_associations.
    assert.deepEqual(
      await s.call('POST', `${RM}/profiles/${profileId}/associations`, { associations: { env: ['prod'] } }),
      {
        associations: { env: ['prod'] },
      },
    );
    assert.deepEqual(await s.call('GET', `${RM}/profiles/${profileId}/associations`), {
      associations: { env: ['prod'] },
    });
    // permissions.list_available_permissions, add_permissions (version an int, as the SDK's own test passes it).
    const available = (await s.call('GET', `${RM}/profiles/${profileId}/available-permissions`)) as {
      permissionId: string;
      resourceTypeName: string;
    }[];
    assert.deepEqual(
      available.map((p) => [p.permissionId, p.resourceTypeName]),
      [[permission.permissionId, 'Linux']],
    );
    const added = (await s.call('POST', `${RM}/profiles/${profileId}/permissions`, {
      permissionId: permission.permissionId,
      version: 1,
      resourceTypeId: type.resourceTypeId,
      variables: [],
    })) as { permissionId: string };
    assert.equal(added.permissionId, permission.permissionId);
    const listed = (await s.call('GET', `${RM}/profiles/${profileId}/permissions`)) as {
      permissionId: string;
    }[];
    assert.deepEqual(
      listed.map((p) => p.permissionId),
      [permission.permissionId],
    );
    assert.equal(
      await s.call('PATCH', `${RM}/profiles/${profileId}/permissions/${permission.permissionId}`, {
        variables: [],
      }),
      null,
    );
    const values = await s.call(
      'GET',
      `${RM}/profiles/permissions/system-defined-values?resourceTypeId=${type.resourceTypeId}`,
    );
    assert.ok(Array.isArray(values));
    assert.equal(
      await s.call('DELETE', `${RM}/profiles/${profileId}/permissions/${permission.permissionId}`),
      null,
    );
    assert.equal(await s.call('DELETE', `${RM}/permissions/${permission.permissionId}`), null);
    assert.equal(await s.call('DELETE', `${RM}/labels/${label.keyId}`), null);
    assert.equal(await s.call('DELETE', `${RM}/resource-types/${type.resourceTypeId}`), null);
  });

  test('a token under 50 characters goes as TOKEN and works; a bad one is AU-0018', async () => {
    const { sdk: s } = await sdk();
    assert.equal((await s.raw('GET', `${RM}/profiles`)).statusCode, 200);
    const bad = new Sdk(t(), 'short-and-wrong');
    await assert.rejects(bad.call('GET', `${RM}/profiles`), /401 - AU-0018/);
  });
});
