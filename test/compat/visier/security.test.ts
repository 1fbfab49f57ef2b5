import { forEachApp, type TestApp } from '../../support/app.js';
import type { Presenter } from '../../support/credentials.js';
import { create, newProfile, newUser, type TenantRef } from '../../support/fixtures.js';
import { guardedRoutes, NEVER_USED_ID, type ResourceMaker } from '../../support/security-routes.js';
import { securitySuite } from '../../support/security-suite.js';

/**
 * Visier's presentations: the tenant's key as `apikey`, with a token. An API key is also a token
 * of its tenant, so the same key goes in both places and every failure (malformed, wrong,
 * expired, revoked) hits the pair as a client would see it.
 */
const presenters: Presenter[] = [
  {
    name: 'apikey + Authorization: Bearer',
    kind: 'api_key',
    headers: (c) => ({ apikey: c.secret, authorization: `Bearer ${c.secret}` }),
  },
  {
    name: 'apikey + VisierASIDToken cookie',
    kind: 'api_key',
    headers: (c) => ({ apikey: c.secret, cookie: `VisierASIDToken=${c.secret}` }),
  },
];

const users = { targetUserIds: [NEVER_USED_ID] };
const targets = { ...users, targetTenantCodes: [{ tenantCode: 'NEVER-USED', forAllChildren: true }] };
const p = '/v1/admin/profiles';
const bodies: Record<string, unknown> = {
  [`PUT ${p}/:profileId/assign`]: users,
  [`DELETE ${p}/:profileId/remove`]: users,
  [`PUT ${p}/accessible-tenants/:profileId/assign`]: targets,
  [`DELETE ${p}/accessible-tenants/:profileId/remove`]: targets,
  'POST /v1/admin/users': { username: 'probe' },
  'PUT /v1/admin/users/:userId': { displayName: 'probe' },
  'POST /v1/admin/tenants': { tenantCode: 'probe', tenantDisplayName: 'probe' },
  'POST /v1/admin/tenants/batch': { tenants: [{ tenantCode: 'probe', tenantDisplayName: 'probe' }] },
  'PUT /v1/admin/tenants/:tenantId': { tenantDisplayName: 'probe' },
};

const idOf = async (made: Promise<{ id: string }>) => (await made).id;
const resources: Record<string, ResourceMaker> = {
  [p]: (t, tenant) => idOf(newProfile(t, tenant, { audience: 'tenant' })),
  [`${p}/accessible-tenants`]: (t, tenant) => idOf(newProfile(t, tenant, { audience: 'accessible-tenants' })),
  '/v1/admin/users': (t, tenant) => idOf(newUser(t, tenant)),
  // An analytic tenant of the other tenant.
  '/v1/admin/tenants': (t: TestApp, tenant: TenantRef) =>
    idOf(
      create(t, tenant, '/v1/tenants', { code: `probe-${Date.now()}`, name: 'probe', parentId: tenant.id }),
    ),
  '/v1/admin/capabilities': () => 'global',
};

forEachApp('security of the Visier API', (t) => {
  securitySuite(t, {
    routes: (app) => guardedRoutes(app, /^\/v1\/admin\//, bodies, 'visier'),
    presenters,
    resources,
    tenantHeader: 'targettenantid',
  });
});
