import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSheet } from 'read-excel-file/node';
import { REPORT_COLUMNS } from '../../../src/compat/visier/profile-assignments.report.js';
import { forEachApp, type Answer } from '../../support/app.js';
import { as, newProfile, newTenant, newUser } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

const URL = '/v1/admin/users/reports/profile-assignments';
const START = 1571122800000;
const END = 1571727600001;

/** The rows of the answered workbook, read by a parser independent of the writer. */
async function rowsOf(res: Answer) {
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/vnd.ms-excel');
  const [header, ...rows] = await readSheet(res.rawPayload);
  assert.deepEqual(header, [...REPORT_COLUMNS]);
  return rows;
}

forEachApp('Visier profile assignments report', (t) => {
  async function setup() {
    const admin = await newTenant(t());
    const analytic = await newTenant(t(), admin);
    const outside = await newTenant(t());
    const visier = await visierClient(t(), admin);
    const local = await newProfile(t(), admin, { name: 'Auditor', audience: 'tenant' });
    const shared = await newProfile(t(), admin, { name: 'Partner', audience: 'accessible-tenants' });
    const ada = await newUser(t(), admin, { username: 'a-ada', givenName: 'Ada', familyName: 'Lovelace' });
    const bob = await newUser(t(), admin, { username: 'b-bob' });
    return { admin, analytic, outside, visier, local, shared, ada, bob };
  }

  test('one row per assignment of the tenant, with Visier’s epoch strings, dates and the audience', async () => {
    const { admin, analytic, visier, local, shared, ada, bob } = await setup();
    const windowed = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/${local.id}/assign`,
      payload: { targetUserIds: [ada.id], validityStartTime: String(START), validityEndTime: String(END) },
    });
    assert.equal(windowed.statusCode, 200, windowed.body);
    const forAnalytic = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/accessible-tenants/${shared.id}/assign`,
      payload: {
        targetUserIds: [bob.id],
        targetTenantCodes: [{ tenantCode: analytic.code, forAllChildren: true }],
      },
    });
    assert.equal(forAnalytic.statusCode, 200, forAnalytic.body);

    const res = await visier.request({ method: 'GET', url: URL });
    assert.match(
      String(res.headers['content-disposition']),
      new RegExp(`^attachment; filename="profile-assignments-${admin.code}\\.xlsx"$`),
    );
    assert.deepEqual(await rowsOf(res), [
      [
        ada.id,
        'a-ada',
        'Ada Lovelace',
        local.id,
        'Auditor',
        'tenant',
        admin.code,
        false,
        String(START),
        String(END),
        new Date(START),
        new Date(END),
      ],
      [
        bob.id,
        'b-bob',
        null,
        shared.id,
        'Partner',
        'accessible-tenant',
        analytic.code,
        true,
        '-9223372036854775808',
        '9223372036854775807',
        null,
        null,
      ],
    ]);
  });

  test('tenantCode and TargetTenantID select an analytic tenant below the caller’s', async () => {
    const { analytic, visier } = await setup();
    const profile = await newProfile(t(), analytic, { name: 'Viewer' });
    const user = await newUser(t(), analytic, { username: 'c-cy', nickname: 'Cy' });
    const made = await as(t(), analytic, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
    });
    assert.equal(made.statusCode, 201, made.body);
    const expected = [
      [
        user.id,
        'c-cy',
        'Cy',
        profile.id,
        'Viewer',
        'tenant',
        analytic.code,
        false,
        '-9223372036854775808',
        '9223372036854775807',
        null,
        null,
      ],
    ];
    const byQuery = await visier.request({ method: 'GET', url: `${URL}?tenantCode=${analytic.code}` });
    assert.deepEqual(await rowsOf(byQuery), expected);
    const byHeader = await visier.request({
      method: 'GET',
      url: URL,
      headers: { targettenantid: analytic.code },
    });
    assert.deepEqual(await rowsOf(byHeader), expected);
  });

  test('a tenant outside the caller’s subtree is not found', async () => {
    const { outside, visier } = await setup();
    const res = await visier.request({ method: 'GET', url: `${URL}?tenantCode=${outside.code}` });
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.json().code, 'tenant.not_found');
    assert.equal(res.json().userError, true);
  });

  test('without the apikey header the answer is a 401 in Visier’s shape', async () => {
    const { visier } = await setup();
    const res = await visier.request({ method: 'GET', url: URL, headers: { apikey: '' } });
    assert.equal(res.statusCode, 401, res.body);
    assert.equal(res.headers['content-type']?.toString().startsWith('application/json'), true);
    assert.equal(res.json().userError, true);
    assert.ok(res.json().rci);
  });

  test('a key without assignments:read is refused', async () => {
    const { admin } = await setup();
    const narrow = await visierClient(t(), admin, ['profiles:read']);
    const res = await narrow.request({ method: 'GET', url: URL });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().userError, true);
  });
});
