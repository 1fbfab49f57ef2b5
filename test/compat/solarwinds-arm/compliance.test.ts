import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { as, create, newTenant, newUser, type TenantRef } from '../../support/fixtures.js';
import {
  answered,
  armSession,
  FORM_FIELD_KEYS,
  refusedWith,
  type ArmSession,
} from '../../support/solarwinds-arm.js';

const P = '/api/v1/Profiles';

forEachApp('SolarWinds ARM assignments and compliance', (t) => {
  let tenant: TenantRef;
  let arm: ArmSession;
  let profileId: string;
  let ada: any;
  let bob: any;

  const assignments = async () =>
    answered(await arm.request('GET', `${P}/AssignmentsByProfileId?profileId=${profileId}`));
  const counts = async (ids: string[]) =>
    answered(await arm.request('POST', `${P}/AdditionalProfileInformation`, ids));

  test('set-up: a profile desiring a group and an attribute, and two accounts', async () => {
    tenant = await newTenant(t());
    arm = await armSession(t(), tenant);
    profileId = answered(
      await arm.request('POST', `${P}/CreateUpdate`, {
        Name: 'Finance',
        LdapAttributes: [{ Key: 'department', Value: 'Finance' }],
      }),
    ).Data.Id;
    answered(
      await as(t(), tenant, 'PATCH', `/v1/profiles/${profileId}`, {
        desiredGroups: [{ name: 'Finance-Users', provider: 'AD', sid: null }],
      }),
    );
    const compliant = {
      provider: 'AD',
      fqdn: 'CN=Ada,OU=Finance,DC=corp',
      actualGroups: ['Finance-Users'],
      actualAttributes: [{ name: 'department', value: 'Finance' }],
    };
    ada = await newUser(t(), tenant, { directory: compliant });
    bob = await newUser(t(), tenant, { directory: { provider: 'AD', actualGroups: [] } });
  });

  test('Assign gives the profile through core: the native API sees the assignments', async () => {
    const assigned = answered(
      await arm.request('POST', `${P}/Assign`, { ProfileId: profileId, AccountIds: [ada.id, bob.id] }),
    );
    assert.deepEqual(Object.keys(assigned), ['Success', 'Data', 'ResponseId', 'ErrorDetails']);
    assert.deepEqual(
      assigned.Data.map((d: any) => Object.keys(d)),
      [
        ['AccountId', 'AssignmentIds'],
        ['AccountId', 'AssignmentIds'],
      ],
    );
    const native = answered(
      await as(
        t(),
        tenant,
        'GET',
        `/v1/assignments?filter=${encodeURIComponent(`profileId eq "${profileId}"`)}`,
      ),
    );
    assert.deepEqual(native.items.map((a: any) => a.userId).sort(), [ada.id, bob.id].sort());
    assert.deepEqual(
      native.items.map((a: any) => a.id).sort(),
      assigned.Data.flatMap((d: any) => d.AssignmentIds).sort(),
    );
  });

  test('AssignmentsByProfileId shows each holder, IsNonCompliant by its directory facts', async () => {
    const rows = await assignments();
    assert.deepEqual(Object.keys(rows[0]), ['ProfileId', 'UserId', 'Fqdn', 'UserName', 'IsNonCompliant']);
    const byUser = new Map(rows.map((r: any) => [r.UserId, r]));
    assert.deepEqual(byUser.get(ada.id), {
      ProfileId: profileId,
      UserId: ada.id,
      Fqdn: 'CN=Ada,OU=Finance,DC=corp',
      UserName: ada.username,
      IsNonCompliant: false,
    });
    assert.equal((byUser.get(bob.id) as any).IsNonCompliant, true);
  });

  test("a change of an account's directory facts (native API) flips IsNonCompliant and the counts", async () => {
    assert.deepEqual(await counts([profileId]), {
      [profileId]: { AssignedAccountsCount: 2, NonCompliantAccountsCount: 1 },
    });
    answered(
      await as(t(), tenant, 'PATCH', `/v1/users/${ada.id}`, {
        directory: { actualAttributes: [{ name: 'department', value: 'Sales' }] },
      }),
    );
    answered(
      await as(t(), tenant, 'PATCH', `/v1/users/${bob.id}`, {
        directory: {
          actualGroups: ['finance-users'],
          actualAttributes: [{ name: 'Department', value: 'Finance' }],
        },
      }),
    );
    const rows = new Map((await assignments()).map((r: any) => [r.UserId, r.IsNonCompliant]));
    assert.deepEqual([rows.get(ada.id), rows.get(bob.id)], [true, false]);
    assert.deepEqual((await counts([profileId]))[profileId], {
      AssignedAccountsCount: 2,
      NonCompliantAccountsCount: 1,
    });
  });

  test('AdditionalProfileInformation: [] counts every profile; an unknown id is a 404 naming it', async () => {
    const idle = answered(await arm.request('POST', `${P}/CreateUpdate`, { Name: 'Idle' })).Data.Id;
    const all = await counts([]);
    assert.deepEqual(Object.keys(all).sort(), [profileId, idle].sort());
    assert.deepEqual(all[idle], { AssignedAccountsCount: 0, NonCompliantAccountsCount: 0 });
    const never = '0190b7e4-0000-7000-8000-00000000dead';
    refusedWith(
      await arm.request('POST', `${P}/AdditionalProfileInformation`, [idle, never]),
      404,
      new RegExp(never),
    );
    refusedWith(await arm.request('POST', `${P}/AdditionalProfileInformation`, { ids: [] }), 400);
  });

  test('Configuration round trip: the checkbox template, saved as a value or as the field', async () => {
    const template = answered(await arm.request('GET', `${P}/Configuration`));
    assert.deepEqual(Object.keys(template), ['are_unassigned_accounts_non_compliant']);
    const field = template.are_unassigned_accounts_non_compliant;
    assert.deepEqual(Object.keys(field), FORM_FIELD_KEYS);
    assert.deepEqual([field.Type, field.value, field.defaultValue], ['checkbox', false, false]);

    const saved = answered(
      await arm.request('POST', `${P}/Configuration`, {
        are_unassigned_accounts_non_compliant: { ...field, value: true },
      }),
    );
    assert.equal(saved.Success, true);
    assert.equal(saved.Data.are_unassigned_accounts_non_compliant.value, true);
    assert.equal(
      answered(await arm.request('GET', `${P}/Configuration`)).are_unassigned_accounts_non_compliant.value,
      true,
    );
    // Stored as the tenant's compliance setting, which the native API shows.
    const native = answered(await as(t(), tenant, 'GET', `/v1/tenants/${tenant.id}`));
    assert.equal(native.settings.unassignedAccountsNonCompliant, true);
    refusedWith(
      await arm.request('POST', `${P}/Configuration`, { are_unassigned_accounts_non_compliant: 'yes' }),
      400,
    );
    refusedWith(await arm.request('POST', `${P}/Configuration`, { other_setting: true }), 400);
  });

  test('the setting counts accounts holding no profile, which belong to no profile: per-profile counts stay', async () => {
    const before = await counts([profileId]);
    const carol = await newUser(t(), tenant);
    for (const value of [true, false]) {
      answered(
        await arm.request('POST', `${P}/Configuration`, { are_unassigned_accounts_non_compliant: value }),
      );
      assert.deepEqual(await counts([profileId]), before);
      assert.ok(!(await assignments()).some((r: any) => r.UserId === carol.id));
    }
  });

  test('Unassign takes the profile away; an account not holding it is a 404 and nothing changes', async () => {
    const refused = refusedWith(
      await arm.request('POST', `${P}/Unassign`, {
        ProfileId: profileId,
        AccountIds: [ada.id, (await newUser(t(), tenant)).id],
      }),
      404,
      /has no assignment/,
    );
    assert.equal(refused.ErrorDetails.Fields.length, 1);
    assert.equal((await assignments()).length, 2);
    const removed = answered(
      await arm.request('POST', `${P}/Unassign`, { ProfileId: profileId, AccountIds: [ada.id] }),
    );
    assert.equal(removed.Data[0].AccountId, ada.id);
    assert.equal(removed.Data[0].AssignmentIds.length, 1);
    assert.deepEqual(
      (await assignments()).map((r: any) => r.UserId),
      [bob.id],
    );
    const native = answered(
      await as(t(), tenant, 'GET', `/v1/assignments?filter=${encodeURIComponent(`userId eq "${ada.id}"`)}`),
    );
    assert.equal(native.items.length, 0);
  });

  test("Assign refuses another tenant's account or profile as one never used (404)", async () => {
    const other = await newTenant(t());
    const stranger = await newUser(t(), other);
    const theirs = await create(t(), other, '/v1/profiles', { name: 'Theirs' });
    refusedWith(
      await arm.request('POST', `${P}/Assign`, { ProfileId: profileId, AccountIds: [stranger.id] }),
      404,
      /does not exist/,
    );
    refusedWith(
      await arm.request('POST', `${P}/Assign`, { ProfileId: theirs.id, AccountIds: [bob.id] }),
      404,
      /does not exist/,
    );
    refusedWith(await arm.request('GET', `${P}/AssignmentsByProfileId?profileId=${theirs.id}`), 404);
    refusedWith(await arm.request('POST', `${P}/AdditionalProfileInformation`, [theirs.id]), 404);
    refusedWith(await arm.request('POST', `${P}/Assign`, { ProfileId: profileId, AccountIds: [] }), 400);
  });
});
