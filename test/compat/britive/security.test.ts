import { forEachApp } from '../../support/app.js';
import type { Presenter } from '../../support/credentials.js';
import { newProfile } from '../../support/fixtures.js';
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
};

const idOf = async (made: Promise<{ id: string }>) => (await made).id;
const profileOf: ResourceMaker = (t, tenant) => idOf(newProfile(t, tenant));
const resources: Record<string, ResourceMaker> = {
  [`${RM}/profiles`]: profileOf,
  [`${RM}/profile`]: profileOf,
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
