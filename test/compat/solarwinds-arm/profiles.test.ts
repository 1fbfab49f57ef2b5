import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { as, create, newTenant, type TenantRef } from '../../support/fixtures.js';
import { answered, armSession, refusedWith, type ArmSession } from '../../support/solarwinds-arm.js';

const P = '/api/v1/Profiles';
const PROFILE_KEYS = [
  'Id',
  'Name',
  'Description',
  'Color',
  'Initials',
  'CreationDateTimeLocal',
  'LastModifiedDateTimeLocal',
  'Groups',
  'LdapAttributes',
];
const ACCOUNT_KEYS = [
  'ResourceTypeGuid',
  'SerializedAccountId',
  'UriKey',
  'DisplayName',
  'Provider',
  'IsGroup',
  'Sid',
  'Guid',
  'Description',
  'Attributes',
  'ExtendedAttributes',
  'Children',
  'TypeId',
];
const CHANGE_RESULT = ['Success', 'Data', 'ResponseId', 'ErrorDetails'];

forEachApp('SolarWinds ARM profiles', (t) => {
  let tenant: TenantRef;
  let arm: ArmSession;
  let admins: any;

  test('set-up: a tenant in Tokyo time, a group record, a signed-in user', async () => {
    tenant = await newTenant(t(), undefined, { settings: { timeZone: 'Asia/Tokyo' } });
    admins = await create(t(), tenant, '/v1/groups', {
      name: 'Admins',
      provider: 'AD',
      sid: 'S-1-5-21-500',
      description: 'Domain admins',
    });
    arm = await armSession(t(), tenant);
  });

  test('CreateUpdate makes a profile: groups by id or SID, attributes, colour, in a ChangeResult', async () => {
    const made = answered(
      await arm.request('POST', `${P}/CreateUpdate`, {
        Name: 'Helpdesk',
        Description: 'First line',
        Color: 0xff8000,
        Initials: 'HD',
        Groups: [admins.id],
        LdapAttributes: [{ Key: 'department', Value: 'IT' }],
      }),
    );
    assert.deepEqual(Object.keys(made), CHANGE_RESULT);
    assert.equal(made.Success, true);
    assert.equal(made.ErrorDetails, null);
    const profile = made.Data;
    assert.deepEqual(Object.keys(profile), PROFILE_KEYS);
    assert.deepEqual([profile.Name, profile.Color, profile.Initials], ['Helpdesk', 0xff8000, 'HD']);
    assert.deepEqual(Object.keys(profile.Groups[0]), ACCOUNT_KEYS);
    assert.deepEqual(
      [profile.Groups[0].SerializedAccountId, profile.Groups[0].DisplayName, profile.Groups[0].Sid],
      [admins.id, 'Admins', 'S-1-5-21-500'],
    );
    assert.equal(profile.Groups[0].Description, 'Domain admins');
    assert.deepEqual(profile.LdapAttributes, [{ Key: 'department', Value: 'IT' }]);

    // The native API sees the same profile, its colour as #RRGGBB and its groups as desires.
    const native = answered(await as(t(), tenant, 'GET', `/v1/profiles/${profile.Id}`));
    assert.equal(native.color, '#FF8000');
    assert.deepEqual(native.desiredGroups, [{ name: 'Admins', provider: 'AD', sid: 'S-1-5-21-500' }]);
    assert.deepEqual(native.desiredLdapAttributes, [{ name: 'department', value: 'IT' }]);

    // The local times are Tokyo's wall clock, without offset.
    const created = new Date(native.createdAt);
    const tokyo = new Date(created.getTime() + 9 * 3_600_000).toISOString().slice(0, -1);
    assert.equal(profile.CreationDateTimeLocal, tokyo);
    assert.match(profile.LastModifiedDateTimeLocal, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  });

  test('GET lists the profiles by name; a group known only by name shows without a GUID', async () => {
    const native = await create(t(), tenant, '/v1/profiles', {
      name: 'Auditors',
      desiredGroups: [{ name: 'Audit', provider: 'AD', sid: null }],
    });
    const list = answered(await arm.request('GET', P));
    assert.deepEqual(
      list.map((p: any) => p.Name),
      ['Auditors', 'Helpdesk'],
    );
    const auditors = list[0];
    assert.equal(auditors.Id, native.id);
    assert.deepEqual([auditors.Description, auditors.Color, auditors.Initials], ['', null, null]);
    const group = auditors.Groups[0];
    assert.deepEqual(Object.keys(group), ACCOUNT_KEYS);
    assert.deepEqual(
      [group.SerializedAccountId, group.Guid, group.IsGroup, group.TypeId],
      ['Audit', null, true, 2],
    );
    // A profile read can be sent back as it is: its name-only group is kept.
    const back = answered(
      await arm.request('POST', `${P}/CreateUpdate`, { ...auditors, Description: 'Audit' }),
    );
    assert.deepEqual(back.Data.Groups, auditors.Groups);
    assert.equal(back.Data.Description, 'Audit');
  });

  test('CreateUpdate with the Id updates only the fields given; a group by SID resolves to its record', async () => {
    const [helpdesk] = answered(await arm.request('GET', P)).filter((p: any) => p.Name === 'Helpdesk');
    const updated = answered(
      await arm.request('POST', `${P}/CreateUpdate`, {
        Id: helpdesk.Id,
        Color: null,
        Groups: [{ Sid: 'S-1-5-21-500' }],
      }),
    ).Data;
    assert.equal(updated.Id, helpdesk.Id);
    assert.deepEqual([updated.Name, updated.Description, updated.Color], ['Helpdesk', 'First line', null]);
    assert.equal(updated.Groups[0].SerializedAccountId, admins.id);
    assert.deepEqual(updated.LdapAttributes, helpdesk.LdapAttributes);
    assert.equal(answered(await arm.request('GET', P)).length, 2, 'updated, not created');
    // The empty Guid creates, as ARM's client sends it for a new profile.
    const fresh = answered(
      await arm.request('POST', `${P}/CreateUpdate`, {
        Id: '00000000-0000-0000-0000-000000000000',
        Name: 'New',
      }),
    ).Data;
    assert.notEqual(fresh.Id, '00000000-0000-0000-0000-000000000000');
  });

  test('CreateUpdate refuses what it cannot save, as a ChangeResult with Success false and a 4xx', async () => {
    const cases: [object, number, RegExp][] = [
      [{ Description: 'no name' }, 400, /Name is required/],
      [
        { Name: 'X', Groups: ['S-1-5-21-404'] },
        400,
        /no group of this tenant has the id or SID "S-1-5-21-404"/,
      ],
      [{ Name: 'X', Color: 0x1000000 }, 400, /Color/],
      [{ Name: 'X', Color: '#FF0000' }, 400, /Color/],
      [{ Name: 'X', Unknown: true }, 400, /Unknown|additional/],
      [{ Name: 'Helpdesk' }, 409, /already in use/],
      [{ Id: '0190b7e4-0000-7000-8000-00000000dead', Name: 'X' }, 404, /does not exist/],
      [{ Id: 'not-a-guid', Name: 'X' }, 400, /Id/],
    ];
    for (const [body, status, message] of cases) {
      const refused = refusedWith(await arm.request('POST', `${P}/CreateUpdate`, body), status, message);
      assert.equal(refused.ErrorDetails.StatusCode, status);
    }
    const groups = refusedWith(
      await arm.request('POST', `${P}/CreateUpdate`, { Name: 'X', Groups: [{}] }),
      400,
    );
    assert.deepEqual(groups.ErrorDetails.Fields, [
      { Field: 'Groups/0', Message: 'a group needs its SerializedAccountId or Sid' },
    ]);
    refusedWith(
      await t().app.inject({
        method: 'POST',
        url: `${P}/CreateUpdate`,
        headers: { authorization: `Bearer ${arm.sessionId}`, 'content-type': 'application/json' },
        payload: '{"Name":',
      }),
      400,
    );
  });

  test('Delete takes ids in the body, or one profileId in the query; an unknown id deletes none', async () => {
    const make = async (Name: string) =>
      answered(await arm.request('POST', `${P}/CreateUpdate`, { Name })).Data.Id as string;
    const [a, b, c] = [await make('del-a'), await make('del-b'), await make('del-c')];
    const never = '0190b7e4-0000-7000-8000-00000000dead';
    refusedWith(await arm.request('POST', `${P}/Delete`, [a, never]), 404, new RegExp(never));
    assert.equal(answered(await as(t(), tenant, 'GET', `/v1/profiles/${a}`)).id, a, 'nothing deleted');
    const deleted = answered(await arm.request('POST', `${P}/Delete`, [a, b]));
    assert.deepEqual([deleted.Success, deleted.Data], [true, [a, b]]);
    const one = answered(await arm.request('DELETE', `${P}/Delete?profileId=${c}`));
    assert.deepEqual(one.Data, [c]);
    for (const id of [a, b, c])
      assert.equal((await as(t(), tenant, 'GET', `/v1/profiles/${id}`)).statusCode, 404);
    refusedWith(await arm.request('DELETE', `${P}/Delete?profileId=${c}`), 404);
    refusedWith(await arm.request('DELETE', `${P}/Delete`), 400, /profileId/);
  });

  test("another tenant's profiles are neither listed, updated nor deleted", async () => {
    const other = await newTenant(t());
    const theirs = await create(t(), other, '/v1/profiles', { name: 'Theirs' });
    assert.ok(!answered(await arm.request('GET', P)).some((p: any) => p.Id === theirs.id));
    const update = refusedWith(
      await arm.request('POST', `${P}/CreateUpdate`, { Id: theirs.id, Name: 'Mine now' }),
      404,
    );
    const never = refusedWith(
      await arm.request('POST', `${P}/CreateUpdate`, {
        Id: '0190b7e4-0000-7000-8000-00000000dead',
        Name: 'Mine now',
      }),
      404,
    );
    assert.equal(
      update.ErrorDetails.Message.replace(theirs.id, '<id>'),
      never.ErrorDetails.Message.replace('0190b7e4-0000-7000-8000-00000000dead', '<id>'),
    );
    refusedWith(await arm.request('POST', `${P}/Delete`, [theirs.id]), 404);
    assert.equal(answered(await as(t(), other, 'GET', `/v1/profiles/${theirs.id}`)).name, 'Theirs');
  });

  test("without settings.timeZone, local times are the server's wall clock", async () => {
    const plain = await newTenant(t());
    const session = await armSession(t(), plain);
    const made = answered(await session.request('POST', `${P}/CreateUpdate`, { Name: 'Local' })).Data;
    const native = answered(await as(t(), plain, 'GET', `/v1/profiles/${made.Id}`));
    const at = new Date(native.createdAt);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
    assert.equal(made.CreationDateTimeLocal, local);
  });
});
