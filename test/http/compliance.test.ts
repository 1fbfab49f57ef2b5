import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Attribute, Change } from 'ldapts';
import { forEachApp, type TestApp } from '../support/app.js';
import { connectTestDirectory, sync, usersByName } from '../support/directory.js';
import { as, newProfile, newTenant, type TenantRef } from '../support/fixtures.js';
import { groupDn, peopleDn, slapdMissing, startDirectory, type TestDirectory } from '../support/slapd.js';
import { valuesOf } from '../../src/core/directory/entry-values.js';

const skip = slapdMissing;

/** A synced tenant whose "Engineer" profile wants Engineering and departmentNumber=Engineering. */
async function syncedTenant(t: TestApp, ldap: TestDirectory, extra: object = {}) {
  const tenant = await newTenant(t);
  const directory = await connectTestDirectory(t, tenant, ldap, { writable: true, ...extra });
  assert.equal((await sync(t, tenant, directory.id)).statusCode, 200);
  const profile = await newProfile(t, tenant, {
    name: 'Engineer',
    desiredGroups: [{ name: 'Engineering', provider: 'OpenLDAP', sid: null }],
    desiredLdapAttributes: [{ name: 'departmentNumber', value: 'Engineering' }],
  });
  const users = await usersByName(t, tenant);
  return { tenant, directory, profile, users };
}

async function assign(t: TestApp, tenant: TenantRef, profileId: string, userId: string) {
  const answer = await as(t, tenant, 'POST', '/v1/assignments', { profileId, userId });
  assert.ok([200, 201].includes(answer.statusCode), answer.body);
}

const nonCompliant = async (t: TestApp, tenant: TenantRef, query = '') =>
  (await as(t, tenant, 'GET', `/v1/compliance${query}`)).json();

forEachApp('compliance and remediation against a real OpenLDAP', (t) => {
  let ldap: TestDirectory;
  before(async () => {
    if (!slapdMissing) ldap = await startDirectory();
  });
  after(() => ldap?.stop());

  test(
    'an account lacking a desired group or value is non-compliant, with exactly what differs',
    { skip },
    async () => {
      const { tenant, profile, users } = await syncedTenant(t(), ldap);
      for (const name of ['alice', 'bob', 'dave']) await assign(t(), tenant, profile.id, users.get(name).id);

      const report = await nonCompliant(t(), tenant);
      assert.deepEqual(
        report.items.map((a: any) => a.username),
        ['bob'],
      );
      const [bob] = report.items;
      assert.deepEqual(bob.missingGroups, [
        { name: 'Engineering', provider: 'OpenLDAP', sid: null, profileIds: [profile.id] },
      ]);
      assert.deepEqual(bob.differentAttributes, [
        { name: 'departmentNumber', desired: 'Engineering', actual: ['Sales'], profileIds: [profile.id] },
      ]);
      assert.deepEqual(bob.extraGroups, ['Everyone', 'Sales']);
      // dave is in Engineering only through Platform: nested membership counts.
      const dave = (await as(t(), tenant, 'GET', `/v1/users/${users.get('dave').id}/compliance`)).json();
      assert.equal(dave.compliant, true);

      const all = await nonCompliant(t(), tenant, '?all=true&limit=2');
      assert.deepEqual([all.total, all.items.length, typeof all.nextCursor], [3, 2, 'string']);
      const rest = await nonCompliant(t(), tenant, `?all=true&limit=2&cursor=${all.nextCursor}`);
      assert.deepEqual([rest.items.map((a: any) => a.username), rest.nextCursor], [['dave'], null]);
      assert.equal((await as(t(), tenant, 'GET', '/v1/compliance?cursor=nope')).statusCode, 400);
    },
  );

  test('unassigned accounts count only when the tenant says so', { skip }, async () => {
    const { tenant, profile, users } = await syncedTenant(t(), ldap);
    await assign(t(), tenant, profile.id, users.get('alice').id);
    assert.equal((await nonCompliant(t(), tenant)).total, 0);
    const patched = await as(t(), tenant, 'PATCH', `/v1/tenants/${tenant.id}`, {
      settings: { unassignedAccountsNonCompliant: true },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const report = await nonCompliant(t(), tenant);
    assert.equal(report.unassignedAccountsNonCompliant, true);
    assert.deepEqual(
      report.items.map((a: any) => [a.username, a.unassigned]),
      [
        ['bob', true],
        ['carol', true],
        ['dave', true],
      ],
    );
  });

  test(
    'an attribute changed in LDAP makes the account non-compliant after the next sync',
    { skip },
    async () => {
      const own = await startDirectory();
      try {
        const { tenant, directory, profile, users } = await syncedTenant(t(), own);
        await assign(t(), tenant, profile.id, users.get('alice').id);
        assert.equal((await nonCompliant(t(), tenant)).total, 0);
        const client = await own.admin();
        await client.modify(peopleDn('alice'), [
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: 'departmentNumber', values: ['Sales'] }),
          }),
        ]);
        await client.unbind();
        assert.equal((await nonCompliant(t(), tenant)).total, 0, 'the facts are the synced ones');
        await sync(t(), tenant, directory.id);
        const report = await nonCompliant(t(), tenant);
        assert.deepEqual(
          report.items.map((a: any) => a.differentAttributes[0].actual),
          [['Sales']],
        );
      } finally {
        await own.stop();
      }
    },
  );

  test(
    'remediation plans the changes, applies them in LDAP and makes the account compliant',
    { skip },
    async () => {
      const own = await startDirectory();
      try {
        const { tenant, profile, users } = await syncedTenant(t(), own);
        const bob = users.get('bob');
        await assign(t(), tenant, profile.id, bob.id);

        const plan = (await as(t(), tenant, 'POST', '/v1/compliance/remediate', {})).json();
        assert.equal(plan.dryRun, true);
        assert.deepEqual(plan.accounts, [
          {
            userId: bob.id,
            username: 'bob',
            directoryId: bob.directory.directoryId,
            status: 'planned',
            changes: [
              {
                kind: 'add-to-group',
                name: 'Engineering',
                value: null,
                ldap: {
                  dn: groupDn('Engineering'),
                  operation: 'add',
                  attribute: 'member',
                  values: [peopleDn('bob')],
                },
              },
              {
                kind: 'set-attribute',
                name: 'departmentNumber',
                value: 'Engineering',
                ldap: {
                  dn: peopleDn('bob'),
                  operation: 'replace',
                  attribute: 'departmentNumber',
                  values: ['Engineering'],
                },
              },
            ],
            unresolved: [],
            error: null,
          },
        ]);
        // A dry run changes nothing in the directory.
        assert.deepEqual(valuesOf(await own.search(peopleDn('bob')), 'departmentNumber'), ['Sales']);

        const applied = await as(t(), tenant, 'POST', '/v1/compliance/remediate', { dryRun: false });
        assert.equal(applied.statusCode, 200, applied.body);
        assert.deepEqual(
          applied.json().accounts.map((a: any) => a.status),
          ['applied'],
        );
        assert.deepEqual(valuesOf(await own.search(peopleDn('bob')), 'departmentNumber'), ['Engineering']);
        assert.ok(valuesOf(await own.search(groupDn('Engineering')), 'member').includes(peopleDn('bob')));
        assert.equal((await nonCompliant(t(), tenant)).total, 0, 'synced again after applying');
        const events = (await as(t(), tenant, 'GET', '/v1/audit-events?limit=200')).json().items;
        assert.ok(events.some((e: any) => e.action === 'user.remediate' && e.targetId === bob.id));
      } finally {
        await own.stop();
      }
    },
  );

  test(
    'an account whose change the directory refuses fails alone; the others still apply',
    { skip },
    async () => {
      const own = await startDirectory();
      try {
        const { tenant, users } = await syncedTenant(t(), own);
        // Auditors lives in ou=locked, which profiled's service account may read but not change.
        const audited = await newProfile(t(), tenant, {
          name: 'Auditor',
          desiredGroups: [{ name: 'Auditors', provider: null, sid: null }],
        });
        const titled = await newProfile(t(), tenant, {
          name: 'Titled',
          desiredLdapAttributes: [{ name: 'title', value: 'Lead' }],
        });
        await assign(t(), tenant, audited.id, users.get('bob').id);
        await assign(t(), tenant, titled.id, users.get('alice').id);
        const result = (await as(t(), tenant, 'POST', '/v1/compliance/remediate', { dryRun: false })).json();
        const byName = new Map<string, any>(result.accounts.map((a: any) => [a.username, a]));
        assert.equal(byName.get('alice').status, 'applied');
        assert.equal(byName.get('bob').status, 'failed');
        assert.match(byName.get('bob').error, /Auditors/);
        assert.deepEqual(valuesOf(await own.search(peopleDn('alice')), 'title'), ['Lead']);
        assert.ok(
          !valuesOf(await own.search(`cn=Auditors,ou=locked,dc=example,dc=org`), 'member').includes(
            peopleDn('bob'),
          ),
        );
      } finally {
        await own.stop();
      }
    },
  );

  test(
    'a change the directory has already (the sync is behind it) is applied all the same',
    { skip },
    async () => {
      const own = await startDirectory();
      try {
        const { tenant, profile, users } = await syncedTenant(t(), own);
        await assign(t(), tenant, profile.id, users.get('bob').id);
        const client = await own.admin();
        await client.modify(groupDn('Engineering'), [
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'member', values: [peopleDn('bob')] }),
          }),
        ]);
        await client.unbind();
        const result = (await as(t(), tenant, 'POST', '/v1/compliance/remediate', { dryRun: false })).json();
        assert.deepEqual(
          result.accounts.map((a: any) => [a.status, a.error]),
          [['applied', null]],
        );
        assert.equal((await nonCompliant(t(), tenant)).total, 0);
      } finally {
        await own.stop();
      }
    },
  );

  test('a directory not configured writable is never changed', { skip }, async () => {
    const { tenant, profile, users } = await syncedTenant(t(), ldap, { writable: false });
    await assign(t(), tenant, profile.id, users.get('bob').id);
    const result = (await as(t(), tenant, 'POST', '/v1/compliance/remediate', { dryRun: false })).json();
    assert.deepEqual(
      result.accounts.map((a: any) => a.status),
      ['failed'],
    );
    assert.match(result.accounts[0].error, /not writable/);
    assert.deepEqual(valuesOf(await ldap.search(peopleDn('bob')), 'departmentNumber'), ['Sales']);
  });
});
