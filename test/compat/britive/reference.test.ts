import assert from 'node:assert/strict';
import type { Answer, TestApp } from '../../support/app.js';
import { britiveClient } from '../../support/britive.js';
import { as, newTenant, newUser } from '../../support/fixtures.js';
import { referenceContract, type ReferenceCase } from '../../support/reference-contract.js';
import { VendorReference } from '../../support/reference-document.js';

const RM = '/api/resource-manager';
const MISSING = '0190b7e4-0000-7000-8000-00000000dead';

/** A tenant with a Britive token, a profile with two policies (one no longer valid) and settings. */
async function fixture(t: TestApp) {
  const tenant = await newTenant(t);
  const b = await britiveClient(t, tenant);
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    b.request({ method, url, ...(payload !== undefined && { payload: payload as object }) });
  const ok = async (answer: Promise<Answer>, status: number) => {
    const res = await answer;
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const profile = await ok(
    send('POST', `${RM}/profiles`, { name: 'Admins', description: 'admins', expirationDuration: 3_600_000 }),
    201,
  );
  const id = profile.profileId as string;
  const user = await newUser(t, tenant);
  const leaver = await newUser(t, tenant);
  const policy = await ok(
    send('POST', `${RM}/profiles/${id}/policies`, {
      name: 'admins',
      members: [{ id: user.id, memberType: 'User' }],
    }),
    201,
  );
  const stale = await ok(
    send('POST', `${RM}/profiles/${id}/policies`, {
      name: 'leaver',
      members: [{ id: leaver.id, memberType: 'User' }],
    }),
    201,
  );
  await ok(
    send('POST', `${RM}/profile/${id}/advanced-settings`, {
      settings: [{ settingsType: 'JUSTIFICATION', isJustificationRequired: true }],
    }),
    201,
  );
  const settings = await ok(send('GET', `${RM}/profile/${id}/advanced-settings`), 200);
  const type = await ok(send('POST', `${RM}/resource-types`, { name: 'Linux', description: '' }), 201);
  const permission = await ok(
    send('POST', `${RM}/permissions`, {
      name: 'Admin',
      resourceTypeId: type.resourceTypeId,
      isDraft: false,
      variables: ['host'],
    }),
    201,
  );
  const spare = await ok(
    send('POST', `${RM}/permissions`, {
      name: 'Reader',
      resourceTypeId: type.resourceTypeId,
      isDraft: false,
    }),
    201,
  );
  await ok(
    send('POST', `${RM}/profiles/${id}/permissions`, {
      permissionId: permission.permissionId,
      version: '1',
      variables: [{ name: 'host', value: 'h', isSystemDefined: false }],
    }),
    201,
  );
  const label = await ok(
    send('POST', `${RM}/labels`, { keyName: 'env', description: '', values: [{ name: 'prod' }] }),
    201,
  );
  const disableLeaver = async () =>
    assert.equal(
      (await as(t, tenant, 'PATCH', `/v1/users/${leaver.id}`, { enabled: false })).statusCode,
      200,
    );
  return { t, tenant, b, send, id, policy, stale, settings, disableLeaver, type, permission, spare, label };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

const policyExtras = ['description', 'accessType'];
const ALL = encodeURIComponent('profile,permissions,associations,policies,advancedSettings');

const cases: ReferenceCase<Fixture>[] = [
  {
    name: 'health',
    route: 'GET /api/health',
    status: 200,
    beyondReference: 'the excerpt has no /api/health',
    send: (f) => f.t.app.inject({ method: 'GET', url: '/api/health' }),
  },
  {
    name: 'features',
    route: 'GET /api/features',
    status: 200,
    beyondReference: 'the excerpt has no /api/features',
    send: (f) => f.send('GET', '/api/features'),
  },
  {
    name: 'a token',
    route: 'POST /api/token',
    status: 201,
    beyondReference: 'the excerpt has no /api/token',
    send: (f) => f.send('POST', '/api/token', { name: 'ci', tokenExpirationDays: 1 }),
  },
  {
    name: 'the seed sample',
    route: `POST ${RM}/profiles`,
    status: 201,
    send: (f) =>
      f.send('POST', `${RM}/profiles`, {
        profileId: 'string',
        name: 'string',
        description: 'string',
        expirationDuration: 0,
        status: 'inactive',
      }),
  },
  {
    name: 'a page',
    route: `GET ${RM}/profiles`,
    status: 200,
    send: (f) => f.send('GET', `${RM}/profiles?view=summary&page=0&size=20&sort=name,asc`),
  },
  {
    name: 'one',
    route: `GET ${RM}/profiles/{id}`,
    status: 200,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}`),
  },
  {
    name: 'missing',
    route: `GET ${RM}/profiles/{id}`,
    status: 404,
    send: (f) => f.send('GET', `${RM}/profiles/${MISSING}`),
  },
  {
    name: 'partial update',
    route: `PATCH ${RM}/profiles/{id}`,
    status: 204,
    send: (f) => f.send('PATCH', `${RM}/profiles/${f.id}`, { description: 'x', delegationEnabled: false }),
  },
  {
    name: 'missing',
    route: `PATCH ${RM}/profiles/{id}`,
    status: 404,
    send: (f) => f.send('PATCH', `${RM}/profiles/${MISSING}`, { description: 'x' }),
  },
  {
    name: 'delete',
    route: `DELETE ${RM}/profiles/{id}`,
    status: 204,
    send: (f) => f.send('DELETE', `${RM}/profiles/${f.id}`),
  },
  {
    name: 'missing',
    route: `DELETE ${RM}/profiles/{id}`,
    status: 404,
    send: (f) => f.send('DELETE', `${RM}/profiles/${MISSING}`),
  },
  {
    name: 'a clean clone (the seed says 200, the spec 201)',
    route: `POST ${RM}/profiles/{id}/clone`,
    status: 200,
    referenceStatus: 201,
    send: (f) =>
      f.send('POST', `${RM}/profiles/${f.id}/clone?options=${ALL}&ignoreErrors=false`, {
        name: 'Copy',
        description: 'c',
      }),
  },
  {
    name: 'a clone leaving out an invalid policy',
    route: `POST ${RM}/profiles/{id}/clone`,
    status: 207,
    send: async (f) => {
      await f.disableLeaver();
      return f.send('POST', `${RM}/profiles/${f.id}/clone?options=${ALL}&ignoreErrors=true`, {
        name: 'Copy',
      });
    },
  },
  {
    name: 'a clone refused for an invalid policy',
    route: `POST ${RM}/profiles/{id}/clone`,
    status: 422,
    send: async (f) => {
      await f.disableLeaver();
      return f.send('POST', `${RM}/profiles/${f.id}/clone?options=${ALL}&ignoreErrors=false`, {
        name: 'Copy',
      });
    },
  },
  {
    name: 'the breakdown',
    route: `GET ${RM}/profiles/{id}/validate`,
    status: 207,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}/validate`),
  },
  {
    name: "the SDK's body",
    route: `POST ${RM}/profiles/{profileId}/policies`,
    status: 201,
    documentedExtras: policyExtras,
    send: (f) =>
      f.send('POST', `${RM}/profiles/${f.id}/policies`, {
        name: 'p',
        accessType: 'Allow',
        condition: {},
        isActive: true,
        isDraft: false,
        isReadOnly: false,
        resourceLabels: {},
        members: [],
      }),
  },
  {
    name: 'the list',
    route: `GET ${RM}/profiles/{profileId}/policies`,
    status: 200,
    documentedExtras: policyExtras,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}/policies`),
  },
  {
    name: 'one',
    route: `GET ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 200,
    documentedExtras: policyExtras,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}/policies/${f.policy.id}`),
  },
  {
    name: 'missing',
    route: `GET ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 404,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}/policies/nope`),
  },
  {
    name: "the SDK's update",
    route: `PATCH ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 204,
    send: (f) =>
      f.send('PATCH', `${RM}/profiles/${f.id}/policies/${f.policy.id}`, {
        name: 'p2',
        accessType: 'Allow',
        condition: null,
        members: [],
      }),
  },
  {
    name: 'missing',
    route: `PATCH ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 404,
    send: (f) => f.send('PATCH', `${RM}/profiles/${f.id}/policies/nope`, { name: 'x' }),
  },
  {
    name: 'delete',
    route: `DELETE ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 204,
    send: (f) => f.send('DELETE', `${RM}/profiles/${f.id}/policies/${f.policy.id}`),
  },
  {
    name: 'missing',
    route: `DELETE ${RM}/profiles/{profileId}/policies/{policyId}`,
    status: 404,
    send: (f) => f.send('DELETE', `${RM}/profiles/${f.id}/policies/nope`),
  },
  {
    name: 'reorder',
    route: `POST ${RM}/profiles/{profileId}/policies/order`,
    status: 200,
    send: async (f) => {
      await f.send('PATCH', `${RM}/profiles/${f.id}`, { policyOrderingEnabled: true });
      return f.send('POST', `${RM}/profiles/${f.id}/policies/order`, [{ id: f.stale.id, order: 0 }]);
    },
  },
  {
    name: 'ordering not enabled',
    route: `POST ${RM}/profiles/{profileId}/policies/order`,
    status: 400,
    send: (f) => f.send('POST', `${RM}/profiles/${f.id}/policies/order`, [{ id: f.stale.id, order: 0 }]),
  },
  {
    name: 'add',
    route: `POST ${RM}/profile/{profileId}/advanced-settings`,
    status: 201,
    send: (f) =>
      f.send('POST', `${RM}/profile/${f.id}/advanced-settings`, {
        settings: [{ settingsType: 'ITSM', isItsmEnabled: true }],
      }),
  },
  {
    name: 'read',
    route: `GET ${RM}/profile/{profileId}/advanced-settings`,
    status: 200,
    send: (f) => f.send('GET', `${RM}/profile/${f.id}/advanced-settings`),
  },
  {
    name: 'missing profile',
    route: `GET ${RM}/profile/{profileId}/advanced-settings`,
    status: 404,
    send: (f) => f.send('GET', `${RM}/profile/${MISSING}/advanced-settings`),
  },
  {
    name: 'replace',
    route: `PUT ${RM}/profile/{profileId}/advanced-settings`,
    status: 201,
    send: (f) =>
      f.send('PUT', `${RM}/profile/${f.id}/advanced-settings`, {
        settings: [{ settingsType: 'JUSTIFICATION', isJustificationRequired: false }],
      }),
  },
  {
    name: 'remove one',
    route: `DELETE ${RM}/profile/{profileId}/advanced-settings/{id}`,
    status: 204,
    send: (f) => f.send('DELETE', `${RM}/profile/${f.id}/advanced-settings/${f.settings.settings[0].id}`),
  },
  {
    name: 'missing',
    route: `DELETE ${RM}/profile/{profileId}/advanced-settings/{id}`,
    status: 404,
    send: (f) => f.send('DELETE', `${RM}/profile/${f.id}/advanced-settings/nope`),
  },
  {
    name: 'set',
    route: `POST ${RM}/profiles/{id}/associations`,
    status: 200,
    send: (f) => f.send('POST', `${RM}/profiles/${f.id}/associations`, { associations: { env: ['prod'] } }),
  },
  {
    name: 'read',
    route: `GET ${RM}/profiles/{id}/associations`,
    status: 200,
    send: (f) => f.send('GET', `${RM}/profiles/${f.id}/associations`),
  },
  {
    name: 'missing',
    route: `GET ${RM}/profiles/{id}/associations`,
    status: 404,
    send: (f) => f.send('GET', `${RM}/profiles/${MISSING}/associations`),
  },
  {
    name: 'add (the seed says 201, the spec 200)',
    route: `POST ${RM}/profiles/{profileId}/permissions`,
    status: 201,
    referenceStatus: 200,
    send: (f) =>
      f.send('POST', `${RM}/profiles/${f.id}/permissions`, {
        permissionId: f.spare.permissionId,
        version: 1,
        variables: [],
      }),
  },
  {
    name: 'the seed sample',
    route: `GET ${RM}/profiles/{profileId}/permissions`,
    status: 200,
    send: (f) =>
      f.send(
        'GET',
        `${RM}/profiles/${f.id}/permissions?page=0&size=20&sort=name,asc&filter=name%20co%20Admin`,
      ),
  },
  {
    name: 'variables',
    route: `PATCH ${RM}/profiles/{profileId}/permissions/{permissionId}`,
    status: 204,
    send: (f) =>
      f.send('PATCH', `${RM}/profiles/${f.id}/permissions/${f.permission.permissionId}`, {
        variables: [{ name: 'host', value: 'x' }],
      }),
  },
  {
    name: 'missing',
    route: `PATCH ${RM}/profiles/{profileId}/permissions/{permissionId}`,
    status: 404,
    send: (f) => f.send('PATCH', `${RM}/profiles/${f.id}/permissions/${MISSING}`, { variables: [] }),
  },
  {
    name: 'remove',
    route: `DELETE ${RM}/profiles/{profileId}/permissions/{permissionId}`,
    status: 204,
    send: (f) => f.send('DELETE', `${RM}/profiles/${f.id}/permissions/${f.permission.permissionId}`),
  },
  {
    name: 'missing',
    route: `DELETE ${RM}/profiles/{profileId}/permissions/{permissionId}`,
    status: 404,
    send: (f) => f.send('DELETE', `${RM}/profiles/${f.id}/permissions/${MISSING}`),
  },
  {
    name: 'the seed sample',
    route: `GET ${RM}/profiles/{profileId}/available-permissions`,
    status: 200,
    send: (f) =>
      f.send(
        'GET',
        `${RM}/profiles/${f.id}/available-permissions?page=0&size=20&sort=name,asc&filter=name%20co%20Read`,
      ),
  },
  {
    name: 'the seed sample',
    route: `GET ${RM}/profiles/permissions/system-defined-values`,
    status: 200,
    send: (f) => f.send('GET', `${RM}/profiles/permissions/system-defined-values`),
  },
  {
    name: 'an unknown resource type',
    route: `GET ${RM}/profiles/permissions/system-defined-values`,
    status: 404,
    send: (f) => f.send('GET', `${RM}/profiles/permissions/system-defined-values?resourceTypeId=${MISSING}`),
  },
  ...catalogCases(),
];

/** The catalog's routes: Britive's excerpt covers profiles only, so these check their status. */
function catalogCases(): ReferenceCase<Fixture>[] {
  const beyond = 'the excerpt covers the profile paths only';
  const c = (
    route: string,
    status: number,
    send: ReferenceCase<Fixture>['send'],
  ): ReferenceCase<Fixture> => ({
    name: 'catalog',
    route,
    status,
    beyondReference: beyond,
    send,
  });
  return [
    c(`POST ${RM}/resource-types`, 201, (f) => f.send('POST', `${RM}/resource-types`, { name: 'Windows' })),
    c(`GET ${RM}/resource-types`, 200, (f) => f.send('GET', `${RM}/resource-types`)),
    c(`GET ${RM}/resource-types/{id}`, 200, (f) =>
      f.send('GET', `${RM}/resource-types/${f.type.resourceTypeId}`),
    ),
    c(`PUT ${RM}/resource-types/{id}`, 200, (f) =>
      f.send('PUT', `${RM}/resource-types/${f.type.resourceTypeId}`, { description: 'd' }),
    ),
    c(`DELETE ${RM}/resource-types/{id}`, 409, (f) =>
      f.send('DELETE', `${RM}/resource-types/${f.type.resourceTypeId}`),
    ),
    c(`GET ${RM}/resource-types/{id}/permissions`, 200, (f) =>
      f.send('GET', `${RM}/resource-types/${f.type.resourceTypeId}/permissions`),
    ),
    c(`POST ${RM}/permissions`, 201, (f) =>
      f.send('POST', `${RM}/permissions`, { name: 'Other', resourceTypeId: f.type.resourceTypeId }),
    ),
    c(`GET ${RM}/permissions/{id}`, 200, (f) =>
      f.send('GET', `${RM}/permissions/${f.permission.permissionId}`),
    ),
    c(`GET ${RM}/permissions/{id}/{version}`, 200, (f) =>
      f.send('GET', `${RM}/permissions/${f.permission.permissionId}/latest`),
    ),
    c(`PUT ${RM}/permissions/{id}`, 200, (f) =>
      f.send('PUT', `${RM}/permissions/${f.permission.permissionId}`, { variables: ['host', 'port'] }),
    ),
    c(`DELETE ${RM}/permissions/{id}`, 204, (f) =>
      f.send('DELETE', `${RM}/permissions/${f.spare.permissionId}`),
    ),
    c(`POST ${RM}/labels`, 201, (f) => f.send('POST', `${RM}/labels`, { keyName: 'region', values: [] })),
    c(`GET ${RM}/labels`, 200, (f) => f.send('GET', `${RM}/labels`)),
    c(`GET ${RM}/labels/{id}`, 200, (f) => f.send('GET', `${RM}/labels/${f.label.keyId}`)),
    c(`PUT ${RM}/labels/{id}`, 200, (f) =>
      f.send('PUT', `${RM}/labels/${f.label.keyId}`, { values: [{ name: 'prod' }, { name: 'dev' }] }),
    ),
    c(`DELETE ${RM}/labels/{id}`, 204, (f) => f.send('DELETE', `${RM}/labels/${f.label.keyId}`)),
  ];
}

referenceContract('Britive answers against its OpenAPI document', {
  api: 'britive',
  reference: () =>
    new VendorReference([
      new URL('./reference/britive-resource-manager-profiles.openapi.json', import.meta.url),
    ]),
  fixture,
  cases,
});
