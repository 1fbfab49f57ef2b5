import { forEachApp } from '../../support/app.js';
import type { Presenter } from '../../support/credentials.js';
import { create, newProfile } from '../../support/fixtures.js';
import { guardedRoutes, type ResourceMaker } from '../../support/security-routes.js';
import { securitySuite } from '../../support/security-suite.js';

/** Britive's presentations of an API token: `TOKEN` (short tokens) and `Bearer` (long ones). */
const presenters: Presenter[] = [
  {
    name: 'Authorization: TOKEN <api token>',
    kind: 'api_key',
    headers: (c) => ({ authorization: `TOKEN ${c.secret}` }),
  },
  {
    name: 'Authorization: Bearer <api token>',
    kind: 'api_key',
    headers: (c) => ({ authorization: `Bearer ${c.secret}` }),
  },
];

const RM = '/api/resource-manager';
const bodies: Record<string, unknown> = {
  [`POST ${RM}/profiles`]: { name: 'probe' },
  [`PATCH ${RM}/profiles/:id`]: { description: 'probe' },
  'POST /api/token': { name: 'probe', tokenExpirationDays: 1 },
  [`POST ${RM}/profiles/:profileId/policies`]: { name: 'probe' },
  [`PATCH ${RM}/profiles/:profileId/policies/:policyId`]: { name: 'probe' },
  [`POST ${RM}/profiles/:profileId/policies/order`]: [],
  [`POST ${RM}/profiles/:id/clone`]: { name: 'probe clone' },
  [`POST ${RM}/profile/:profileId/advanced-settings`]: { settings: [] },
  [`PUT ${RM}/profile/:profileId/advanced-settings`]: { settings: [] },
  [`POST ${RM}/profiles/:id/associations`]: { associations: {} },
  [`POST ${RM}/profiles/:profileId/permissions`]: {
    permissionId: '0190b7e4-0000-7000-8000-0000000beef0',
    variables: [],
  },
  [`PATCH ${RM}/profiles/:profileId/permissions/:permissionId`]: { variables: [] },
  [`POST ${RM}/resource-types`]: { name: 'probe' },
  [`PUT ${RM}/resource-types/:id`]: { description: 'probe' },
  [`POST ${RM}/permissions`]: { name: 'probe', resourceTypeId: '0190b7e4-0000-7000-8000-0000000beef0' },
  [`PUT ${RM}/permissions/:id`]: { description: 'probe' },
  [`POST ${RM}/labels`]: { keyName: 'probe' },
  [`PUT ${RM}/labels/:id`]: { description: 'probe' },
};

const idOf = async (made: Promise<{ id: string }>) => (await made).id;
const profileOf: ResourceMaker = (t, tenant) => idOf(newProfile(t, tenant));
const resources: Record<string, ResourceMaker> = {
  [`${RM}/profiles`]: profileOf,
  [`${RM}/profile`]: profileOf,
  [`${RM}/resource-types`]: async (t, tenant) =>
    (await create(t, tenant, '/v1/resource-types', { name: `probe-${Date.now()}-${Math.random()}` }))
      .id as string,
  [`${RM}/permissions`]: async (t, tenant) => {
    const type = await create(t, tenant, '/v1/resource-types', {
      name: `probe-${Date.now()}-${Math.random()}`,
    });
    return (await create(t, tenant, '/v1/permissions', { resourceTypeId: type.id, name: 'probe' }))
      .id as string;
  },
  [`${RM}/labels`]: async (t, tenant) =>
    (await create(t, tenant, '/v1/labels', { keyName: `probe-${Date.now()}-${Math.random()}` })).id as string,
};

forEachApp('security of the Britive API', (t) => {
  securitySuite(t, {
    routes: (app) => guardedRoutes(app, /^\/api\//, bodies, 'britive'),
    presenters,
    resources,
    tenantHeader: null,
    listProbe: {
      query: (id) => `filter=${encodeURIComponent(`id eq ${id}`)}`,
      found: (body) => ({ total: body.count, items: body.data?.length }),
    },
  });
});
