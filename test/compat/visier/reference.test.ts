import assert from 'node:assert/strict';
import type { Answer, TestApp } from '../../support/app.js';
import { newProfile, newTenant, newUser, type TenantRef } from '../../support/fixtures.js';
import { visierClient, type VisierClient } from '../../support/visier.js';
import { referenceContract, type ReferenceCase } from '../../support/reference-contract.js';
import { visierReference } from '../../support/visier.js';

const MISSING = '33ba5517-e4dc-a548-8d5f-b43f7a412506';

/** Realistic data: an administrating tenant with an analytic tenant, profiles of both kinds, assigned. */
async function fixture(t: TestApp) {
  const admin = await newTenant(t);
  const analytic: TenantRef = await newTenant(t, admin);
  const visier = await visierClient(t, admin);
  const local = await newProfile(t, admin, {
    audience: 'tenant',
    capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Detailed' }],
    additionalCapabilities: ['Approve'],
  });
  const shared = await newProfile(t, admin, {
    audience: 'accessible-tenants',
    capabilities: [{ capability: 'Security', accessLevel: 'Read', viewLevel: 'Simple' }],
  });
  const user = await newUser(t, admin, { givenName: 'Ada', familyName: 'Lovelace' });
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    visier.request({ method, url, ...(payload && { payload }) });
  const ok = async (answer: Promise<Answer>) => {
    const res = await answer;
    assert.equal(res.statusCode, 200, res.body);
  };
  await ok(
    send('PUT', `/v1/admin/profiles/${local.id}/assign`, {
      targetUserIds: [user.id],
      validityStartTime: '1571122800000',
    }),
  );
  await ok(
    send('PUT', `/v1/admin/profiles/accessible-tenants/${shared.id}/assign`, {
      targetUserIds: [user.id],
      targetTenantCodes: [{ tenantCode: analytic.code, forAllChildren: true }],
    }),
  );
  return { t, admin, analytic, visier, local, shared, user, send };
}
type Fixture = Awaited<ReturnType<typeof fixture>> & { visier: VisierClient };

type Case = ReferenceCase<Fixture>;

const p = '/v1/admin/profiles';
const at = '/v1/admin/profiles/accessible-tenants';

/** One entry per Visier endpoint and answer: a route added to the Visier API needs one here. */
const cases: Case[] = [
  { name: 'list profiles', route: `GET ${p}`, status: 200, send: (f) => f.send('GET', p) },
  {
    name: 'one profile',
    route: `GET ${p}/{profileId}`,
    documentedExtras: ['profiles'],
    status: 200,
    send: (f) => f.send('GET', `${p}/${f.local.id}`),
  },
  {
    name: 'an unknown profile (Status)',
    route: `GET ${p}/{profileId}`,
    status: 404,
    send: (f) => f.send('GET', `${p}/${MISSING}`),
  },
  {
    name: 'assign, with an unknown user',
    route: `PUT ${p}/{profileId}/assign`,
    status: 200,
    send: (f) =>
      f.send('PUT', `${p}/${f.local.id}/assign`, {
        targetUserIds: [f.user.id, MISSING],
        validityStartTime: '1571122800000',
        validityEndTime: '9223372036854775807',
      }),
  },
  {
    name: 'assign with a malformed body (Status)',
    route: `PUT ${p}/{profileId}/assign`,
    status: 400,
    send: (f) => f.send('PUT', `${p}/${f.local.id}/assign`, { targetUserIds: [f.user.id], surprise: 1 }),
  },
  {
    name: 'remove, with an unknown user',
    route: `DELETE ${p}/{profileId}/remove`,
    status: 200,
    send: (f) => f.send('DELETE', `${p}/${f.local.id}/remove`, { targetUserIds: [f.user.id, MISSING] }),
  },
  { name: 'list analytic tenant profiles', route: `GET ${at}`, status: 200, send: (f) => f.send('GET', at) },
  {
    name: 'list analytic tenant profiles at the path of Visier’s samples',
    route: 'GET /v1/admin/accessible-tenants',
    referencePath: at,
    status: 200,
    send: (f) => f.send('GET', '/v1/admin/accessible-tenants'),
  },
  {
    name: 'one analytic tenant profile',
    route: `GET ${at}/{profileId}`,
    documentedExtras: ['profiles'],
    status: 200,
    send: (f) => f.send('GET', `${at}/${f.shared.id}`),
  },
  {
    name: 'assign an analytic tenant profile, with an unknown user and tenant code',
    route: `PUT ${at}/{profileId}/assign`,
    status: 200,
    send: (f) =>
      f.send('PUT', `${at}/${f.shared.id}/assign`, {
        targetUserIds: [f.user.id, MISSING],
        targetTenantCodes: [{ tenantCode: f.analytic.code, forAllChildren: false }, { tenantCode: 'NOPE' }],
      }),
  },
  {
    name: 'remove an analytic tenant profile, with an unknown user and tenant code',
    route: `DELETE ${at}/{profileId}/remove`,
    // Visier documents this call's answer to an unknown user as `failed`, beside its schema's fields.
    documentedExtras: ['failed'],
    status: 200,
    send: (f) =>
      f.send('DELETE', `${at}/${f.shared.id}/remove`, {
        targetUserIds: [f.user.id, MISSING],
        targetTenantCodes: [{ tenantCode: f.analytic.code, forAllChildren: true }, { tenantCode: 'NOPE' }],
      }),
  },
  {
    name: 'a user’s profiles',
    route: 'GET /v1/admin/users/{userId}/profiles',
    status: 200,
    send: (f) => f.send('GET', `/v1/admin/users/${f.user.id}/profiles`),
  },
  {
    name: 'an unknown user’s profiles (Status)',
    route: 'GET /v1/admin/users/{userId}/profiles',
    status: 404,
    send: (f) => f.send('GET', `/v1/admin/users/${MISSING}/profiles`),
  },
  {
    name: 'a user’s analytic tenant profiles',
    route: 'GET /v1/admin/users/{userId}/accessible-tenant-profiles',
    status: 200,
    send: (f) => f.send('GET', `/v1/admin/users/${f.user.id}/accessible-tenant-profiles`),
  },
  {
    name: 'the profile assignments report',
    route: 'GET /v1/admin/users/reports/profile-assignments',
    status: 200,
    send: (f) => f.send('GET', '/v1/admin/users/reports/profile-assignments'),
  },
  {
    name: 'the profile assignments report of a tenant that does not exist (Status)',
    route: 'GET /v1/admin/users/reports/profile-assignments',
    status: 404,
    send: (f) => f.send('GET', '/v1/admin/users/reports/profile-assignments?tenantCode=NOPE'),
  },
  {
    name: 'no apikey (Status)',
    route: `GET ${p}`,
    status: 401,
    send: (f) => f.visier.request({ method: 'GET', url: p, headers: { apikey: '' } }),
  },
];

const u = '/v1/admin/users';
const tn = '/v1/admin/tenants';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'Reference-Pass-1';

/** An analytic tenant of the fixture's administrating tenant, made through the Visier API. */
async function provisioned(f: Fixture): Promise<string> {
  const code = `R${Math.random().toString(36).slice(2, 10)}`;
  const res = await f.send('POST', tn, { tenantCode: code, tenantDisplayName: 'Reference' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().tenantCode as string;
}

/** A client of the fixture's tenant, and the user's password. */
async function logins(f: Fixture) {
  const set = await f.t.request({
    method: 'PUT',
    url: `/v1/users/${f.user.id}/password`,
    headers: { 'target-tenant': f.admin.code },
    payload: { password: PASSWORD },
  });
  assert.equal(set.statusCode, 200, set.body);
  const made = await f.t.request({
    method: 'POST',
    url: '/v1/oauth-clients',
    headers: { 'target-tenant': f.admin.code },
    payload: { name: 'reference' },
  });
  return { clientId: made.json().clientId as string, clientSecret: made.json().clientSecret as string };
}

const adminCases: Case[] = [
  { name: 'list users', route: `GET ${u}`, status: 200, send: (f) => f.send('GET', `${u}?limit=5`) },
  {
    name: 'add a user',
    route: `POST ${u}`,
    status: 201,
    send: (f) =>
      f.send('POST', u, { username: `ref${Date.now()}`, displayName: 'Ref', accountEnabled: 'true' }),
  },
  {
    name: 'a user, with profiles, permissions and groups',
    route: `GET ${u}/{userId}`,
    status: 200,
    send: (f) =>
      f.send(
        'GET',
        `${u}/${f.user.id}?assignedProfiles=true&assignedPermissions=true&assignedUserGroups=true`,
      ),
  },
  {
    name: 'update a user',
    route: `PUT ${u}/{userId}`,
    status: 200,
    send: (f) => f.send('PUT', `${u}/${f.user.id}`, { displayName: 'Ada L.', accountEnabled: 'false' }),
  },
  {
    name: 'delete a user',
    route: `DELETE ${u}/{userId}`,
    status: 200,
    send: (f) => f.send('DELETE', `${u}/${f.user.id}`),
  },
  {
    name: 'list analytic tenants',
    route: `GET ${tn}`,
    status: 200,
    send: (f) => f.send('GET', `${tn}?details=true`),
  },
  {
    name: 'add an analytic tenant',
    route: `POST ${tn}`,
    status: 200,
    send: (f) =>
      f.send('POST', tn, { tenantCode: 'Ref1', tenantDisplayName: 'Reference one', industryCode: 5 }),
  },
  {
    name: 'add analytic tenants in a batch',
    route: `POST ${tn}/batch`,
    status: 200,
    send: (f) =>
      f.send('POST', `${tn}/batch`, {
        tenants: [
          { tenantCode: 'RefA', tenantDisplayName: 'A' },
          { tenantCode: 'RefB', tenantDisplayName: 'B' },
        ],
      }),
  },
  {
    name: 'an analytic tenant',
    route: `GET ${tn}/{tenantId}`,
    status: 200,
    send: async (f) => f.send('GET', `${tn}/${await provisioned(f)}`),
  },
  {
    name: 'an unknown tenant (Status)',
    route: `GET ${tn}/{tenantId}`,
    status: 404,
    send: (f) => f.send('GET', `${tn}/NOPE`),
  },
  {
    name: 'update an analytic tenant',
    route: `PUT ${tn}/{tenantId}`,
    status: 200,
    send: async (f) => f.send('PUT', `${tn}/${await provisioned(f)}`, { tenantDisplayName: 'Renamed' }),
  },
  {
    name: 'disable an analytic tenant',
    route: `PUT ${tn}/{tenantId}/disable`,
    status: 200,
    send: async (f) => f.send('PUT', `${tn}/${await provisioned(f)}/disable`),
  },
  {
    name: 'enable an analytic tenant',
    route: `PUT ${tn}/{tenantId}/enable`,
    status: 200,
    send: async (f) => f.send('PUT', `${tn}/${await provisioned(f)}/enable`),
  },
  {
    name: 'delete a disabled analytic tenant',
    route: `DELETE ${tn}/{tenantId}`,
    status: 200,
    send: async (f) => {
      const code = await provisioned(f);
      await f.send('PUT', `${tn}/${code}/disable`);
      return f.send('DELETE', `${tn}/${code}`);
    },
  },
  {
    name: 'list capabilities',
    route: 'GET /v1/admin/capabilities',
    status: 200,
    send: (f) => f.send('GET', '/v1/admin/capabilities'),
  },
  {
    name: 'a capability',
    route: 'GET /v1/admin/capabilities/{capabilityId}',
    status: 200,
    send: (f) => f.send('GET', '/v1/admin/capabilities/Security'),
  },
  {
    name: 'a secure token',
    route: 'POST /v1/admin/visierSecureToken',
    status: 200,
    send: async (f) => {
      await logins(f);
      return f.t.app.inject({
        method: 'POST',
        url: '/v1/admin/visierSecureToken',
        headers: form,
        payload: `username=${f.user.username}&password=${PASSWORD}&vanityName=${f.admin.code}`,
      });
    },
  },
  {
    name: 'a wrong password (Status)',
    route: 'POST /v1/admin/visierSecureToken',
    status: 401,
    send: (f) =>
      f.t.app.inject({
        method: 'POST',
        url: '/v1/admin/visierSecureToken',
        headers: form,
        payload: `username=${f.user.username}&password=wrong&vanityName=${f.admin.code}`,
      }),
  },
  {
    name: 'OAuth 2.0 password grant',
    route: 'POST /v1/auth/oauth2/token',
    status: 200,
    send: async (f) => {
      const client = await logins(f);
      return f.t.app.inject({
        method: 'POST',
        url: '/v1/auth/oauth2/token',
        headers: { ...form, apikey: f.visier.apiKey },
        payload: new URLSearchParams({
          grant_type: 'password',
          client_id: client.clientId,
          client_secret: client.clientSecret,
          username: f.user.username,
          password: PASSWORD,
        }).toString(),
      });
    },
  },
  {
    name: 'an unknown client (Status)',
    route: 'POST /v1/auth/oauth2/token',
    status: 401,
    send: (f) =>
      f.t.app.inject({
        method: 'POST',
        url: '/v1/auth/oauth2/token',
        headers: form,
        payload: 'grant_type=client_credentials&client_id=nobody&client_secret=nothing',
      }),
  },
];
cases.push(...adminCases);

referenceContract('Visier answers match the reference specification', {
  api: 'visier',
  reference: visierReference,
  fixture,
  cases,
});
