import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import type { Presenter } from '../../support/credentials.js';
import { newTenant } from '../../support/fixtures.js';
import { guardedRoutes, NEVER_USED_ID } from '../../support/security-routes.js';
import { securitySuite } from '../../support/security-suite.js';
import { answered, armSession } from '../../support/solarwinds-arm.js';

/** ARM's scripts send the SessionId as a bearer token... */
const bearerSession: Presenter = {
  name: 'Authorization: Bearer <SessionId>',
  kind: 'session',
  headers: (c) => ({ authorization: `Bearer ${c.secret}` }),
};

/** ...and a browser sends it back as the cookie login set. */
const sessionCookie: Presenter = {
  name: 'Cookie: ARM.SessionId',
  kind: 'session',
  headers: (c) => ({ cookie: `ARM.SessionId=${c.secret}` }),
};

const P = '/api/v1/Profiles';
const assign = { ProfileId: NEVER_USED_ID, AccountIds: [NEVER_USED_ID] };
const bodies: Record<string, unknown> = {
  [`POST ${P}/CreateUpdate`]: { Name: 'probe' },
  [`POST ${P}/Delete`]: [NEVER_USED_ID],
  [`POST ${P}/AdditionalProfileInformation`]: [],
  [`POST ${P}/Configuration`]: { are_unassigned_accounts_non_compliant: false },
  [`POST ${P}/Assign`]: assign,
  [`POST ${P}/Unassign`]: assign,
};

forEachApp('security of the SolarWinds ARM API', (t) => {
  securitySuite(t, {
    routes: (app) => guardedRoutes(app, /^\/api\/v1\/(Profiles|session)/, bodies, 'solarwinds-arm'),
    presenters: [bearerSession, sessionCookie],
    resources: {},
    readingWrites: [`POST ${P}/AdditionalProfileInformation`],
    tenantHeader: null,
  });

  test('hostile input is a 4xx, never a 500, on every route that takes input', async () => {
    const tenant = await newTenant(t());
    const arm = await armSession(t(), tenant);
    const long = 'x'.repeat(100_000);
    const cases: [string, string, unknown][] = [
      ['POST', `${P}/CreateUpdate`, { Name: 'nul\u0000name' }],
      ['POST', `${P}/CreateUpdate`, { Name: long }],
      ['POST', `${P}/CreateUpdate`, { Name: 12 }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Color: 1e308 }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Color: -1 }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Color: 1.5 }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Groups: 'Admins' }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Groups: ['\u0000'] }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Groups: [{ Sid: long }] }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', LdapAttributes: [{ Key: 'a' }] }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', LdapAttributes: [{ Key: 'a', Value: 'b', Extra: 1 }] }],
      ['POST', `${P}/CreateUpdate`, { Name: 'ok', Id: '\u0000' }],
      ['POST', `${P}/CreateUpdate`, [1, 2]],
      ['POST', `${P}/Delete`, ['not-a-guid']],
      ['POST', `${P}/Delete`, { ids: [] }],
      ['POST', `${P}/Delete`, Array.from({ length: 10_000 }, () => NEVER_USED_ID)],
      ['POST', `${P}/AdditionalProfileInformation`, [1e308]],
      ['POST', `${P}/AdditionalProfileInformation`, 'all'],
      ['POST', `${P}/Configuration`, { are_unassigned_accounts_non_compliant: { value: 'yes' } }],
      ['POST', `${P}/Configuration`, { are_unassigned_accounts_non_compliant: true, more: 1 }],
      ['POST', `${P}/Assign`, { ProfileId: NEVER_USED_ID, AccountIds: [NEVER_USED_ID], Extra: 1 }],
      ['POST', `${P}/Assign`, { ProfileId: 'x\u0000', AccountIds: [NEVER_USED_ID] }],
      ['POST', `${P}/Unassign`, { ProfileId: NEVER_USED_ID, AccountIds: NEVER_USED_ID }],
      ['POST', '/api/v1/session/login', { username: 'a\u0000', password: 'b', domain: 'c' }],
      ['POST', '/api/v1/session/login', { username: long, password: 'b', domain: 'c' }],
      ['POST', '/api/v1/session/login', { username: 'a', password: 'b', domain: 1e308 }],
      ['GET', `${P}/AssignmentsByProfileId?profileId=${encodeURIComponent('a\u0000')}`, undefined],
      ['GET', `${P}/AssignmentsByProfileId?profileId=${NEVER_USED_ID}&extra=1`, undefined],
      [
        'GET',
        `${P}/GroupsByAccount?accountId=${NEVER_USED_ID}&provider=${encodeURIComponent('\u0000')}`,
        undefined,
      ],
      ['GET', `${P}/GroupsByAccount?accountId=1e308&provider=AD`, undefined],
      ['GET', `${P}/AttributesByAccount?accountId=${NEVER_USED_ID}&provider=${long}`, undefined],
      ['DELETE', `${P}/Delete?profileId=${NEVER_USED_ID}&profileId=${NEVER_USED_ID}`, undefined],
    ];
    for (const [method, url, payload] of cases) {
      const answer = await arm.request(method as 'GET', url, payload);
      const what = `${method} ${url.slice(0, 80)} ${JSON.stringify(payload)?.slice(0, 80)}`;
      assert.ok(answer.statusCode >= 400 && answer.statusCode < 500, `${what}: ${answer.body.slice(0, 300)}`);
      assert.equal(answer.json().Success, false, what);
    }
    assert.deepEqual(answered(await arm.request('GET', P)), [], 'nothing was written');
  });
});
