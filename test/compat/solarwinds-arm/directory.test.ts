import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Attribute, Change } from 'ldapts';
import { forEachApp } from '../../support/app.js';
import { connectTestDirectory, readAttributes, sync, usersByName } from '../../support/directory.js';
import { as, newTenant, type TenantRef } from '../../support/fixtures.js';
import { groupDn, peopleDn, slapdMissing, startDirectory, type TestDirectory } from '../../support/slapd.js';
import {
  answered,
  ARM_PASSWORD,
  armLogin,
  armSession,
  type ArmSession,
} from '../../support/solarwinds-arm.js';

const P = '/api/v1/Profiles';

forEachApp('SolarWinds ARM over accounts synced from a real OpenLDAP', (t) => {
  let ldap: TestDirectory;
  let tenant: TenantRef;
  let arm: ArmSession;
  let directoryId: string;
  let users: Map<string, any>;
  before(async () => {
    if (!slapdMissing) ldap = await startDirectory();
  });
  after(() => ldap?.stop());

  test(
    'set-up: a tenant synced from the directory, and a signed-in admin',
    { skip: slapdMissing },
    async () => {
      tenant = await newTenant(t());
      directoryId = (await connectTestDirectory(t(), tenant, ldap)).id;
      answered(await sync(t(), tenant, directoryId));
      users = await usersByName(t(), tenant);
      arm = await armSession(t(), tenant);
    },
  );

  test(
    "a synced account's Guid is its entryUUID and its UriKey its DN, at login too",
    { skip: slapdMissing },
    async () => {
      const dave = users.get('dave');
      answered(await as(t(), tenant, 'PUT', `/v1/users/${dave.id}/password`, { password: ARM_PASSWORD }));
      const login = answered(
        await armLogin(t(), { username: `dave@${tenant.code}`, password: ARM_PASSWORD }),
      );
      assert.deepEqual(
        [login.User.SerializedAccountId, login.User.Guid, login.User.UriKey, login.User.Provider],
        [dave.id, dave.directory.externalId, peopleDn('dave'), 'OpenLDAP'],
      );
      assert.notEqual(login.User.Guid, dave.id);
    },
  );

  test(
    "GroupsByAccount: the account's groups, nested ones included, with their DNs and entryUUIDs",
    { skip: slapdMissing },
    async () => {
      const dave = users.get('dave');
      const groups = answered(
        await arm.request('GET', `${P}/GroupsByAccount?accountId=${dave.id}&provider=OpenLDAP`),
      );
      assert.deepEqual(
        groups.map((g: any) => [g.DisplayName, g.UriKey]),
        ['Engineering', 'Everyone', 'Platform'].map((name) => [name, groupDn(name)]),
      );
      const native = answered(await as(t(), tenant, 'GET', '/v1/groups?limit=50')).items;
      const platform = native.find((g: any) => g.name === 'Platform');
      const shown = groups.find((g: any) => g.DisplayName === 'Platform');
      assert.deepEqual([shown.SerializedAccountId, shown.Guid], [platform.id, platform.externalId]);
      assert.equal(shown.Description, 'Platform engineers');
      // ARM's scripts may name the account by its directory Guid (here the entryUUID) too.
      const byGuid = answered(
        await arm.request(
          'GET',
          `${P}/GroupsByAccount?accountId=${dave.directory.externalId}&provider=OpenLDAP`,
        ),
      );
      assert.deepEqual(byGuid, groups);
    },
  );

  test(
    "Attributes: what the tenant's directory reads, and what profiles require besides",
    { skip: slapdMissing },
    async () => {
      const groups = answered(await as(t(), tenant, 'GET', '/v1/groups?limit=50')).items;
      const platform = groups.find((g: any) => g.name === 'Platform');
      answered(
        await arm.request('POST', `${P}/CreateUpdate`, {
          Name: 'Platform',
          Groups: [platform.id],
          LdapAttributes: [{ Key: 'l', Value: 'Vienna' }],
        }),
      );
      const names = answered(await arm.request('GET', `${P}/Attributes`)).AvailableAttributes.map(
        (a: any) => a.Key,
      );
      assert.deepEqual(
        names,
        [...readAttributes, 'l'].toSorted((a, b) => a.localeCompare(b, 'en')),
      );
    },
  );

  test('a change in LDAP, once synced, flips IsNonCompliant', { skip: slapdMissing }, async () => {
    const [profile] = answered(await arm.request('GET', P)).filter((p: any) => p.Name === 'Platform');
    answered(await arm.request('POST', `${P}/CreateUpdate`, { Id: profile.Id, LdapAttributes: [] }));
    const [alice, dave] = [users.get('alice'), users.get('dave')];
    answered(
      await arm.request('POST', `${P}/Assign`, { ProfileId: profile.Id, AccountIds: [alice.id, dave.id] }),
    );
    const standing = async () =>
      new Map(
        answered(await arm.request('GET', `${P}/AssignmentsByProfileId?profileId=${profile.Id}`)).map(
          (r: any) => [r.UserName, r.IsNonCompliant],
        ),
      );
    assert.deepEqual(Object.fromEntries(await standing()), { alice: true, dave: false });
    const client = await ldap.admin();
    await client.modify(groupDn('Platform'), [
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'member', values: [peopleDn('alice')] }),
      }),
    ]);
    await client.unbind();
    answered(await sync(t(), tenant, directoryId));
    assert.deepEqual(Object.fromEntries(await standing()), { alice: false, dave: false });
    const counts = answered(await arm.request('POST', `${P}/AdditionalProfileInformation`, [profile.Id]));
    assert.deepEqual(counts[profile.Id], { AssignedAccountsCount: 2, NonCompliantAccountsCount: 0 });
  });
});
