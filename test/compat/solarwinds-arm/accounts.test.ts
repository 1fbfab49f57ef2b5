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

forEachApp("SolarWinds ARM accounts' groups and attributes", (t) => {
  let tenant: TenantRef;
  let arm: ArmSession;
  let ada: any;
  let staff: any;

  test('set-up: an account with directory groups and attributes, a group record it is a member of', async () => {
    tenant = await newTenant(t());
    arm = await armSession(t(), tenant);
    ada = await newUser(t(), tenant, {
      directory: {
        provider: 'AD',
        sid: 'S-1-5-21-7',
        actualGroups: ['Staff', 'VPN'],
        actualAttributes: [
          { name: 'department', value: 'Finance' },
          { name: 'proxyAddresses', value: 'smtp:a@corp' },
          { name: 'proxyAddresses', value: 'smtp:ada@corp' },
        ],
      },
    });
    staff = await create(t(), tenant, '/v1/groups', { name: 'staff', provider: 'AD', sid: 'S-1-5-21-1000' });
    await create(t(), tenant, '/v1/groups', { name: 'Printers', memberIds: [ada.id] });
    // A directory reading these attributes (never synced here: its configuration is what counts).
    await create(t(), tenant, '/v1/directories', {
      name: 'corp',
      url: 'ldap://directory.invalid:389',
      bindDn: 'cn=profiled,dc=corp',
      bindPassword: 'not used',
      baseDn: 'dc=corp',
      attributes: ['department', 'proxyAddresses'],
    });
    await create(t(), tenant, '/v1/profiles', {
      name: 'needs-title',
      desiredLdapAttributes: [{ name: 'title', value: 'Accountant' }],
    });
  });

  test("GroupsByAccount: the directory's groups (records where the tenant has them) and memberships", async () => {
    const groups = answered(await arm.request('GET', `${P}/GroupsByAccount?accountId=${ada.id}&provider=AD`));
    assert.deepEqual(
      groups.map((g: any) => [g.DisplayName, g.SerializedAccountId, g.IsGroup, g.TypeId]),
      [
        ['staff', staff.id, true, 2],
        ['VPN', 'VPN', true, 2],
        ['Printers', groups[2].Guid, true, 2],
      ],
    );
    assert.equal(groups[0].Sid, 'S-1-5-21-1000');
    assert.equal(groups[1].Guid, null, 'a group the tenant has no record of has no GUID');
    assert.match(
      groups[0].ResourceTypeGuid,
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(groups[0].ResourceTypeGuid, groups[1].ResourceTypeGuid, 'one resource type per provider');
    // The provider is matched ignoring case; another provider does not have the account.
    assert.equal(
      answered(await arm.request('GET', `${P}/GroupsByAccount?accountId=${ada.id}&provider=ad`)).length,
      3,
    );
    refusedWith(await arm.request('GET', `${P}/GroupsByAccount?accountId=${ada.id}&provider=AzureAD`), 404);
    // The account's SID names it as well as its id.
    assert.deepEqual(
      answered(await arm.request('GET', `${P}/GroupsByAccount?accountId=S-1-5-21-7&provider=AD`)),
      groups,
    );
  });

  test('GroupsByAccount and AttributesByAccount need accountId and provider: a 400 names the missing one', async () => {
    for (const path of ['GroupsByAccount', 'AttributesByAccount']) {
      refusedWith(await arm.request('GET', `${P}/${path}?provider=AD`), 400, /accountId/);
      refusedWith(await arm.request('GET', `${P}/${path}?accountId=${ada.id}`), 400, /provider/);
      refusedWith(await arm.request('GET', `${P}/${path}?accountId=&provider=AD`), 400, /accountId/);
      // A Guid or SID that names no account is as unknown as an id.
      refusedWith(await arm.request('GET', `${P}/${path}?accountId=S-1-5&provider=AD`), 404);
    }
  });

  test("Attributes: what the tenant's directories read and its profiles require, as text fields", async () => {
    const template = answered(await arm.request('GET', `${P}/Attributes`));
    assert.deepEqual(Object.keys(template), ['AvailableAttributes']);
    assert.deepEqual(
      template.AvailableAttributes.map((a: any) => a.Key),
      ['department', 'proxyAddresses', 'title'],
    );
    const [first] = template.AvailableAttributes;
    assert.deepEqual(Object.keys(first), ['Key', 'Value']);
    assert.deepEqual(Object.keys(first.Value), FORM_FIELD_KEYS);
    assert.deepEqual([first.Value.Type, first.Value.value, first.Value.label], ['text', '', 'department']);
  });

  test("AttributesByAccount fills the template with the account's values, one per line", async () => {
    answered(
      await as(t(), tenant, 'PATCH', `/v1/users/${ada.id}`, {
        directory: {
          actualAttributes: [
            { name: 'department', value: 'Finance' },
            { name: 'proxyAddresses', value: 'smtp:a@corp' },
            { name: 'proxyAddresses', value: 'smtp:ada@corp' },
            { name: 'mobile', value: 'not read by any directory' },
          ],
        },
      }),
    );
    const template = answered(
      await arm.request('GET', `${P}/AttributesByAccount?accountId=${ada.id}&provider=AD`),
    );
    const values = Object.fromEntries(template.AvailableAttributes.map((a: any) => [a.Key, a.Value.value]));
    assert.deepEqual(values, {
      department: 'Finance',
      proxyAddresses: 'smtp:a@corp\nsmtp:ada@corp',
      title: '',
    });
    // A value changed through the native API shows at once.
    answered(
      await as(t(), tenant, 'PATCH', `/v1/users/${ada.id}`, {
        directory: { actualAttributes: [{ name: 'title', value: 'Accountant' }] },
      }),
    );
    const after = answered(
      await arm.request('GET', `${P}/AttributesByAccount?accountId=${ada.id}&provider=AD`),
    );
    const title = after.AvailableAttributes.find((a: any) => a.Key === 'title');
    assert.equal(title.Value.value, 'Accountant');
  });

  test("another tenant's account answers as one never used", async () => {
    const other = await newTenant(t());
    const stranger = await newUser(t(), other, { directory: { provider: 'AD', actualGroups: ['Secret'] } });
    const never = '0190b7e4-0000-7000-8000-00000000dead';
    for (const path of ['GroupsByAccount', 'AttributesByAccount']) {
      const theirs = refusedWith(
        await arm.request('GET', `${P}/${path}?accountId=${stranger.id}&provider=AD`),
        404,
      );
      const none = refusedWith(await arm.request('GET', `${P}/${path}?accountId=${never}&provider=AD`), 404);
      assert.equal(
        theirs.ErrorDetails.Message.replace(stranger.id, '<id>'),
        none.ErrorDetails.Message.replace(never, '<id>'),
      );
    }
  });
});
