import { unique, type TestApp } from './app.js';
import {
  as,
  create,
  newPermission,
  newProfile,
  newResourceType,
  newUser,
  type TenantRef,
} from './fixtures.js';
import { guardedRoutes, NEVER_USED_ID, type ProtectedRoute, type ResourceMaker } from './security-routes.js';

const someone = NEVER_USED_ID;
const credential = { name: 'probe' };

/** A valid body for each native route that takes one (ids name nothing: they need not exist). */
export const nativeBodies: Readonly<Record<string, unknown>> = {
  'POST /v1/tenants': { code: 'PROBE', name: 'probe' },
  'PATCH /v1/tenants/:id': { name: 'probe' },
  'POST /v1/users': { username: 'probe' },
  'PATCH /v1/users/:id': { nickname: 'probe' },
  'PUT /v1/users/:id/password': { password: 'Probe-Password-42' },
  'POST /v1/groups': { name: 'probe' },
  'PATCH /v1/groups/:id': { name: 'probe' },
  'POST /v1/profiles': { name: 'probe' },
  'PATCH /v1/profiles/:id': { description: 'probe' },
  'POST /v1/resource-types': { name: 'probe' },
  'PATCH /v1/resource-types/:id': { description: 'probe' },
  'POST /v1/permissions': { resourceTypeId: someone, name: 'probe' },
  'PATCH /v1/permissions/:id': { description: 'probe' },
  'POST /v1/permissions/:id/versions': { variables: [{ name: 'probe', type: 'password' }] },
  'POST /v1/labels': { keyName: 'probe', values: [{ name: 'probe' }] },
  'PATCH /v1/labels/:id': { description: 'probe' },
  'POST /v1/roles': { name: 'probe' },
  'PATCH /v1/roles/:id': { description: 'probe' },
  'POST /v1/directories': {
    name: 'probe',
    url: 'ldap://127.0.0.1:9',
    bindDn: 'cn=probe',
    bindPassword: 'probe',
    baseDn: 'dc=probe',
  },
  'PATCH /v1/directories/:id': { writable: true },
  'POST /v1/compliance/remediate': { dryRun: true },
  'POST /v1/assignments': { profileId: someone, userId: someone },
  'PATCH /v1/assignments/:id': { includeDescendants: true },
  'POST /v1/assignments/bulk-assign': { profileId: someone, userIds: [someone] },
  'POST /v1/assignments/bulk-revoke': { profileId: someone, userIds: [someone] },
  'POST /v1/access/check': { user: someone, capability: 'Reports', level: 'Read' },
  'POST /v1/oauth-clients': credential,
  'PATCH /v1/oauth-clients/:id': credential,
  'POST /v1/api-keys': credential,
  'PATCH /v1/api-keys/:id': credential,
  'POST /v1/access-keys': credential,
  'PATCH /v1/access-keys/:id': credential,
  'PUT /v1/whoami/password': { currentPassword: 'Probe-Password-42', newPassword: 'Probe-Password-43' },
};

/** Every guarded route of the native API (under /v1 and /oauth2), as the app registered them. */
export const nativeRoutes = (t: TestApp): ProtectedRoute[] =>
  guardedRoutes(t, /^\/(v1|oauth2)\//, nativeBodies);

const idOf = async (made: Promise<{ id: string }>) => (await made).id;

/** How to make a resource of a tenant in each native collection. */
export const nativeResources: Readonly<Record<string, ResourceMaker>> = {
  '/v1/tenants': async (_t, tenant) => tenant.id,
  '/v1/users': (t, tenant) => idOf(newUser(t, tenant)),
  '/v1/groups': (t, tenant) => idOf(create(t, tenant, '/v1/groups', { name: 'probe' })),
  '/v1/profiles': (t, tenant) => idOf(newProfile(t, tenant)),
  '/v1/resource-types': (t, tenant) => idOf(newResourceType(t, tenant)),
  '/v1/permissions': (t, tenant) => idOf(newPermission(t, tenant)),
  '/v1/labels': (t, tenant) => idOf(create(t, tenant, '/v1/labels', { keyName: 'probe' })),
  '/v1/roles': (t, tenant) => idOf(create(t, tenant, '/v1/roles', { name: unique('role') })),
  // Port 9 of the loopback refuses at once: a sync is a quick 502, as the route declares.
  '/v1/directories': (t, tenant) =>
    idOf(
      create(t, tenant, '/v1/directories', {
        name: unique('directory'),
        url: 'ldap://127.0.0.1:9',
        bindDn: 'cn=probe',
        bindPassword: 'probe',
        baseDn: 'dc=probe',
      }),
    ),
  '/v1/assignments': async (t, tenant) => {
    const [profile, user] = [await newProfile(t, tenant), await newUser(t, tenant)];
    return idOf(create(t, tenant, '/v1/assignments', { profileId: profile.id, userId: user.id }));
  },
  '/v1/oauth-clients': (t, tenant) => idOf(create(t, tenant, '/v1/oauth-clients', credential)),
  '/v1/api-keys': (t, tenant) => idOf(create(t, tenant, '/v1/api-keys', credential)),
  '/v1/access-keys': (t, tenant) => idOf(create(t, tenant, '/v1/access-keys', credential)),
  '/v1/audit-events': async (t, tenant: TenantRef) =>
    (await as(t, tenant, 'GET', '/v1/audit-events?limit=1')).json().items[0].id,
  // The capability catalog is the same for every tenant.
  '/v1/capabilities': () => 'global',
};

/**
 * Non-GET native routes a read-only credential may call: the access check only reads, and a
 * user's own check-outs need only profiles:read, as the profile's policies decide who may hold it
 * (another user's check-out is changed only with assignments:write; docs/checkouts.md).
 */
export const nativeReadingWrites = [
  'POST /v1/access/check',
  'POST /v1/profiles/:id/checkouts',
  'POST /v1/profiles/:id/checkouts/:checkoutId/extend',
  'POST /v1/profiles/:id/checkouts/:checkoutId/checkin',
];
